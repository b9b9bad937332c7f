/**
 * Replaying a recorded self-test: {@link dev.handover.testkit.replay.ReplayServer} answers a connector on loopback
 * with the answers a real account gave, in the order it gave them, so that a report from an integrator's sandbox
 * becomes a regression test of the adapter.
 */
package dev.handover.testkit.replay;
