/**
 * Files the runner writes that hold customer names, ticket ids or feedback (state, journal, write-ahead, lock, seen
 * webhook deliveries, reports): created readable by their owner only.
 */
package dev.handover.runner.files;
