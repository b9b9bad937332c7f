/**
 * Business time: working hours per team or agent in their own time zone, overnight shifts, holidays (listed or
 * imported from iCalendar), and the arithmetic the engine does with them — "plus N business minutes", "next working
 * instant", "is this agent available before the deadline".
 */
package dev.handover.core.calendar;
