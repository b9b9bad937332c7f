/** Internal helpers of the SPI; not exported, not API, may change without notice. */
package dev.handover.spi.internal;
