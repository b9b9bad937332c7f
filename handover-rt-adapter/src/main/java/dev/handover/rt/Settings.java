package dev.handover.rt;

import dev.handover.spi.CrmSettings;
import dev.handover.spi.helpers.SettingsReader;
import dev.handover.spi.model.TicketStatus;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The {@code rt} settings map (docs/rt.md lists every key): each key is read with the SPI's {@link SettingsReader} and
 * handed to the typed option of {@link RtConnector.Builder} it names, so a refusal is reported at the key.
 */
final class Settings {
    private static final String TICKET_FIELDS = "fields.ticket.";
    private static final String STATUSES = "statuses.";
    private static final List<String> KEYS = List.of(
            "url",
            "auth.type",
            "auth.token",
            "auth.user",
            "auth.password",
            "timeouts.connect",
            "timeouts.read",
            "http.deadline",
            "http.max-body-bytes",
            "retry.max-attempts",
            "retry.base-delay",
            "retry.max-delay",
            "retry.max-retry-after",
            "fields.tags",
            "fields.channel",
            "fields.key",
            "fields.task",
            "fields.task-body",
            "directory.skills-field",
            "directory.languages-field",
            "directory.manager-field",
            "directory.capacity-field",
            "directory.role-field",
            "directory.ttl",
            "priorities.normal",
            "priorities.high",
            "priorities.urgent",
            "notes.max-bytes",
            "queues");

    private Settings() {}

    static void read(CrmSettings settings, RtConnector.Builder b) {
        SettingsReader s = SettingsReader.of(settings)
                .known(KEYS)
                .knownPrefix(TICKET_FIELDS, TICKET_FIELDS + "<handover field name>")
                .knownPrefix(STATUSES, STATUSES + "<RT status>")
                .checkKnown();
        String url = s.required("url");
        s.apply("url", () -> b.url(URI.create(url)));
        String type = s.choice("auth.type", "token", SettingsReader.ordered("token", "token", "basic", "basic"));
        if (type.equals("basic")) {
            String user = s.required("auth.user");
            var password = s.requiredSecret("auth.password");
            s.apply("auth.password", () -> b.basicAuth(user, password));
        } else {
            var token = s.requiredSecret("auth.token");
            s.apply("auth.token", () -> b.token(token));
        }
        duration(s, "timeouts.connect", b::connectTimeout);
        duration(s, "timeouts.read", b::readTimeout);
        duration(s, "http.deadline", b::deadline);
        s.size("http.max-body-bytes").ifPresent(n -> s.apply("http.max-body-bytes", () -> b.maxBodyBytes(n)));
        if (s.has("retry.max-attempts") || s.has("retry.base-delay") || s.has("retry.max-delay")) {
            int attempts = s.integer("retry.max-attempts", 4, 1, 10);
            Duration base = s.duration("retry.base-delay", Duration.ofMillis(500));
            Duration max = s.duration("retry.max-delay", Duration.ofSeconds(20));
            String last = s.has("retry.max-delay")
                    ? "retry.max-delay"
                    : s.has("retry.base-delay") ? "retry.base-delay" : "retry.max-attempts";
            s.apply(last, () -> b.retry(attempts, base, max));
        }
        duration(s, "retry.max-retry-after", b::maxRetryAfter);
        text(s, "fields.tags", b::tagsField);
        text(s, "fields.channel", b::channelField);
        text(s, "fields.key", b::keyField);
        text(s, "fields.task", b::taskField);
        text(s, "fields.task-body", b::taskBodyField);
        for (String key : s.keysUnder(TICKET_FIELDS)) {
            String name = key.substring(TICKET_FIELDS.length());
            String rt = s.string(key).orElseThrow();
            s.apply(key, () -> b.ticketField(name, rt));
        }
        text(s, "directory.skills-field", b::skillsField);
        text(s, "directory.languages-field", b::languagesField);
        text(s, "directory.manager-field", b::managerField);
        text(s, "directory.capacity-field", b::capacityField);
        text(s, "directory.role-field", b::roleField);
        duration(s, "directory.ttl", b::directoryTtl);
        Map<String, TicketStatus> choices = SettingsReader.ordered(
                "new", TicketStatus.NEW,
                "open", TicketStatus.OPEN,
                "pending", TicketStatus.PENDING,
                "on-hold", TicketStatus.ON_HOLD,
                "solved", TicketStatus.SOLVED,
                "closed", TicketStatus.CLOSED);
        for (String key : s.keysUnder(STATUSES)) {
            String raw = key.substring(STATUSES.length());
            TicketStatus status = s.choice(key, TicketStatus.OPEN, choices);
            s.apply(key, () -> b.status(raw, status));
        }
        if (s.hasAnyUnder("priorities.")) {
            int normal = s.integer("priorities.normal", 25, Integer.MIN_VALUE, Integer.MAX_VALUE);
            int high = s.integer("priorities.high", 75, Integer.MIN_VALUE, Integer.MAX_VALUE);
            int urgent = s.integer("priorities.urgent", 101, Integer.MIN_VALUE, Integer.MAX_VALUE);
            String last = s.has("priorities.urgent")
                    ? "priorities.urgent"
                    : s.has("priorities.high") ? "priorities.high" : "priorities.normal";
            s.apply(last, () -> b.priorities(normal, high, urgent));
        }
        s.string("queues")
                .ifPresent(v -> s.apply(
                        "queues",
                        () -> b.queues(java.util.Arrays.stream(v.split(","))
                                .map(String::strip)
                                .filter(q -> !q.isEmpty())
                                .toArray(String[]::new))));
        Optional<Integer> max = s.parse("notes.max-bytes", "a whole number", Integer::parseInt);
        max.ifPresent(n -> s.apply("notes.max-bytes", () -> b.maxNoteBytes(n)));
    }

    private static void duration(SettingsReader s, String key, Consumer<Duration> setter) {
        s.duration(key).ifPresent(d -> s.apply(key, () -> setter.accept(d)));
    }

    private static void text(SettingsReader s, String key, Consumer<String> setter) {
        s.string(key).ifPresent(v -> s.apply(key, () -> setter.accept(v)));
    }
}
