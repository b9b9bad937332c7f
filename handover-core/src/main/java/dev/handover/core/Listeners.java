package dev.handover.core;

import dev.handover.core.event.HandoverEvent;
import dev.handover.core.event.HandoverListener;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The engine's listeners, told every event in the order they were added. A listener that fails is logged and does not
 * stop the handover or the others.
 */
final class Listeners implements HandoverListener {
    private final List<HandoverListener> listeners;

    Listeners(Collection<HandoverListener> initial) {
        this.listeners = new CopyOnWriteArrayList<>(initial);
    }

    void add(HandoverListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void on(HandoverEvent event) {
        for (HandoverListener l : listeners) {
            try {
                l.on(event);
            } catch (RuntimeException e) {
                EngineLog.LOG.warn(
                        "a handover listener failed on a {} event of ticket {}", event.type(), event.ticket(), e);
            }
        }
    }
}
