/**
 * A self-test run's HTTP exchanges, saved with secrets and personal data redacted as JSON lines, and read back: the
 * fixture format the adapters' tests replay, so that a report from a real account becomes a regression test.
 */
package dev.handover.selftest.record;
