package dev.handover.salesforce;

import dev.handover.salesforce.http.OAuthCredentials;
import dev.handover.salesforce.http.Throttle;
import dev.handover.spi.helpers.HttpLimits;
import dev.handover.spi.model.TicketPriority;
import dev.handover.spi.model.TicketStatus;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the connector's builder resolved and checked, with the defaults filled in: what the collaborators are
 * made from. Made only by {@link SalesforceConnector.Builder}, from typed setters or from settings (see {@link
 * Settings} and {@code docs/salesforce.md} for every key).
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
        Set<String> licencesWithoutCases,
        Map<String, String> customFields,
        Map<String, TicketStatus> statusMap,
        Map<String, TicketPriority> priorityMap,
        TaskPicklists taskPicklists,
        int keysKept,
        Batches batches,
        Duration directoryTtl,
        Duration caseCacheTtl,
        int caseCacheSize,
        Throttle.Limits limits,
        Retry retry,
        Duration connectTimeout,
        Duration readTimeout,
        HttpLimits http) {

    /**
     * How big one composite write may be.
     *
     * @param casesPerCall the most Cases one call writes (Salesforce allows 200 records per collection); halved at run
     *     time, down to one, when the org's own automation makes a call exceed a governor limit
     * @param maxUrlBytes the longest URL of a subrequest, in bytes; guard queries are split to stay under it
     */
    record Batches(int casesPerCall, int maxUrlBytes) {}

    static final String PROVIDER = "salesforce";
    static final String DEFAULT_API_VERSION = "67.0";
    static final String NONE = "none";

    /**
     * Standard user licences that give no access to Cases: Chatter Free, Chatter External, Chatter Only (sold as
     * Chatter Plus) and Salesforce Platform (Lightning Platform Starter and Plus carry it) — Salesforce's ISVforce
     * user licence comparison lists no Case access for Lightning Platform
     * (developer.salesforce.com/docs/atlas.en-us.packagingGuide.meta/packagingGuide/isvforce_user_license_comparison.htm).
     * Names as {@code UserLicense.Name} holds them.
     */
    static final List<String> DEFAULT_LICENCES_WITHOUT_CASES =
            List.of("Chatter Free", "Chatter External", "Chatter Only", "Salesforce Platform");

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

        /** True when notes written as this object read back. */
        boolean includes(NoteObject written) {
            return written == NoteObject.CASE_COMMENT ? caseComments() : feedItems();
        }

        /** As the setting {@code notes.read} names it. */
        String label() {
            return switch (this) {
                case CASE_COMMENT -> "CaseComment";
                case FEED_ITEM -> "FeedItem";
                case BOTH -> "both";
            };
        }

        boolean caseComments() {
            return this != FEED_ITEM;
        }

        boolean feedItems() {
            return this != CASE_COMMENT;
        }
    }

    /**
     * Case fields the adapter keeps its state in, and the optional ones it reads; {@code group} and {@code revision}
     * may be absent.
     *
     * @param reopens a Case number field counting reopenings (an org's flow maintains it; Salesforce has none)
     * @param customerTier the customer's tier as a path from the Case, {@code Account.Service_Tier__c} or {@code
     *     Contact.Level__c}
     */
    record CaseFields(
            String tags,
            boolean tagsMultiPicklist,
            String keys,
            Optional<String> revision,
            Optional<String> group,
            Optional<String> language,
            Optional<String> contactLanguage,
            Optional<String> reopens,
            Optional<String> customerTier) {}

    /** Task fields identifying a handover task and its exact due time. */
    record TaskFields(String handover, String key, String kind, String due) {}

    /** Optional User fields for the agent directory. */
    record UserFields(
            Optional<String> skills, Optional<String> languages, Optional<String> capacity, Optional<String> role) {}

    /** The org's Task picklist values the adapter writes. */
    record TaskPicklists(String open, String completed, String cancelled, String priority) {}

    /** Transient failures: attempts in all, with capped exponential backoff and equal jitter. */
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
