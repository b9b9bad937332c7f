/**
 * The Request Tracker 5 adapter: {@link dev.handover.rt.RtConnector}, a {@code CrmConnector} over RT's REST 2.0 API,
 * and {@link dev.handover.rt.RtProvider}, which makes one from settings under the provider name {@code rt}. How RT's
 * tickets, queues, users, comments, correspondence and reminders map to handover's model is in {@code docs/rt.md}.
 */
package dev.handover.rt;
