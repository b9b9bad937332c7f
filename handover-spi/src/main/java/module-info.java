/**
 * The handover SPI: the contract between the engine and CRM adapters. Depends on the JDK only.
 */
module dev.handover.spi {
    exports dev.handover.spi;
    exports dev.handover.spi.model;
    exports dev.handover.spi.error;
    exports dev.handover.spi.helpers;
    exports dev.handover.spi.inbound;
    exports dev.handover.spi.selftest;

    uses dev.handover.spi.CrmProvider;
}
