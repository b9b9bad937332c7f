/**
 * Who receives a handover: targets (a named agent, a queue, the line manager, the best available colleague, the next
 * shift, the original owner), what a receiver must offer, and the {@link dev.handover.core.routing.Selection} that
 * says who was chosen and why the others were not.
 */
package dev.handover.core.routing;
