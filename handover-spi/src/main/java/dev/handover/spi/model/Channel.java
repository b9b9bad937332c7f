package dev.handover.spi.model;

import dev.handover.spi.internal.Checks;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The channel a ticket came in through, as a lower-case token. The common channels are constants; a CRM may report
 * others (for example {@code whatsapp}), which stay distinct values rather than collapsing into "other".
 *
 * @param name lower-case letters, digits, hyphens or underscores
 */
public record Channel(String name) {
    private static final Pattern FORM = Pattern.compile("[a-z0-9_-]{1,40}");

    /** E-mail. */
    public static final Channel EMAIL = new Channel("email");
    /** A web form or help centre. */
    public static final Channel WEB = new Channel("web");
    /** Telephone. */
    public static final Channel PHONE = new Channel("phone");
    /** Live chat. */
    public static final Channel CHAT = new Channel("chat");
    /** Messaging apps. */
    public static final Channel MESSAGING = new Channel("messaging");
    /** Social media. */
    public static final Channel SOCIAL = new Channel("social");
    /** Created through an API or integration. */
    public static final Channel API = new Channel("api");
    /** Unknown or not reported. */
    public static final Channel OTHER = new Channel("other");

    /** Validates the token. */
    public Channel {
        Checks.matches(name, FORM, "channel", "1–40 lower-case letters, digits, '-' or '_'");
    }

    /** The channel for a vendor value, lower-cased; blank values become {@link #OTHER}. */
    public static Channel of(String name) {
        if (name == null || name.isBlank()) {
            return OTHER;
        }
        return new Channel(name.strip().toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return name;
    }
}
