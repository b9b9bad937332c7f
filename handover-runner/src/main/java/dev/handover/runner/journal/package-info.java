/**
 * The local journal: every handover event appended as one JSON line, flushed and fsync'd, rotated by size, read back
 * for the review report with a torn last line skipped.
 */
package dev.handover.runner.journal;
