package dev.handover.core.note;

import dev.handover.core.marker.Markers;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.TicketId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The machine-readable core of a handover, as the last line of its note — the trailer — carries it: enough to rebuild
 * and continue the handover from the ticket alone (a worker that starts cold reads it back with {@link #find(String)}).
 * Times are kept to the second; texts are at most {@value #MAX_TEXT} characters (the note itself holds them in full).
 *
 * @param id the handover
 * @param ticket the ticket
 * @param rule the rule that made it, or {@code manual}
 * @param reason the reason's code
 * @param from the sender, if an agent
 * @param to the receiving agent, if an agent
 * @param group the receiving group or queue, if any
 * @param at when it happened
 * @param acknowledgeBy when the receiver must acknowledge, if required
 * @param contactBy when the customer must next hear from us, if known
 * @param reminderPolicy the name of the reminder policy that follows it up
 * @param returnAt when the sender returns and takes the ticket back (absences), if set
 * @param actions the required actions
 * @param promises the promises made to the customer
 * @param chain earlier handovers of the ticket, oldest first (at most {@value #MAX_CHAIN}: the first, which holds the
 *     original summary, and the latest)
 * @param summary the issue in a few words as this handover's note gave it, condensed, if known
 * @param did what the sender had done before handing over, condensed, if known
 */
public record HandoverRecord(
        HandoverId id,
        TicketId ticket,
        String rule,
        String reason,
        Optional<AgentId> from,
        Optional<AgentId> to,
        Optional<GroupId> group,
        Instant at,
        Optional<Instant> acknowledgeBy,
        Optional<Instant> contactBy,
        String reminderPolicy,
        Optional<Instant> returnAt,
        List<Action> actions,
        List<Promise> promises,
        List<Link> chain,
        Optional<String> summary,
        Optional<String> did) {

    /** The longest text a record keeps; a longer one is cut at a word boundary (the note holds it in full). */
    public static final int MAX_TEXT = 300;

    /** The longest summary or account of work a record keeps for each handover of the chain. */
    public static final int MAX_CONDENSED = 120;

    /** The most earlier handovers a record keeps. */
    public static final int MAX_CHAIN = 10;

    private static final String TRAILER_V1 = "[handover v1 ";

    // version 2 writes spaces as '+' and a chain link's text that repeats this record's own as '^': the same fields
    // in about half the length; version 1 trailers stay on tickets for good and are read as before
    private static final String TRAILER_V2 = "[handover v2 ";

    private static final String TRAILER_ANY = "[handover v";

    /** A chain link's summary or account that is the same as this record's own. */
    private static final String SAME = "^";

    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    /** Validates and normalizes times to the second. */
    public HandoverRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ticket, "ticket");
        code(rule, "rule");
        code(reason, "reason");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(group, "group");
        at = seconds(at);
        acknowledgeBy = Objects.requireNonNull(acknowledgeBy, "acknowledge by").map(HandoverRecord::seconds);
        contactBy = Objects.requireNonNull(contactBy, "contact by").map(HandoverRecord::seconds);
        code(reminderPolicy, "reminder policy");
        returnAt = Objects.requireNonNull(returnAt, "return at").map(HandoverRecord::seconds);
        actions = List.copyOf(actions);
        promises = List.copyOf(promises);
        chain = List.copyOf(chain);
        if (chain.size() > MAX_CHAIN) {
            throw new IllegalArgumentException("a record keeps at most " + MAX_CHAIN + " earlier handovers");
        }
        if (to.isEmpty() && group.isEmpty()) {
            throw new IllegalArgumentException("handover " + id + " goes to nobody: needs an agent or a group");
        }
        summary = condensed(summary, "summary");
        did = condensed(did, "did");
    }

    /** A record without a summary or an account of the sender's work (as trailers before them read back). */
    public HandoverRecord(
            HandoverId id,
            TicketId ticket,
            String rule,
            String reason,
            Optional<AgentId> from,
            Optional<AgentId> to,
            Optional<GroupId> group,
            Instant at,
            Optional<Instant> acknowledgeBy,
            Optional<Instant> contactBy,
            String reminderPolicy,
            Optional<Instant> returnAt,
            List<Action> actions,
            List<Promise> promises,
            List<Link> chain) {
        this(
                id,
                ticket,
                rule,
                reason,
                from,
                to,
                group,
                at,
                acknowledgeBy,
                contactBy,
                reminderPolicy,
                returnAt,
                actions,
                promises,
                chain,
                Optional.empty(),
                Optional.empty());
    }

    private static Optional<String> condensed(Optional<String> text, String what) {
        Objects.requireNonNull(text, what);
        return text.map(t -> Texts.clip(t, MAX_CONDENSED)).filter(t -> !t.isEmpty());
    }

    /**
     * The chain a next handover carries: this one's, then this one — at most {@value #MAX_CHAIN} links, always the
     * first (the original summary) and the latest.
     */
    public List<Link> chainAfter() {
        List<Link> links = new ArrayList<>(chain);
        links.add(asLink());
        if (links.size() > MAX_CHAIN) {
            List<Link> kept = new ArrayList<>();
            kept.add(links.get(0));
            kept.addAll(links.subList(links.size() - (MAX_CHAIN - 1), links.size()));
            return kept;
        }
        return links;
    }

    /**
     * The most bytes a trailer takes: it must fit in one comment of the tightest CRM (a Salesforce case comment holds
     * 4,000) beside the part header. A record over it gives up, in order, the accounts of middle handovers of its
     * chain, those links themselves, then length of its texts (see {@link #withinBudget()}).
     */
    public static final int TRAILER_BUDGET = 3_000;

    /**
     * This record made to fit {@link #TRAILER_BUDGET}: first the summaries and accounts of the chain's middle links
     * go (the first link keeps the original summary), then the middle links, then texts are cut shorter at a word
     * boundary — open actions and promises last.
     */
    public HandoverRecord withinBudget() {
        HandoverRecord r = this;
        List<Link> links = new ArrayList<>(chain);
        for (int i = links.size() - 1; i >= 1 && r.trailerBytes() > TRAILER_BUDGET; i--) {
            Link l = links.get(i);
            links.set(i, new Link(l.id(), l.from(), l.to(), l.at(), l.reason()));
            r = r.withChain(links);
        }
        while (links.size() > 2 && r.trailerBytes() > TRAILER_BUDGET) {
            links.remove(1);
            r = r.withChain(links);
        }
        for (int max = MAX_TEXT / 2; max >= 20 && r.trailerBytes() > TRAILER_BUDGET; max /= 2) {
            int m = max;
            r = new HandoverRecord(
                    id,
                    ticket,
                    rule,
                    reason,
                    from,
                    to,
                    group,
                    at,
                    acknowledgeBy,
                    contactBy,
                    reminderPolicy,
                    returnAt,
                    actions.stream()
                            .map(a -> new Action(a.key(), a.owner(), a.due(), Texts.clip(a.text(), m)))
                            .toList(),
                    promises.stream()
                            .map(p -> new Promise(p.key(), p.due(), Texts.clip(p.text(), m)))
                            .toList(),
                    r.chain,
                    summary.map(t -> Texts.clip(t, m)),
                    did.map(t -> Texts.clip(t, m)));
        }
        return r;
    }

    private int trailerBytes() {
        return trailer().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    private HandoverRecord withChain(List<Link> links) {
        return new HandoverRecord(
                id,
                ticket,
                rule,
                reason,
                from,
                to,
                group,
                at,
                acknowledgeBy,
                contactBy,
                reminderPolicy,
                returnAt,
                actions,
                promises,
                links,
                summary,
                did);
    }

    /** The issue as the first handover of the ticket summed it up: the oldest summary in the chain, else this one's. */
    public Optional<String> originalSummary() {
        return chain.stream()
                .map(Link::summary)
                .flatMap(Optional::stream)
                .findFirst()
                .or(() -> summary);
    }

    private static void code(String value, String what) {
        Objects.requireNonNull(value, what);
        if (!CODE.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    what + " must be lower-case letters, digits or hyphens, was '" + value + "'");
        }
    }

    static Instant seconds(Instant t) {
        return Objects.requireNonNull(t, "instant").truncatedTo(ChronoUnit.SECONDS);
    }

    /** A text cut to {@link #MAX_TEXT} characters (code points) at a word boundary, ending in "…" when cut. */
    public static String clip(String text) {
        return Texts.clip(text, MAX_TEXT);
    }

    /** This record as the link it becomes in the next handover's chain. */
    public Link asLink() {
        return new Link(id, from, to, at, reason, summary, did);
    }

    /**
     * This record as the trailer line its note ends with:
     *
     * <pre>[handover v2 id=ho-… ticket=1042 rule=shift-change reason=shift-change from=amelia to=jonas … crc=1a2b3c4d]</pre>
     *
     * <p>Values are percent-encoded with a space as {@code +}, a chain link's text that repeats the record's own as
     * {@code ^}, times compact UTC ({@code 20260302T140000Z}), and a CRC-32 over the fields
     * detects damage, so the line survives plain text, Markdown and HTML alike and reads back exactly.
     */
    public String trailer() {
        StringBuilder body = new StringBuilder();
        field(body, "id", id().value());
        field(body, "ticket", ticket().value());
        field(body, "rule", rule());
        field(body, "reason", reason());
        from().ifPresent(v -> field(body, "from", v.value()));
        to().ifPresent(v -> field(body, "to", v.value()));
        group().ifPresent(v -> field(body, "group", v.value()));
        body.append(" at=").append(Markers.time(at()));
        acknowledgeBy().ifPresent(t -> body.append(" ack=").append(Markers.time(t)));
        contactBy().ifPresent(t -> body.append(" contact=").append(Markers.time(t)));
        field(body, "reminders", reminderPolicy());
        returnAt().ifPresent(t -> body.append(" return=").append(Markers.time(t)));
        list(
                body,
                "actions",
                actions(),
                a -> Markers.encodeText(a.key()) + ":"
                        + a.owner().map(o -> Markers.encodeText(o.value())).orElse("") + ":" + Markers.time(a.due())
                        + ":"
                        + Markers.encodeText(a.text()));
        list(
                body,
                "promises",
                promises(),
                p -> Markers.encodeText(p.key()) + ":"
                        + p.due().map(Markers::time).orElse("") + ":" + Markers.encodeText(p.text()));
        list(
                body,
                "chain",
                chain(),
                l -> Markers.encodeText(l.id().value()) + ":"
                        + l.from().map(f -> Markers.encodeText(f.value())).orElse("") + ":"
                        + l.to().map(t -> Markers.encodeText(t.value())).orElse("") + ":" + Markers.time(l.at()) + ":"
                        + Markers.encodeText(l.reason())
                        + (l.summary().isEmpty() && l.did().isEmpty()
                                ? ""
                                : ":" + same(l.summary(), summary()) + ":" + same(l.did(), did())));
        summary().ifPresent(v -> field(body, "summary", v));
        did().ifPresent(v -> field(body, "did", v));
        String fields = body.substring(1);
        return TRAILER_V2 + fields + " crc=" + Markers.crc(fields) + "]";
    }

    /**
     * The handover a comment's trailer records, if the comment is a handover note: the record of its last trailer, read
     * only when it is the last thing in the comment and its checksum matches (markup around it, an HTML paragraph or
     * Markdown, is tolerated). Customer text that imitates a trailer never passes: the engine defuses it when quoting.
     *
     * <pre>{@code
     * crm.comments(ticket, SortOrder.NEWEST_FIRST, PageRequest.first(50)).items().stream()
     *         .filter(Comment::isInternal)
     *         .flatMap(c -> HandoverRecord.find(c.body()).stream())
     *         .findFirst();                                   // the ticket's latest handover
     * }</pre>
     */
    public static Optional<HandoverRecord> find(String commentBody) {
        Optional<String> trailer = Markers.last(commentBody, TRAILER_ANY);
        if (trailer.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(trailer.get()));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    /**
     * Parses one trailer line.
     *
     * @throws IllegalArgumentException naming what is wrong when it is not a valid trailer
     */
    public static HandoverRecord parse(String line) {
        String l = line.strip();
        boolean v2 = l.startsWith(TRAILER_V2);
        if (!(v2 || l.startsWith(TRAILER_V1)) || !l.endsWith("]")) {
            throw new IllegalArgumentException("not a handover trailer: must start with '" + TRAILER_V2.strip()
                    + "' or '" + TRAILER_V1.strip() + "' and end with ']'");
        }
        String inner = l.substring(TRAILER_V2.length(), l.length() - 1);
        int crcAt = inner.lastIndexOf(" crc=");
        if (crcAt < 0) {
            throw new IllegalArgumentException("handover trailer has no checksum");
        }
        String fields = inner.substring(0, crcAt);
        if (!Markers.crc(fields).equals(inner.substring(crcAt + 5))) {
            throw new IllegalArgumentException("handover trailer checksum does not match: the trailer was changed");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : fields.split(" ")) {
            int eq = pair.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("handover trailer field '" + pair + "' is not key=value");
            }
            if (map.put(pair.substring(0, eq), pair.substring(eq + 1)) != null) {
                throw new IllegalArgumentException("handover trailer field '" + pair.substring(0, eq) + "' repeats");
            }
        }
        return new HandoverRecord(
                HandoverId.of(Markers.decode(required(map, "id"))),
                TicketId.of(Markers.decode(required(map, "ticket"))),
                Markers.decode(required(map, "rule")),
                Markers.decode(required(map, "reason")),
                optional(map, "from").map(AgentId::of),
                optional(map, "to").map(AgentId::of),
                optional(map, "group").map(GroupId::of),
                Markers.instant(required(map, "at")),
                Optional.ofNullable(map.get("ack")).map(Markers::instant),
                Optional.ofNullable(map.get("contact")).map(Markers::instant),
                Markers.decode(required(map, "reminders")),
                Optional.ofNullable(map.get("return")).map(Markers::instant),
                items(
                        map.get("actions"),
                        4,
                        p -> new Action(
                                Markers.decode(p[0]),
                                nonEmpty(p[1]).map(v -> AgentId.of(Markers.decode(v))),
                                Markers.instant(p[2]),
                                Markers.decode(p[3]))),
                items(
                        map.get("promises"),
                        3,
                        p -> new Promise(
                                Markers.decode(p[0]), nonEmpty(p[1]).map(Markers::instant), Markers.decode(p[2]))),
                items(
                        map.get("chain"),
                        5,
                        7,
                        p -> new Link(
                                HandoverId.of(Markers.decode(p[0])),
                                nonEmpty(p[1]).map(v -> AgentId.of(Markers.decode(v))),
                                nonEmpty(p[2]).map(v -> AgentId.of(Markers.decode(v))),
                                Markers.instant(p[3]),
                                Markers.decode(p[4]),
                                p.length > 5 ? linkText(p[5], v2, optional(map, "summary")) : Optional.empty(),
                                p.length > 6 ? linkText(p[6], v2, optional(map, "did")) : Optional.empty())),
                optional(map, "summary"),
                optional(map, "did"));
    }

    /**
     * A required action.
     *
     * @param key its task key ({@code action-1})
     * @param owner who owns it, if an agent
     * @param due its deadline
     * @param text what must be done, at most {@value HandoverRecord#MAX_TEXT} characters
     */
    public record Action(String key, Optional<AgentId> owner, Instant due, String text) {
        /** Validates. */
        public Action {
            code(key, "action key");
            Objects.requireNonNull(owner, "owner");
            due = seconds(due);
            text = checkText(text);
        }
    }

    /**
     * A promise made to the customer.
     *
     * @param key its key ({@code promise-1})
     * @param due when it is due, if it has a date
     * @param text what was promised, at most {@value HandoverRecord#MAX_TEXT} characters
     */
    public record Promise(String key, Optional<Instant> due, String text) {
        /** Validates. */
        public Promise {
            code(key, "promise key");
            due = Objects.requireNonNull(due, "due").map(HandoverRecord::seconds);
            text = checkText(text);
        }
    }

    /**
     * An earlier handover in the ticket's chain.
     *
     * @param id the handover
     * @param from its sender, if an agent
     * @param to its receiving agent, if an agent
     * @param at when
     * @param reason its reason's code
     * @param summary the issue as that handover's note summed it up, condensed, if known
     * @param did what its sender had done before handing over, condensed, if known
     */
    public record Link(
            HandoverId id,
            Optional<AgentId> from,
            Optional<AgentId> to,
            Instant at,
            String reason,
            Optional<String> summary,
            Optional<String> did) {
        /** Validates. */
        public Link {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            at = seconds(at);
            code(reason, "reason");
            summary = condensed(summary, "summary");
            did = condensed(did, "did");
        }

        /** A link without summary or account of work. */
        public Link(HandoverId id, Optional<AgentId> from, Optional<AgentId> to, Instant at, String reason) {
            this(id, from, to, at, reason, Optional.empty(), Optional.empty());
        }
    }

    private static String checkText(String text) {
        Objects.requireNonNull(text, "text");
        if (text.codePointCount(0, text.length()) > MAX_TEXT) {
            throw new IllegalArgumentException(
                    "record texts are at most " + MAX_TEXT + " characters; clip() them first: '" + text + "'");
        }
        return text;
    }

    // ------------------------------------------------------------------------------------------ trailer encoding

    private static void field(StringBuilder sb, String key, String value) {
        sb.append(' ').append(key).append('=').append(Markers.encodeText(value));
    }

    private static <T> void list(StringBuilder sb, String key, List<T> items, Function<T, String> item) {
        if (items.isEmpty()) {
            return;
        }
        sb.append(' ').append(key).append('=');
        for (int i = 0; i < items.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(item.apply(items.get(i)));
        }
    }

    private static <T> List<T> items(String raw, int parts, Function<String[], T> make) {
        return items(raw, parts, parts, make);
    }

    private static <T> List<T> items(String raw, int fewest, int most, Function<String[], T> make) {
        if (raw == null || raw.isEmpty()) {
            return List.of();
        }
        List<T> out = new ArrayList<>();
        for (String item : raw.split(",", -1)) {
            String[] p = item.split(":", -1);
            if (p.length < fewest || p.length > most) {
                throw new IllegalArgumentException("handover trailer item '" + item + "' has " + p.length
                        + " parts, expected " + (fewest == most ? fewest : fewest + " to " + most));
            }
            out.add(make.apply(p));
        }
        return out;
    }

    private static String required(Map<String, String> map, String key) {
        String v = map.get(key);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("handover trailer has no " + key);
        }
        return v;
    }

    private static Optional<String> optional(Map<String, String> map, String key) {
        return Optional.ofNullable(map.get(key)).filter(v -> !v.isEmpty()).map(Markers::decode);
    }

    /** "^" in a version-2 link: the same text as the record's own. */
    private static String same(Optional<String> link, Optional<String> own) {
        return link.isPresent() && link.equals(own)
                ? SAME
                : link.map(Markers::encodeText).orElse("");
    }

    private static Optional<String> linkText(String raw, boolean v2, Optional<String> own) {
        if (v2 && raw.equals(SAME)) {
            return own;
        }
        return nonEmpty(raw).map(Markers::decode);
    }

    private static Optional<String> nonEmpty(String v) {
        return v.isEmpty() ? Optional.empty() : Optional.of(v);
    }
}
