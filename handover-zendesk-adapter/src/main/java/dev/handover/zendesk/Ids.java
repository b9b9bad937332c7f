package dev.handover.zendesk;

import java.util.OptionalLong;

/** Zendesk ids are positive 64-bit numbers; the SPI carries them as text. Anything else names nothing in Zendesk. */
final class Ids {
    private Ids() {}

    /** The number an SPI id stands for, or empty when it is not a Zendesk id. */
    static OptionalLong parse(String value) {
        if (value == null || value.isEmpty() || value.length() > 19) {
            return OptionalLong.empty();
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return OptionalLong.empty();
            }
        }
        try {
            long n = Long.parseLong(value);
            return n > 0 ? OptionalLong.of(n) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
