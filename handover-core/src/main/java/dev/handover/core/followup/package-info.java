/**
 * Following handovers up: acknowledgements, the reminder schedule (check-ins, reminders, re-targeting and escalation
 * in the recipients' working hours and outside their quiet hours), completion checks, and the sweep that writes each
 * due step once, with the ticket as its memory. Not API: the package is not exported; embedders use {@link
 * dev.handover.core.Handovers#sweep()} and {@link dev.handover.core.Handovers#acknowledge}.
 */
package dev.handover.core.followup;
