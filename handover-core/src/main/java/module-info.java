/**
 * The handover engine: rules, receiver checks, structured notes, reminders, calendars, the sweep and the review.
 * Framework-free: the SPI, SLF4J's API and the JDK only.
 */
module dev.handover.core {
    requires transitive dev.handover.spi;
    requires org.slf4j;
}
