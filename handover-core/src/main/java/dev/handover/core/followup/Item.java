package dev.handover.core.followup;

import dev.handover.core.event.HandoverEvent.ItemKind;
import java.util.Objects;

/**
 * What a follow-up step is about: the receiver's acknowledgement, one required action, the next customer contact, or a
 * dated promise to the customer.
 *
 * @param kind which of them
 * @param key its name on the ticket and in events: {@code ack}, the action's key ({@code action-1}), {@code contact}
 */
record Item(ItemKind kind, String key) {
    static final Item ACKNOWLEDGEMENT = new Item(ItemKind.ACKNOWLEDGEMENT, ItemKind.ACKNOWLEDGEMENT.code());
    static final Item CONTACT = new Item(ItemKind.CONTACT, ItemKind.CONTACT.code());

    Item {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
    }

    /** The item of a dated promise to the customer, by the promise's key. */
    static Item promise(String key) {
        return new Item(ItemKind.PROMISE, key);
    }

    /** The item of a required action, by the action's key. */
    static Item action(String key) {
        return new Item(ItemKind.ACTION, key);
    }

    @Override
    public String toString() {
        return key;
    }
}
