/**
 * Helpers every adapter needs, so that a connector is its vendor's mapping and little else (as {@code org.slf4j.helpers}
 * is for SLF4J providers): {@link dev.handover.spi.helpers.Sleeper}, the one wait seam; {@link
 * dev.handover.spi.helpers.Backoff}, capped exponential backoff with jitter and {@code Retry-After}; {@link
 * dev.handover.spi.helpers.SettingsReader}, which reads {@link dev.handover.spi.CrmSettings} with known keys, typed
 * values and did-you-mean ({@link dev.handover.spi.helpers.DidYouMean}); {@link dev.handover.spi.helpers.HttpLimits}, an
 * overall deadline and a body limit for one HTTP exchange; {@link dev.handover.spi.helpers.Redirects}, which keeps
 * credentials from following a redirect to another host. JDK only.
 */
package dev.handover.spi.helpers;
