/**
 * How the engine retries a CRM write that failed transiently: how often, and how long it waits in between. Built on
 * the SPI's {@link dev.handover.spi.helpers.Backoff} and {@link dev.handover.spi.helpers.Sleeper}. Not API: the
 * package is not exported.
 */
package dev.handover.core.retry;
