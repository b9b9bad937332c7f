package dev.handover.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handover.salesforce.http.Json;
import dev.handover.salesforce.http.Transport;
import dev.handover.salesforce.http.VendorError;
import dev.handover.spi.Assignment;
import dev.handover.spi.TaskDraft;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.UpdateResult;
import dev.handover.spi.error.CrmException;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.TaskKind;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.selftest.Probe;
import dev.handover.spi.selftest.ProbeContext;
import dev.handover.spi.selftest.ProbeResult;
import dev.handover.spi.selftest.TestTicket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Salesforce probes of {@code handover selftest}: each checks one thing the adapter assumes about Salesforce or
 * about this org, writing only to the test Cases it creates through {@link ProbeContext#createTicket}. A refusal the
 * probe did not expect becomes a failure with the probe's own fix, so one probe never hides the others.
 */
final class SelfTestProbes {
    /** "The length of the URI, including the query string, is limited to 16,384 bytes" (REST API Developer Guide). */
    static final int URI_LIMIT = 16_384;
    /** The smallest {@code limits.max-url-bytes} the settings accept. */
    static final int MIN_URL_SETTING = 2_000;

    private static final Pattern API_USAGE = Pattern.compile("api-usage=(\\d+)/(\\d+)");
    private static final HandoverId HANDOVER = HandoverId.of("ho-selftest");

    private SelfTestProbes() {}

    /** A probe from its name, assumption and body; a refusal the body does not catch fails it with {@code fix}. */
    private record Named(String name, String assumption, String fix, BiFunction<Probe, ProbeContext, ProbeResult> body)
            implements Probe {
        @Override
        public ProbeResult run(ProbeContext context) {
            try {
                return body.apply(this, context);
            } catch (CrmException e) {
                return ProbeResult.fail(this, "Salesforce refused the probe: " + SelfTest.describe(e), fix);
            } catch (Transport.WriteOutcomeUnknown e) {
                return ProbeResult.warn(
                        this,
                        "the probe's write ended without a readable answer: " + SelfTest.describe(e.failure()),
                        "run the self-test again; if it repeats, check the connection to the org");
            }
        }
    }

    /** One composite subrequest's answer. */
    private record Sub(int status, JsonNode body) {
        boolean ok() {
            return status >= 200 && status <= 299;
        }

        List<VendorError> errors() {
            return VendorError.parse(body);
        }

        String described() {
            VendorError e = dev.handover.salesforce.http.Errors.primary(errors());
            return "HTTP " + status + (e.code().isEmpty() ? "" : " " + e.code())
                    + (e.fields().isEmpty() ? "" : " on " + String.join(", ", e.fields()));
        }
    }

    static List<Probe> all(SelfTest support) {
        Config config = support.config();
        Transport transport = support.transport();
        List<Probe> out = new ArrayList<>();
        out.add(new Named(
                "sandbox",
                "The org says whether it is a sandbox (Organization.IsSandbox), so the self-test never writes to"
                        + " production by mistake.",
                "grant the integration user read access to the Organization object (View Setup and Configuration)",
                (p, ctx) -> {
                    boolean sandbox = support.sandbox().orElseThrow();
                    return sandbox
                            ? ProbeResult.pass(p, "Organization.IsSandbox is true: this org is a sandbox")
                            : ProbeResult.warn(
                                    p,
                                    "Organization.IsSandbox is false: this org is production",
                                    "run the self-test against a sandbox; production needs the explicit override");
                }));
        out.add(new Named(
                "subrequest-url-length",
                "A composite subrequest URL may be as long as limits.max-url-bytes ("
                        + config.batches().maxUrlBytes() + " bytes), and the org refuses one over 16,384 bytes.",
                "set limits.max-url-bytes to " + MIN_URL_SETTING + " and run the self-test again",
                (p, ctx) -> urlLength(p, ctx, config, transport)));
        out.add(new Named(
                "collection-errors-shape",
                "A refused record inside an allOrNone sObject Collection is attributed to its own Case, whether the"
                        + " org answers per record or one error array.",
                "set write.cases-per-call=1, so that every refusal names its Case",
                (p, ctx) -> collectionErrors(p, ctx, config, transport)));
        out.add(new Named(
                "internal-feed-item",
                "A FeedItem with Visibility=InternalUsers may be posted on a Case"
                        + (config.noteObject() == Config.NoteObject.FEED_ITEM
                                ? " (notes.object=FeedItem writes every internal note so)."
                                : " (needed only with notes.object=FeedItem; notes are CaseComments now)."),
                "set notes.object=CaseComment (internal notes become CaseComments with IsPublished=false)",
                (p, ctx) -> internalFeedItem(p, ctx, config, transport)));
        out.add(new Named(
                "feed-item-query",
                "The org answers the worker's query for Chatter posts on Cases (FeedItem, Type TextPost, by"
                        + " CreatedDate), which finds #handover commands posted in a Case's feed"
                        + (config.readNotes().feedItems()
                                ? " (notes.read includes FeedItem: one such query per pass)."
                                : " (needed only when notes.read includes FeedItem; it does not now)."),
                "grant the integration user Read on the Case feed (Chatter on, feed tracking on Case, Read on the"
                        + " Cases), or set notes.read=CaseComment and give feedback in private Case Comments",
                (p, ctx) -> feedItemQuery(p, ctx, config, support.reader(), transport)));
        out.add(new Named(
                "required-on-close",
                "A test Case can be closed (Status '" + support.closedStatus() + "') when it may not be deleted: no"
                        + " validation rule or required field refuses it.",
                "give the integration user Delete on Cases, or exempt it from the validation rules on closing",
                (p, ctx) -> requiredOnClose(p, ctx, support, transport)));
        out.add(new Named(
                "assignment-kept",
                "The owner a handover writes (with Sforce-Auto-Assign: FALSE) is kept: no assignment rule, flow or"
                        + " Omni-Channel routing takes the Case afterwards.",
                "exclude the integration user's updates from the Case assignment rules, flows and Omni-Channel routing",
                (p, ctx) -> assignmentKept(p, ctx, transport)));
        out.add(new Named(
                "task-due-time",
                "A handover task keeps its due time of day in "
                        + config.taskFields().due()
                        + " (fields.task.due), because Task.ActivityDate holds a date only.",
                "create " + config.taskFields().due()
                        + " on Task as a Date/Time field, or name one with fields.task.due",
                (p, ctx) -> taskDueTime(p, ctx, config, transport)));
        out.add(new Named(
                "rate-limit-headers",
                "Every API answer carries Sforce-Limit-Info: api-usage=N/M, which paces the adapter before the daily"
                        + " limit (limits.slow-down-at, limits.stop-at).",
                "check that no proxy between the worker and Salesforce strips the Sforce-Limit-Info header",
                (p, ctx) -> rateLimitHeaders(p, transport)));
        return List.copyOf(out);
    }

    private static Ticket testCase(ProbeContext ctx, String probe, String why) {
        return ctx.createTicket(new TestTicket(probe, "Created by handover selftest to check: " + why, Set.of()));
    }

    /** Writes only to the self-test's own Cases: the one rule no probe may break. */
    private static String own(ProbeContext ctx, Ticket t) {
        if (!ctx.isOwn(t.id())) {
            throw new IllegalStateException("probe would write to Case " + t.id() + ", which it did not create");
        }
        return t.id().value();
    }

    /** One subrequest in a composite of its own (allOrNone), so that its answer is read whatever it is. */
    private static Sub sub(Transport transport, String method, String url, JsonNode body, String what) {
        ObjectNode request = Json.MAPPER.createObjectNode();
        request.put("allOrNone", true);
        ObjectNode s = request.putArray("compositeRequest").addObject();
        s.put("method", method);
        s.put("url", transport.dataPath() + url);
        s.put("referenceId", "probe");
        if (body != null) {
            s.set("body", body);
        }
        s.putObject("httpHeaders").put("Sforce-Auto-Assign", "FALSE");
        JsonNode r = transport.composite(request, !method.equals("GET"), what).path(0);
        return new Sub(r.path("httpStatusCode").asInt(0), r.path("body"));
    }

    // ------------------------------------------------------------------ subrequest-url-length

    private static ProbeResult urlLength(Probe p, ProbeContext ctx, Config config, Transport transport) {
        int setting = config.batches().maxUrlBytes();
        String caseId = testCase(ctx, p.name(), p.assumption()).id().value();
        int under = URI_LIMIT - 4;
        int over = URI_LIMIT + 16;
        Map<Integer, Boolean> accepted = lengths(transport, caseId, new TreeSet<>(List.of(setting, under, over)));
        if (!accepted.get(setting)) {
            // find what the org does take, between the setting's minimum and the refused value
            TreeSet<Integer> steps = new TreeSet<>();
            for (int k = 0; k < 5; k++) {
                steps.add(MIN_URL_SETTING + k * (setting - MIN_URL_SETTING) / 5);
            }
            Map<Integer, Boolean> lower = lengths(transport, caseId, steps);
            Optional<Integer> largest = lower.entrySet().stream()
                    .filter(Map.Entry::getValue)
                    .map(Map.Entry::getKey)
                    .reduce(Math::max);
            return ProbeResult.fail(
                    p,
                    "the org refused a subrequest URL of " + setting + " bytes, the length limits.max-url-bytes allows"
                            + largest.map(l -> "; it accepted " + l + " bytes").orElse(""),
                    largest.map(l -> "set limits.max-url-bytes=" + l)
                            .orElse("set limits.max-url-bytes=" + MIN_URL_SETTING
                                    + " and check for a proxy that shortens URLs"));
        }
        if (accepted.get(over)) {
            if (setting >= URI_LIMIT) {
                return ProbeResult.pass(
                        p,
                        "the org accepted a subrequest URL of " + over + " bytes; limits.max-url-bytes=" + setting
                                + " is already the largest the adapter allows");
            }
            return ProbeResult.warn(
                    p,
                    "the org accepted a subrequest URL of " + over + " bytes, more than the 16,384 the adapter assumes;"
                            + " limits.max-url-bytes=" + setting + " splits version-guard queries sooner than needed",
                    "set limits.max-url-bytes=" + URI_LIMIT + " (its largest value) to split fewer guard queries");
        }
        return ProbeResult.pass(
                p,
                "the org " + (accepted.get(under) ? "accepted " + under + " bytes and " : "")
                        + "refused a subrequest URL of " + over + " bytes; limits.max-url-bytes=" + setting
                        + " is below what it accepts");
    }

    /** Sends one query subrequest per length, in composites of five; true where the org ran the query. */
    private static Map<Integer, Boolean> lengths(Transport transport, String caseId, TreeSet<Integer> lengths) {
        Map<Integer, Boolean> out = new LinkedHashMap<>();
        List<Integer> all = List.copyOf(lengths);
        for (int from = 0; from < all.size(); from += Transport.QUERIES_PER_CALL) {
            List<Integer> chunk = all.subList(from, Math.min(all.size(), from + Transport.QUERIES_PER_CALL));
            ObjectNode request = Json.MAPPER.createObjectNode();
            request.put("allOrNone", false);
            ArrayNode subs = request.putArray("compositeRequest");
            for (int i = 0; i < chunk.size(); i++) {
                ObjectNode s = subs.addObject();
                s.put("method", "GET");
                s.put("url", urlOfLength(transport.dataPath(), caseId, chunk.get(i)));
                s.put("referenceId", "len" + i);
            }
            ArrayNode results = transport.composite(request, false, "probing subrequest URL lengths");
            for (int i = 0; i < chunk.size(); i++) {
                JsonNode r = results.path(i);
                int status = r.path("httpStatusCode").asInt(0);
                boolean found = false;
                for (JsonNode rec : r.path("body").path("records")) {
                    found |= caseId.equals(rec.path("Id").asText());
                }
                out.put(chunk.get(i), status >= 200 && status <= 299 && found);
            }
        }
        return out;
    }

    /**
     * A query URL of exactly {@code bytes} bytes: the test Case's id among made-up Case ids (well formed, so the
     * query is valid; they match nothing), padded with spaces (one byte each, encoded as {@code +}).
     */
    static String urlOfLength(String dataPath, String caseId, int bytes) {
        String prefix = dataPath + "/query?q=";
        List<String> ids = new ArrayList<>(List.of(caseId));
        String soql = soql(ids);
        for (long n = 1; ; n++) {
            ids.add(Ids.normalize(String.format("500%012d", n)).orElseThrow());
            String longer = soql(ids);
            if (prefix.length() + encoded(longer).length() > bytes) {
                break;
            }
            soql = longer;
        }
        int pad = bytes - prefix.length() - encoded(soql).length();
        return prefix + encoded(soql + " ".repeat(Math.max(0, pad)));
    }

    private static String soql(List<String> ids) {
        return Soql.select("Id").from("Case").where(Soql.inIds("Id", ids)).build();
    }

    private static String encoded(String soql) {
        return URLEncoder.encode(soql, StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ collection-errors-shape

    private static ProbeResult collectionErrors(Probe p, ProbeContext ctx, Config config, Transport transport) {
        Ticket a = testCase(ctx, p.name() + " (valid)", p.assumption());
        Ticket b = testCase(ctx, p.name() + " (refused)", p.assumption());
        // the vendor's answer itself: Case.Subject holds 255 characters, so the second record is refused
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("allOrNone", true);
        ArrayNode records = body.putArray("records");
        ObjectNode ra = records.addObject();
        ra.putObject("attributes").put("type", "Case");
        ra.put("id", own(ctx, a));
        ra.put("Subject", TestTicket.LABEL + p.name() + " (valid, updated)");
        ObjectNode rb = records.addObject();
        rb.putObject("attributes").put("type", "Case");
        rb.put("id", own(ctx, b));
        rb.put("Subject", TestTicket.LABEL + "x".repeat(300));
        Sub answer = sub(transport, "PATCH", "/composite/sobjects", body, "probing a refused sObject Collection");
        String shape;
        if (answer.body().isArray()
                && answer.body().size() == 2
                && answer.body().path(0).has("success")) {
            shape = "per record";
        } else if (!answer.ok() && !answer.errors().isEmpty()) {
            shape = "one error array (" + answer.described() + ")";
        } else {
            shape = "an answer of neither documented shape (HTTP " + answer.status() + ")";
        }
        // the adapter's own attribution: one of two handovers is refused by Salesforce (its tags overflow the
        // tags field, 32,768 characters by default), the other must land
        TicketUpdate fine =
                TicketUpdate.builder(a.id()).addTag("handover_selftest_ok").build();
        TicketUpdate.Builder overflowing = TicketUpdate.builder(b.id());
        for (int i = 0; i < 420; i++) {
            overflowing.addTag(String.format("selftest_overflow_%03d_", i) + "x".repeat(56));
        }
        List<UpdateResult> results = ctx.crm().applyAll(List.of(fine, overflowing.build()));
        boolean right = results.get(0).isSuccess() && !results.get(1).isSuccess();
        if (!results.get(1).isSuccess() && !results.get(0).isSuccess()) {
            return ProbeResult.fail(
                    p,
                    "the org answers a refused collection " + shape + "; the adapter failed both Cases for one"
                            + " refused record",
                    "set write.cases-per-call=1, so that every refusal names its Case");
        }
        if (!right) {
            return ProbeResult.warn(
                    p,
                    "the org answers a refused collection " + shape + "; the probe could not make Salesforce refuse"
                            + " one handover (the tags field "
                            + config.caseFields().tags()
                            + " holds more than 33,000 characters), so the adapter's attribution was not tested",
                    "none needed for handovers; to test attribution, run against an org with the default field size");
        }
        return ProbeResult.pass(
                p,
                "the org answers a refused collection " + shape + "; the adapter failed only the refused Case ("
                        + results.get(1).error().map(SelfTest::describe).orElse("refused") + ") and wrote the other");
    }

    // ------------------------------------------------------------------ internal-feed-item

    /*
     * FeedItem.Visibility is "AllUsers" or "InternalUsers" (FeedItem, Object Reference:
     * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_feeditem.htm;
     * the same two values in ConnectApi.FeedItemInput.visibility,
     * https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_connectapi_input_feedItem.htm).
     * Internal-only visibility exists to hide posts from external (community / Experience Cloud) users; an org without
     * them may not offer the field, so the post is what tells.
     */
    private static ProbeResult internalFeedItem(Probe p, ProbeContext ctx, Config config, Transport transport) {
        Ticket t = testCase(ctx, p.name(), p.assumption());
        ObjectNode item = Json.MAPPER.createObjectNode();
        item.put("ParentId", own(ctx, t));
        item.put("Type", "TextPost");
        item.put("Body", TestTicket.LABEL + "an internal note, visible to internal users only");
        item.put("Visibility", "InternalUsers");
        Sub answer = sub(transport, "POST", "/sobjects/FeedItem", item, "posting an internal FeedItem");
        boolean feedNotes = config.noteObject() == Config.NoteObject.FEED_ITEM;
        if (answer.ok()) {
            return ProbeResult.pass(p, "a FeedItem with Visibility=InternalUsers was posted on a test Case");
        }
        String refused = "the org refused a FeedItem with Visibility=InternalUsers (" + answer.described() + ")";
        if (feedNotes) {
            return ProbeResult.fail(
                    p,
                    refused + ", and notes.object=FeedItem writes every internal note that way",
                    "set notes.object=CaseComment (internal notes become CaseComments with IsPublished=false)");
        }
        return ProbeResult.warn(
                p,
                refused + "; notes are CaseComments (notes.object=CaseComment), which this does not affect",
                "keep notes.object=CaseComment in this org; notes.object=FeedItem would fail every handover");
    }

    // ------------------------------------------------------------------ feed-item-query

    /*
     * Whether a post in a record's feed changes the record's LastModifiedDate is not documented (FeedItem, Object
     * Reference, https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_feeditem.htm,
     * names ParentId, Type and CreatedDate, filterable, and says nothing of the parent), so the worker asks for posts
     * by their own CreatedDate; this probe posts on a test Case, runs that query and reports what the Case did.
     */
    private static ProbeResult feedItemQuery(
            Probe p, ProbeContext ctx, Config config, Reader reader, Transport transport) {
        boolean needed = config.readNotes().feedItems();
        Ticket t = testCase(ctx, p.name(), p.assumption());
        String caseId = own(ctx, t);
        ObjectNode item = Json.MAPPER.createObjectNode();
        item.put("ParentId", caseId);
        item.put("Type", "TextPost");
        item.put("Body", TestTicket.LABEL + "#handover ack (a test post; no handover is acknowledged)");
        Sub posted = sub(transport, "POST", "/sobjects/FeedItem", item, "posting on a test Case's feed");
        java.util.Set<dev.handover.spi.model.TicketId> found;
        try {
            found = reader.commentedSince(t.createdAt(), true); // asked whatever notes.read says, to tell
        } catch (CrmException e) {
            String refused = "the org refused the query for Chatter posts (" + SelfTest.describe(e) + ")";
            if (needed) {
                return ProbeResult.fail(
                        p,
                        refused + ": with notes.read including FeedItem every pass fails to read them, and #handover"
                                + " commands posted in a Case's feed are missed",
                        "grant the integration user Read on FeedItem and the Cases (Chatter on, feed tracking on"
                                + " Case), or set notes.read=CaseComment and give feedback in private Case Comments");
            }
            return ProbeResult.warn(
                    p,
                    refused + "; notes.read leaves FeedItems out, so the worker does not send it",
                    "keep notes.read=CaseComment in this org; notes.read=FeedItem or both would fail every pass");
        }
        if (!posted.ok()) {
            return ProbeResult.warn(
                    p,
                    "the org answered the query for Chatter posts, but refused a post on a test Case ("
                            + posted.described() + "), so whether it finds one was not tested",
                    "allow the integration user to post in Case feeds (Chatter on, feed tracking on Case) and run the"
                            + " self-test again");
        }
        String touched = caseTouched(transport, caseId, t)
                ? "the post changed the Case's LastModifiedDate here, so the search by change finds it as well"
                : "the post left the Case's LastModifiedDate as it was, so only this query finds it";
        if (!found.contains(t.id())) {
            return needed
                    ? ProbeResult.fail(
                            p,
                            "the query for Chatter posts did not find the post on a test Case: #handover commands"
                                    + " posted in a Case's feed are missed (" + touched + ")",
                            "grant the integration user Read on all Cases' feeds (View All on Case), or set"
                                    + " notes.read=CaseComment and give feedback in private Case Comments")
                    : ProbeResult.warn(
                            p,
                            "the query for Chatter posts did not find the post on a test Case; notes.read leaves"
                                    + " FeedItems out, so the worker does not send it",
                            "keep notes.read=CaseComment in this org");
        }
        return ProbeResult.pass(
                p,
                "the query for Chatter posts found the post on a test Case; " + touched
                        + (needed ? "" : " (notes.read leaves FeedItems out: the worker does not send it)"));
    }

    /** Whether the test Case's LastModifiedDate moved past its creation (the post being the only change). */
    private static boolean caseTouched(Transport transport, String caseId, Ticket t) {
        JsonNode r = transport
                .query(
                        Soql.select("LastModifiedDate")
                                .from("Case")
                                .where(Soql.eqId("Id", caseId))
                                .build(),
                        "re-reading test Case " + caseId)
                .path("records")
                .path(0);
        return readInstant(r, "LastModifiedDate")
                .filter(m -> m.isAfter(t.updatedAt()))
                .isPresent();
    }

    // ------------------------------------------------------------------ required-on-close

    private static ProbeResult requiredOnClose(Probe p, ProbeContext ctx, SelfTest support, Transport transport) {
        Ticket t = testCase(ctx, p.name(), p.assumption());
        String closed = support.closedStatus();
        ObjectNode close = Json.MAPPER.createObjectNode().put("Status", closed);
        Sub answer = sub(transport, "PATCH", "/sobjects/Case/" + own(ctx, t), close, "closing a test Case");
        if (answer.ok()) {
            return ProbeResult.pass(p, "a test Case was closed with Status '" + closed + "'");
        }
        VendorError e = dev.handover.salesforce.http.Errors.primary(answer.errors());
        String fields = e.fields().isEmpty() ? "fields the error does not name" : String.join(", ", e.fields());
        if (Set.of("FIELD_CUSTOM_VALIDATION_EXCEPTION", "REQUIRED_FIELD_MISSING")
                .contains(e.code())) {
            return ProbeResult.warn(
                    p,
                    "closing a test Case was refused (" + answer.described() + "): the org requires " + fields
                            + " on closing; handovers never close Cases, but the self-test cannot close its test Cases"
                            + " where it may not delete them",
                    "give the integration user Delete on Cases, or exempt it from the rule requiring " + fields
                            + " (for a validation rule: add $User.Id <> '<integration user id>' to its formula)");
        }
        return ProbeResult.fail(
                p,
                "closing a test Case was refused (" + answer.described() + ")",
                "grant the integration user Edit on Cases and on the Status field");
    }

    // ------------------------------------------------------------------ assignment-kept

    private static ProbeResult assignmentKept(Probe p, ProbeContext ctx, Transport transport) {
        Ticket t = testCase(ctx, p.name(), p.assumption());
        String caseId = own(ctx, t);
        String receiver = Ids.userId(ctx.team().receiver(), "test receiver");
        ctx.crm()
                .apply(TicketUpdate.builder(t.id())
                        .assign(Assignment.toAgent(ctx.team().receiver()))
                        .build());
        JsonNode r = transport
                .query(
                        Soql.select("OwnerId")
                                .from("Case")
                                .where(Soql.eqId("Id", caseId))
                                .build(),
                        "re-reading the owner of test Case " + caseId)
                .path("records")
                .path(0);
        String owner = r.path("OwnerId").asText("");
        if (Ids.normalize(owner).orElse(owner).equals(receiver)) {
            return ProbeResult.pass(p, "the test Case kept the owner the handover wrote, the test receiver");
        }
        return ProbeResult.fail(
                p,
                "the handover wrote the test receiver as owner, but the Case is now owned by " + owner
                        + ": an assignment rule, flow or Omni-Channel routing took it although the adapter sent"
                        + " Sforce-Auto-Assign: FALSE (it always does; there is no setting for it)",
                "exclude the integration user's updates (LastModifiedById) or Cases whose "
                        + "handover tags field is set from the assignment rule, the flow or the Omni-Channel routing");
    }

    // ------------------------------------------------------------------ task-due-time

    /*
     * Task.ActivityDate is a date: "This field has a time stamp that is always set to midnight in the Universal Time
     * Coordinated (UTC) time zone" (OpenActivity / ActivityHistory, Object Reference,
     * https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-openactivity.html;
     * Task: https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_task.htm).
     * The adapter keeps the exact due instant in fields.task.due and the reminder in ReminderDateTime.
     */
    private static ProbeResult taskDueTime(Probe p, ProbeContext ctx, Config config, Transport transport) {
        Ticket t = testCase(ctx, p.name(), p.assumption());
        String caseId = own(ctx, t);
        Instant due = ctx.clock()
                .instant()
                .truncatedTo(ChronoUnit.DAYS)
                .plus(Duration.ofDays(1).plusHours(14).plusMinutes(37));
        Instant remind = due.minus(Duration.ofMinutes(30));
        ctx.crm()
                .apply(TicketUpdate.builder(t.id())
                        .createTask(TaskDraft.builder(HANDOVER, "selftest-due", TaskKind.ACTION)
                                .owner(ctx.team().sender())
                                .subject(TestTicket.LABEL + "due at 14:37 UTC")
                                .body("Created by handover selftest; discarded with its Case.")
                                .due(due)
                                .remindAt(remind)
                                .build())
                        .build());
        String dueField = config.taskFields().due();
        JsonNode task = transport
                .query(
                        Soql.select("Id", "ActivityDate", "ReminderDateTime", dueField)
                                .from("Task")
                                .where(Soql.eqId("WhatId", caseId))
                                .build(),
                        "re-reading the test task of Case " + caseId)
                .path("records")
                .path(0);
        Optional<Instant> kept = readInstant(task, dueField);
        Optional<Instant> reminder = readInstant(task, "ReminderDateTime");
        String date = task.path("ActivityDate").asText("none");
        if (kept.filter(due::equals).isPresent()) {
            return ProbeResult.pass(
                    p,
                    "the task kept " + due + " in " + dueField + " (ActivityDate " + date + ", a date only)"
                            + (reminder.filter(remind::equals).isPresent() ? " and its reminder at " + remind : ""));
        }
        return ProbeResult.warn(
                p,
                "the task keeps only " + kept.map(Instant::toString).orElse("the date " + date) + " of the due time "
                        + due + ": " + dueField + " does not hold the time of day",
                "create " + dueField + " on Task as a Date/Time field (not a Date), or set fields.task.due to one");
    }

    private static Optional<Instant> readInstant(JsonNode r, String field) {
        try {
            return Json.instant(r, field);
        } catch (RuntimeException e) {
            return Optional.empty(); // a date, not a date and time
        }
    }

    // ------------------------------------------------------------------ rate-limit-headers

    /*
     * "This response header is returned in each request to REST API (except for calls to the Versions URI, /)":
     * Sforce-Limit-Info: api-usage=10018/100000 (Limit Info Header, REST API Developer Guide,
     * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/headers_api_usage.htm).
     */
    private static ProbeResult rateLimitHeaders(Probe p, Transport transport) {
        transport.query(SelfTest.SANDBOX_SOQL, "reading the org's API usage");
        Optional<String> info = transport.lastLimitInfo();
        Matcher m = API_USAGE.matcher(info.orElse(""));
        if (m.find()) {
            long used = Long.parseLong(m.group(1));
            long max = Long.parseLong(m.group(2));
            return ProbeResult.pass(
                    p,
                    "the answer carried Sforce-Limit-Info: api-usage=" + used + "/" + max
                            + (max > 0 ? " (" + (100 * used / max) + "% of the daily allocation used)" : ""));
        }
        return ProbeResult.warn(
                p,
                info.isEmpty()
                        ? "the answer carried no Sforce-Limit-Info header: the adapter cannot slow down before the daily"
                                + " limit and only pauses for limits.cooldown after REQUEST_LIMIT_EXCEEDED"
                        : "the answer's Sforce-Limit-Info has no api-usage=N/M",
                "check that no proxy between the worker and Salesforce strips the Sforce-Limit-Info header");
    }
}
