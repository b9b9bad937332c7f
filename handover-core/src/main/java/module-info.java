/**
 * The handover engine: rules, receiver checks, structured notes, customer notices, reminders, calendars, the sweep
 * and the review. Framework-free: the SPI, SLF4J's API and the JDK only.
 *
 * <p>Exports the API only. The engine behind {@code Handovers} is package-private or sits in packages that are not
 * exported: {@code followup}, {@code selection}, {@code rendering}, {@code marker}, {@code retry}, {@code wording}.
 */
module dev.handover.core {
    requires transitive dev.handover.spi;
    requires org.slf4j;

    exports dev.handover.core;
    exports dev.handover.core.calendar;
    exports dev.handover.core.event;
    exports dev.handover.core.inbox;
    exports dev.handover.core.note;
    exports dev.handover.core.notice;
    exports dev.handover.core.policy;
    exports dev.handover.core.routing;
    exports dev.handover.core.rule;
}
