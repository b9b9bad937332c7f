package dev.handover.salesforce;

import dev.handover.salesforce.http.JwtAssertion;
import dev.handover.salesforce.http.OAuthCredentials;
import dev.handover.salesforce.http.Throttle;
import dev.handover.spi.CrmSettings;
import dev.handover.spi.CrmSettingsException;
import dev.handover.spi.Secret;
import dev.handover.spi.model.TicketPriority;
import dev.handover.spi.model.TicketStatus;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * The connector's settings, parsed and checked once: a wrong key or value fails {@code build()} with the key and what
 * was expected, never the first request. See {@code docs/salesforce.md} for every key.
 */
record Config(
        URI instanceUrl,
        String apiVersion,
        OAuthCredentials.Grant auth,
        NoteObject noteObject,
        ReadNotes readNotes,
        CaseFields caseFields,
        TaskFields taskFields,
        UserFields userFields,
        Map<String, String> customFields,
        Map<String, TicketStatus> statusMap,
        Map<String, TicketPriority> priorityMap,
        TaskPicklists taskPicklists,
        int keysKept,
        Duration directoryTtl,
        Duration caseCacheTtl,
        int caseCacheSize,
        Throttle.Limits limits,
        Retry retry,
        Duration connectTimeout,
        Duration readTimeout) {

    static final String PROVIDER = "salesforce";
    static final String DEFAULT_API_VERSION = "67.0";
    static final String NONE = "none";

    /** How notes are written. */
    enum NoteObject {
        CASE_COMMENT("CaseComment", 4000),
        FEED_ITEM("FeedItem", 10_000);

        final String sobject;
        /** The largest body stored as one record, in UTF-8 bytes (FeedItem counts characters: bytes ≤ characters). */
        final int maxBytes;

        NoteObject(String sobject, int maxBytes) {
            this.sobject = sobject;
            this.maxBytes = maxBytes;
        }
    }

    /** Which objects {@code comments()} reads. */
    enum ReadNotes {
        CASE_COMMENT,
        FEED_ITEM,
        BOTH;

        boolean caseComments() {
            return this != FEED_ITEM;
        }

        boolean feedItems() {
            return this != CASE_COMMENT;
        }
    }

    /** Case fields the adapter keeps its state in; {@code group} and {@code revision} may be absent. */
    record CaseFields(
            String tags,
            boolean tagsMultiPicklist,
            String keys,
            Optional<String> revision,
            Optional<String> group,
            Optional<String> language,
            Optional<String> contactLanguage) {}

    /** Task fields identifying a handover task and its exact due time. */
    record TaskFields(String handover, String key, String kind, String due) {}

    /** Optional User fields for the agent directory. */
    record UserFields(
            Optional<String> skills, Optional<String> languages, Optional<String> capacity, Optional<String> role) {}

    /** The org's Task picklist values the adapter writes. */
    record TaskPicklists(String open, String completed, String cancelled, String priority) {}

    /** Transient failures: attempts in all, with capped exponential backoff and full jitter. */
    record Retry(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {}

    static final Map<String, TicketStatus> DEFAULT_STATUS_MAP = orderedMap(
            "New", TicketStatus.NEW,
            "Working", TicketStatus.OPEN,
            "In Progress", TicketStatus.OPEN,
            "Open", TicketStatus.OPEN,
            "Escalated", TicketStatus.OPEN,
            "Waiting on Customer", TicketStatus.PENDING,
            "Pending", TicketStatus.PENDING,
            "On Hold", TicketStatus.ON_HOLD,
            "Waiting on Third Party", TicketStatus.ON_HOLD,
            "Solved", TicketStatus.SOLVED,
            "Resolved", TicketStatus.SOLVED,
            "Closed", TicketStatus.CLOSED);

    static final Map<String, TicketPriority> DEFAULT_PRIORITY_MAP = orderedMap(
            "Low", TicketPriority.LOW,
            "Medium", TicketPriority.NORMAL,
            "Normal", TicketPriority.NORMAL,
            "High", TicketPriority.HIGH,
            "Urgent", TicketPriority.URGENT,
            "Critical", TicketPriority.URGENT);

    /** Every key a setting may have; {@code fields.custom.<name>} comes on top. */
    static final Set<String> KEYS = Set.of(
            "instance-url",
            "api-version",
            "auth.flow",
            "auth.client-id",
            "auth.client-secret",
            "auth.username",
            "auth.private-key",
            "auth.audience",
            "auth.token-url",
            "notes.object",
            "notes.read",
            "fields.case.tags",
            "fields.case.tags-format",
            "fields.case.keys",
            "fields.case.revision",
            "fields.case.group",
            "fields.case.language",
            "fields.contact.language",
            "fields.task.handover",
            "fields.task.key",
            "fields.task.kind",
            "fields.task.due",
            "fields.user.skills",
            "fields.user.languages",
            "fields.user.capacity",
            "fields.user.role",
            "case.status-map",
            "case.priority-map",
            "task.status.open",
            "task.status.completed",
            "task.status.cancelled",
            "task.priority",
            "idempotency.keys-kept",
            "directory.ttl",
            "cache.case-ttl",
            "cache.case-max",
            "limits.slow-down-at",
            "limits.max-delay",
            "limits.stop-at",
            "limits.cooldown",
            "retry.max-attempts",
            "retry.initial-backoff",
            "retry.max-backoff",
            "http.connect-timeout",
            "http.read-timeout");

    private static final String CUSTOM_PREFIX = "fields.custom.";
    private static final Pattern CUSTOM_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern VERSION = Pattern.compile("v?(\\d{2,3}\\.0)");

    /** Parses settings; every problem is an {@link IllegalArgumentException} naming the key. */
    static Config from(CrmSettings s) {
        if (!s.provider().equals(PROVIDER)) {
            throw new IllegalArgumentException(
                    "settings are for provider '" + s.provider() + "', not '" + PROVIDER + "'");
        }
        for (String key : s.keys()) {
            if (!KEYS.contains(key) && !key.startsWith(CUSTOM_PREFIX)) {
                throw new CrmSettingsException(
                        PROVIDER,
                        key,
                        "a known setting",
                        Optional.of(key),
                        PROVIDER + " setting '" + key + "' is unknown" + suggestion(key) + "; see docs/salesforce.md",
                        null);
            }
        }
        URI instance = url(s, "instance-url", s.require("instance-url"));
        String version = s.get("api-version", DEFAULT_API_VERSION).strip();
        var m = VERSION.matcher(version);
        if (!m.matches()) {
            throw bad("api-version", "a version like 67.0 or v67.0", version);
        }
        NoteObject notes = switch (s.get("notes.object", "CaseComment").strip().toLowerCase(Locale.ROOT)) {
            case "casecomment" -> NoteObject.CASE_COMMENT;
            case "feeditem" -> NoteObject.FEED_ITEM;
            default -> throw bad("notes.object", "CaseComment or FeedItem", s.get("notes.object", ""));
        };
        ReadNotes read = switch (s.get("notes.read", notes == NoteObject.CASE_COMMENT ? "CaseComment" : "FeedItem")
                .strip()
                .toLowerCase(Locale.ROOT)) {
            case "casecomment" -> ReadNotes.CASE_COMMENT;
            case "feeditem" -> ReadNotes.FEED_ITEM;
            case "both" -> ReadNotes.BOTH;
            default -> throw bad("notes.read", "CaseComment, FeedItem or both", s.get("notes.read", ""));
        };
        if ((notes == NoteObject.CASE_COMMENT && !read.caseComments())
                || (notes == NoteObject.FEED_ITEM && !read.feedItems())) {
            throw new IllegalArgumentException(PROVIDER + " setting 'notes.read' must include the objects notes are "
                    + "written as (notes.object=" + notes.sobject + "), or written notes would not read back");
        }
        String tagsFormat = s.get("fields.case.tags-format", "text").strip().toLowerCase(Locale.ROOT);
        if (!tagsFormat.equals("text") && !tagsFormat.equals("multipicklist")) {
            throw bad("fields.case.tags-format", "text or multipicklist", tagsFormat);
        }
        CaseFields caseFields = new CaseFields(
                field(s, "fields.case.tags", "Handover_Tags__c"),
                tagsFormat.equals("multipicklist"),
                field(s, "fields.case.keys", "Handover_Keys__c"),
                optionalField(s, "fields.case.revision", "Handover_Revision__c"),
                optionalField(s, "fields.case.group", "Handover_Group__c"),
                optionalField(s, "fields.case.language", NONE),
                optionalField(s, "fields.contact.language", NONE));
        TaskFields taskFields = new TaskFields(
                field(s, "fields.task.handover", "Handover_Id__c"),
                field(s, "fields.task.key", "Handover_Task_Key__c"),
                field(s, "fields.task.kind", "Handover_Task_Kind__c"),
                field(s, "fields.task.due", "Handover_Due__c"));
        UserFields userFields = new UserFields(
                optionalField(s, "fields.user.skills", NONE),
                optionalField(s, "fields.user.languages", NONE),
                optionalField(s, "fields.user.capacity", NONE),
                optionalField(s, "fields.user.role", NONE));
        Map<String, String> custom = new LinkedHashMap<>();
        for (String key : s.keys()) {
            if (key.startsWith(CUSTOM_PREFIX)) {
                String name = key.substring(CUSTOM_PREFIX.length());
                if (!CUSTOM_NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException(PROVIDER + " setting '" + key
                            + "': the custom field's name must be 1–64 lower-case letters, digits, '_' or '-'");
                }
                custom.put(name, field(s, key, null));
            }
        }
        TaskPicklists picklists = new TaskPicklists(
                picklist(s, "task.status.open", "Not Started"),
                picklist(s, "task.status.completed", "Completed"),
                picklist(s, "task.status.cancelled", "Deferred"),
                picklist(s, "task.priority", "Normal"));
        if (picklists.open().equals(picklists.completed())
                || picklists.open().equals(picklists.cancelled())
                || picklists.completed().equals(picklists.cancelled())) {
            throw new IllegalArgumentException(PROVIDER + " settings 'task.status.open', 'task.status.completed' and "
                    + "'task.status.cancelled' must be three different Task statuses");
        }
        int keysKept = s.getInt("idempotency.keys-kept", 50);
        if (keysKept < 4 || keysKept > 1000) {
            throw bad("idempotency.keys-kept", "4–1000", Integer.toString(keysKept));
        }
        Duration directoryTtl = positive(s, "directory.ttl", Duration.ofMinutes(5));
        Duration caseTtl = positive(s, "cache.case-ttl", Duration.ofMinutes(10));
        int caseMax = s.getInt("cache.case-max", 10_000);
        if (caseMax < 0) {
            throw bad("cache.case-max", "0 or more", Integer.toString(caseMax));
        }
        double slowDownAt = fraction(s, "limits.slow-down-at", 0.8);
        double stopAt = fraction(s, "limits.stop-at", 0.98);
        if (stopAt < slowDownAt) {
            throw new IllegalArgumentException(PROVIDER + " setting 'limits.stop-at' (" + stopAt
                    + ") must not be below 'limits.slow-down-at' (" + slowDownAt + ")");
        }
        Throttle.Limits limits = new Throttle.Limits(
                slowDownAt,
                nonNegative(s, "limits.max-delay", Duration.ofSeconds(2)),
                stopAt,
                positive(s, "limits.cooldown", Duration.ofMinutes(5)));
        int attempts = s.getInt("retry.max-attempts", 4);
        if (attempts < 1 || attempts > 10) {
            throw bad("retry.max-attempts", "1–10", Integer.toString(attempts));
        }
        Duration initial = positive(s, "retry.initial-backoff", Duration.ofMillis(250));
        Duration max = positive(s, "retry.max-backoff", Duration.ofSeconds(8));
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException(
                    PROVIDER + " setting 'retry.max-backoff' must not be below 'retry.initial-backoff'");
        }
        return new Config(
                instance,
                m.group(1),
                auth(s, instance),
                notes,
                read,
                caseFields,
                taskFields,
                userFields,
                Collections.unmodifiableMap(custom),
                mapping(s, "case.status-map", DEFAULT_STATUS_MAP, TicketStatus.class),
                mapping(s, "case.priority-map", DEFAULT_PRIORITY_MAP, TicketPriority.class),
                picklists,
                keysKept,
                directoryTtl,
                caseTtl,
                caseMax,
                limits,
                new Retry(attempts, initial, max),
                positive(s, "http.connect-timeout", Duration.ofSeconds(10)),
                positive(s, "http.read-timeout", Duration.ofSeconds(60)));
    }

    private static OAuthCredentials.Grant auth(CrmSettings s, URI instance) {
        String flowName = s.get("auth.flow", "client-credentials").strip().toLowerCase(Locale.ROOT);
        OAuthCredentials.Grant.Flow flow = switch (flowName) {
            case "client-credentials" -> OAuthCredentials.Grant.Flow.CLIENT_CREDENTIALS;
            case "jwt-bearer" -> OAuthCredentials.Grant.Flow.JWT_BEARER;
            case "password", "username-password" ->
                throw new IllegalArgumentException(PROVIDER + " setting 'auth.flow': the username-password "
                        + "flow is blocked in new orgs and not supported; use client-credentials or jwt-bearer");
            default -> throw bad("auth.flow", "client-credentials or jwt-bearer", flowName);
        };
        if (s.secret("auth.client-id").isPresent()) {
            throw new IllegalArgumentException(PROVIDER + " setting 'auth.client-id' is the External Client App's "
                    + "consumer key: give it as a plain value, not a secret");
        }
        String clientId = s.require("auth.client-id").strip();
        if (clientId.isEmpty()) {
            throw bad("auth.client-id", "the consumer key", "");
        }
        URI tokenUrl = url(
                s,
                "auth.token-url",
                s.get("auth.token-url", stripSlash(instance.toString()) + "/services/oauth2/token"));
        for (String secretKey : List.of("auth.client-secret", "auth.private-key")) {
            if (s.get(secretKey).isPresent()) {
                throw new IllegalArgumentException(PROVIDER + " setting '" + secretKey
                        + "' was given as a plain value; give it as a secret so it never shows in logs");
            }
        }
        if (flow == OAuthCredentials.Grant.Flow.CLIENT_CREDENTIALS) {
            return OAuthCredentials.Grant.clientCredentials(clientId, s.requireSecret("auth.client-secret"), tokenUrl);
        }
        String user = s.require("auth.username").strip();
        String audience = s.get("auth.audience", "https://login.salesforce.com").strip();
        url(s, "auth.audience", audience);
        Secret key = s.requireSecret("auth.private-key");
        JwtAssertion.privateKey(key); // fail at build time, not at the first call
        return OAuthCredentials.Grant.jwtBearer(clientId, user, key, audience, tokenUrl);
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static URI url(CrmSettings s, String key, String value) {
        try {
            URI uri = new URI(value.strip());
            boolean loopback = uri.getHost() != null
                    && (uri.getHost().equals("localhost")
                            || uri.getHost().startsWith("127.")
                            || uri.getHost().equals("[::1]"));
            if (uri.getHost() == null
                    || !(("https".equals(uri.getScheme())) || ("http".equals(uri.getScheme()) && loopback))) {
                throw bad(key, "an https URL (http only on loopback)", value);
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw bad(key, "a URL without query or fragment", value);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw bad(key, "a URL", value);
        }
    }

    private static String field(CrmSettings s, String key, String defaultName) {
        String v = defaultName == null ? s.require(key) : s.get(key, defaultName);
        v = v.strip();
        if (v.equalsIgnoreCase(NONE)) {
            throw bad(key, "a field's API name (this field is required)", v);
        }
        try {
            return Soql.name(v);
        } catch (IllegalArgumentException e) {
            throw bad(key, "a field's API name like Handover_Tags__c", v);
        }
    }

    private static Optional<String> optionalField(CrmSettings s, String key, String defaultName) {
        String v = s.get(key, defaultName).strip();
        if (v.equalsIgnoreCase(NONE) || v.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Soql.name(v));
        } catch (IllegalArgumentException e) {
            throw bad(key, "a field's API name, or 'none'", v);
        }
    }

    private static String picklist(CrmSettings s, String key, String defaultValue) {
        String v = s.get(key, defaultValue).strip();
        if (v.isEmpty() || v.length() > 255) {
            throw bad(key, "a picklist value of 1–255 characters", v);
        }
        return v;
    }

    private static <E extends Enum<E>> Map<String, E> mapping(
            CrmSettings s, String key, Map<String, E> defaults, Class<E> type) {
        Optional<String> raw = s.get(key);
        if (raw.isEmpty()) {
            return defaults;
        }
        Map<String, E> out = new LinkedHashMap<>();
        for (String entry : raw.get().split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.lastIndexOf('=');
            if (eq <= 0) {
                throw bad(key, "entries like 'Waiting on Customer=PENDING' separated by ';'", entry.strip());
            }
            String vendor = entry.substring(0, eq).strip();
            String normalized = entry.substring(eq + 1).strip().toUpperCase(Locale.ROOT);
            E value;
            try {
                value = Enum.valueOf(type, normalized);
            } catch (IllegalArgumentException e) {
                throw bad(key, "one of " + java.util.Arrays.toString(type.getEnumConstants()), normalized);
            }
            if (out.put(vendor, value) != null) {
                throw bad(key, "each value once", vendor + " twice");
            }
        }
        if (out.isEmpty()) {
            throw bad(key, "at least one entry", raw.get());
        }
        return Collections.unmodifiableMap(out);
    }

    private static double fraction(CrmSettings s, String key, double defaultValue) {
        String v = s.get(key).orElse(null);
        if (v == null) {
            return defaultValue;
        }
        try {
            double d = Double.parseDouble(v.strip());
            if (d <= 0 || d > 1) {
                throw bad(key, "a fraction above 0 and at most 1, like 0.8", v);
            }
            return d;
        } catch (NumberFormatException e) {
            throw bad(key, "a fraction like 0.8", v);
        }
    }

    private static Duration positive(CrmSettings s, String key, Duration defaultValue) {
        Duration d = s.getDuration(key, defaultValue);
        if (d.isZero() || d.isNegative()) {
            throw bad(key, "a positive duration", d.toString());
        }
        return d;
    }

    private static Duration nonNegative(CrmSettings s, String key, Duration defaultValue) {
        Duration d = s.getDuration(key, defaultValue);
        if (d.isNegative()) {
            throw bad(key, "a duration of zero or more", d.toString());
        }
        return d;
    }

    private static IllegalArgumentException bad(String key, String expected, String was) {
        return new CrmSettingsException(PROVIDER, key, expected, Optional.of(was));
    }

    private static String suggestion(String key) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String known : new TreeSet<>(KEYS)) {
            int d = distance(key, known);
            if (d < bestDistance) {
                bestDistance = d;
                best = known;
            }
        }
        return best != null && bestDistance <= 3 ? " (did you mean '" + best + "'?)" : "";
    }

    private static int distance(String a, String b) {
        return LevenshteinDistance.getDefaultInstance().apply(a, b);
    }

    @SuppressWarnings("unchecked")
    private static <E> Map<String, E> orderedMap(Object... kv) {
        Map<String, E> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (E) kv[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }

    /** The REST base path: {@code /services/data/v67.0}. */
    String dataPath() {
        return "/services/data/v" + apiVersion;
    }

    /** The settings without credentials. */
    @Override
    public String toString() {
        return "Config[" + instanceUrl + ", v" + apiVersion + ", " + auth + ", notes " + noteObject.sobject + "]";
    }
}
