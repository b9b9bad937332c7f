/** The {@code bin/handover} command line: demo, worker, manual handovers, reports. */
module dev.handover.runner {
    requires dev.handover.core;
    requires dev.handover.testkit;
    requires info.picocli;

    opens dev.handover.runner to
            info.picocli;
}
