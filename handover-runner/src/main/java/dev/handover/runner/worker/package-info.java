/**
 * The worker behind {@code handover run}: polls changed tickets, hands over at shift ends and absences, sweeps due
 * follow-ups, reconciles, receives Zendesk webhooks, keeps its position in a state file and recovers the journal after
 * a crash.
 */
package dev.handover.runner.worker;
