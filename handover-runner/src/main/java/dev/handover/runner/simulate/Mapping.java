package dev.handover.runner.simulate;

import dev.handover.spi.CrmSettings;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the configuration's {@code crm.settings} say about the names of fields, so that an exported ticket is mapped as
 * the connector maps the same ticket read over the API: which custom field carries a name (the settings
 * {@code fields.<id>} and {@code fields.custom.<name>}), which holds the language, the tags, the group, the tier, and
 * the status and priority maps. Only these keys are read; secrets never are.
 *
 * @param settings the configuration's CRM settings, by key
 */
public record Mapping(Map<String, String> settings) {
    /** Copies. */
    public Mapping {
        settings = Map.copyOf(settings);
    }

    /** No settings: every default. */
    public static Mapping none() {
        return new Mapping(Map.of());
    }

    /** The settings of a configuration's {@code crm} section (values that are secrets are not copied). */
    public static Mapping of(CrmSettings crm) {
        return new Mapping(crm.values());
    }

    Optional<String> get(String key) {
        String v = settings.get(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    String get(String key, String fallback) {
        return get(key).orElse(fallback);
    }

    /** The keys under a prefix, without it, in order; for {@code fields.<id>} and {@code fields.custom.<name>}. */
    Map<String, String> under(String prefix) {
        Map<String, String> out = new TreeMap<>();
        settings.forEach((k, v) -> {
            if (k.startsWith(prefix) && k.length() > prefix.length()) {
                out.put(k.substring(prefix.length()), v.strip());
            }
        });
        return out;
    }
}
