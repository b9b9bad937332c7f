/**
 * Proving a connector against a live account before handover is switched on. {@link dev.handover.selftest.SelfTest}
 * runs the live-safe probes of {@link dev.handover.selftest.LiveSuite} — the part of the connector contract that is
 * safe to run against a real account, on tickets it creates for the purpose — then the connector's own vendor probes,
 * and discards what it created; {@link dev.handover.selftest.SelfTestReport} is the verdict table.
 */
package dev.handover.selftest;
