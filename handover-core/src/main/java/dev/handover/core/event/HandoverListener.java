package dev.handover.core.event;

/**
 * Receives handover events. Called synchronously on the thread doing the work; keep it quick. An exception from a
 * listener is logged and does not affect the handover or the other listeners.
 */
@FunctionalInterface
public interface HandoverListener {
    /** One event. */
    void on(HandoverEvent event);
}
