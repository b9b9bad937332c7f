package dev.handover.runner;

/** The runner's exit codes. */
final class ExitCodes {
    /** Everything worked. */
    static final int OK = 0;
    /** The work failed (a CRM error, a failed handover). */
    static final int FAILED = 1;
    /** The command line or the configuration is wrong. */
    static final int USAGE = 2;
    /** The CRM could not be reached at start within {@code worker.startup.retryFor} ({@code run}). */
    static final int UNREACHABLE = 3;

    private ExitCodes() {}
}
