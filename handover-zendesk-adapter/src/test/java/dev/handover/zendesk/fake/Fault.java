package dev.handover.zendesk.fake;

/** What the fake does instead of (or after) answering a request; see {@link FaultRule}. */
public enum Fault {
    /** The connection is reset (TCP RST), no answer. */
    CONNECTION_RESET,
    /** The connection is closed without a byte of answer. */
    EMPTY_REPLY,
    /** {@code 500} with a plain-text body. */
    SERVER_ERROR,
    /** {@code 503} with {@code Retry-After}. */
    SERVICE_UNAVAILABLE,
    /** {@code 200} with a body that is not valid JSON (a truncated answer). */
    MALFORMED_JSON,
    /** No answer until the test calls {@link FakeZendesk#releaseHangs()} (or a safety limit passes): a time-out. */
    HANG,
    /** {@code 429} with {@code Retry-After}. */
    RATE_LIMITED,
    /** {@code 422} {@code RecordInvalid}: a refusal that retrying does not change. */
    UNPROCESSABLE,
    /**
     * {@code 409} before processing although the version was current: two requests changed one ticket at the same
     * moment (Zendesk: "409 Conflict", https://developer.zendesk.com/api-reference/introduction/requests; the body's
     * wording is not documented and is the fake's).
     */
    COLLISION
}
