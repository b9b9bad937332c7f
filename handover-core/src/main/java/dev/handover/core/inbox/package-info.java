/**
 * What agents write on a ticket to take part in a handover from inside their helpdesk: {@code #handover ack} and
 * {@code #handover feedback missing: history; comment: …} in an internal note. {@link
 * dev.handover.core.inbox.InboxCommand#parse} reads them; {@link dev.handover.core.Handovers#inbox} acts on them.
 */
package dev.handover.core.inbox;
