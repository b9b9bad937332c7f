/**
 * Rule conditions: a composable, self-describing algebra over a ticket, its assignee, their availability and workload,
 * and the organisation's limits of authority.
 */
package dev.handover.core.rule;
