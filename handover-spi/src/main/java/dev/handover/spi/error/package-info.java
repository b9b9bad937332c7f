/**
 * The one unchecked exception hierarchy every connector reports failures with, rooted at {@link
 * dev.handover.spi.error.CrmException}; each carries the vendor, HTTP status and vendor error code where known.
 */
package dev.handover.spi.error;
