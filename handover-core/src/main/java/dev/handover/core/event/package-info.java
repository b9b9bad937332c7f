/** Handover events — planned, executed, refused, failed, warned and, with follow-up, more — and their listeners. */
package dev.handover.core.event;
