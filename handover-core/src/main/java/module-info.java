/**
 * The handover engine: rules, receiver checks, structured notes, customer notices, reminders, calendars, the sweep
 * and the review. Framework-free: the SPI, SLF4J's API and the JDK only.
 */
module dev.handover.core {
    requires transitive dev.handover.spi;
    requires org.slf4j;

    exports dev.handover.core;
    exports dev.handover.core.calendar;
    exports dev.handover.core.event;
    exports dev.handover.core.note;
    exports dev.handover.core.notice;
    exports dev.handover.core.policy;
    exports dev.handover.core.routing;
    exports dev.handover.core.rule;
}
