/**
 * Who receives a handover: targets (a named agent, a queue, the line manager, the best available colleague, the next
 * shift, the original owner) and the receiver check that refuses unfit receivers and says why.
 */
package dev.handover.core.routing;
