package dev.handover.runner.config;

import java.util.Objects;

/**
 * An agent or group id the configuration names, with where it is written, so a check against the CRM's directory can
 * point at the line.
 *
 * @param kind agent or group
 * @param id the id as written
 * @param at where
 * @param key the key's path
 */
public record Reference(Kind kind, String id, Location at, String key) {
    /** What the id names. */
    public enum Kind {
        /** An agent (user) id. */
        AGENT,
        /** A group or queue id. */
        GROUP
    }

    /** Validates. */
    public Reference {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(key, "key");
    }
}
