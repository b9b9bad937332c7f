/**
 * Proving a connector against the integrator's own sandbox before it is switched on: a connector that offers {@link
 * dev.handover.spi.selftest.SelfTestSupport} creates and discards labelled test tickets, says whether the account is a
 * sandbox, and declares {@link dev.handover.spi.selftest.Probe probes} of what it assumes about the vendor and the
 * account. Each probe answers a {@link dev.handover.spi.selftest.ProbeResult}: what was assumed, what the account
 * answered, the verdict and the fix. {@link dev.handover.spi.selftest.Exchange} records what went over the wire so
 * that a run against a real account can be replayed as a test fixture.
 */
package dev.handover.spi.selftest;
