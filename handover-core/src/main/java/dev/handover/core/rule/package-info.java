/**
 * Rule conditions: a composable, self-describing algebra over a ticket, its assignee, their availability and workload,
 * and the organisation's limits of authority; {@link dev.handover.core.rule.RuleContext} is what a condition is tested
 * against.
 */
package dev.handover.core.rule;
