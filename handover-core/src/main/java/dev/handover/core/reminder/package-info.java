/**
 * Following handovers up: the schedule of check-ins, reminders, re-targeting and escalation that a reminder policy
 * gives each handover, in business time and outside quiet hours, and the tactful wording of the notes.
 */
package dev.handover.core.reminder;
