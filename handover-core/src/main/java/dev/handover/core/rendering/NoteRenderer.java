package dev.handover.core.rendering;

import dev.handover.core.note.ActionItem;
import dev.handover.core.note.HandoverNote;
import dev.handover.core.note.HandoverRecord;
import dev.handover.core.note.NoteItem;
import dev.handover.core.note.OffHours;
import dev.handover.core.note.Party;
import dev.handover.core.note.PromiseItem;
import dev.handover.core.note.Texts;
import dev.handover.spi.model.Customer;
import dev.handover.spi.model.NoteFormat;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Renders a {@link HandoverNote} for the CRM in plain text, Markdown or HTML, ending with its record's {@link
 * HandoverRecord#trailer() trailer}.
 *
 * <p>Aware of the CRM's length limit (a Salesforce CaseComment holds 4,000 bytes): when the whole note does not fit it
 * is shortened in stages — long quotes clipped, older history and earlier actions summarised as "see ticket", links
 * dropped — never touching the header, the customer's contact details, the promises, the actions required, the next
 * contact, the limits of authority or the trailer. If even that does not fit, the note is split into numbered parts at
 * section boundaries, each within the limit, with the trailer in the last part. Nothing is lost silently.
 */
public final class NoteRenderer {
    private static final int STAGES = 6;

    private NoteRenderer() {}

    /** The whole note in one piece, however long. */
    public static String render(HandoverNote note, NoteFormat format) {
        Markup m = Markup.of(format);
        return m.join(blocks(note, m, 0));
    }

    /**
     * The note as one or more comments, each at most {@code maxBytes} UTF-8 bytes, trailer in the last.
     *
     * @throws IllegalArgumentException when {@code maxBytes} cannot even hold the trailer and a part header
     */
    public static List<String> render(HandoverNote note, NoteFormat format, int maxBytes) {
        Markup m = Markup.of(format);
        String trailer = m.trailer(note.toRecord().trailer());
        if (bytes(trailer) + 200 > maxBytes) {
            throw new IllegalArgumentException("a note limit of " + maxBytes + " bytes cannot hold the handover's "
                    + bytes(trailer) + "-byte trailer and a header");
        }
        for (int stage = 0; stage < STAGES; stage++) {
            String whole = m.join(blocks(note, m, stage));
            if (bytes(whole) <= maxBytes) {
                return List.of(whole);
            }
        }
        return split(note, m, blocks(note, m, STAGES - 1), maxBytes);
    }

    /**
     * The brief record written when a rule passes information by task only: header, parties, actions required and the
     * trailer. The tasks carry the rest.
     */
    public static String renderBrief(HandoverNote note, NoteFormat format) {
        Markup m = Markup.of(format);
        List<String> all = blocks(note, m, 0);
        List<String> brief = new ArrayList<>();
        brief.add(all.get(0));
        brief.add(all.get(1));
        for (String block : all) {
            if (block.startsWith(m.heading("Actions required"))) {
                brief.add(block);
            }
        }
        brief.add(m.paragraph(m.text("Details are in the tasks of this handover.")));
        brief.add(all.get(all.size() - 1));
        return m.join(brief);
    }

    /** How much the rendering had to leave out to fit, for a warning: 0 = nothing. */
    public static int stageNeeded(HandoverNote note, NoteFormat format, int maxBytes) {
        Markup m = Markup.of(format);
        for (int stage = 0; stage < STAGES; stage++) {
            if (bytes(m.join(blocks(note, m, stage))) <= maxBytes) {
                return stage;
            }
        }
        return STAGES;
    }

    static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    // ------------------------------------------------------------------------------------------ blocks

    private static List<String> blocks(HandoverNote n, Markup m, int stage) {
        List<String> blocks = new ArrayList<>();
        blocks.add(m.title("Handover " + n.id() + " · ticket "
                + m.text(n.ticket().value()) + " · " + Times.format(n.at(), Optional.empty())));
        List<String> head = new ArrayList<>();
        head.add(m.field(
                "Reason",
                m.text(n.reasonLabel()) + (n.reasonDetail().isBlank() ? "" : " — " + m.text(n.reasonDetail()))));
        head.add(m.field("From", m.text(n.sender().describe())));
        head.add(m.field("To", m.text(n.receiver().describe())));
        n.whyReceiver().ifPresent(w -> head.add(m.field("Why them", m.text(w))));
        n.acknowledgeBy()
                .ifPresent(t -> head.add(
                        m.field("Acknowledge by", Times.format(t, n.receiver().zone()))));
        n.returnAt()
                .ifPresent(t -> head.add(m.field(
                        "Hand back",
                        "to " + m.text(n.sender().name()) + " on return, "
                                + Times.format(t, n.sender().zone()))));
        blocks.add(String.join(m instanceof Markup.Html ? "" : "\n", head));

        blocks.add(section(m, "Customer", customer(n.customer(), m)));

        String summary = n.summary()
                .map(s -> item(m, s, stage >= 3 ? 200 : Integer.MAX_VALUE))
                .orElse(m.text("not given"));
        blocks.add(section(m, "Summary", m.paragraph(summary)));

        List<String> history = new ArrayList<>();
        List<HandoverRecord.Link> chain = n.chain();
        int keepChain = stage >= 2 ? 3 : Integer.MAX_VALUE;
        if (chain.size() > keepChain) {
            history.add(m.text((chain.size() - keepChain) + " earlier handovers: see the ticket"));
            chain = chain.subList(chain.size() - keepChain, chain.size());
        }
        for (HandoverRecord.Link l : chain) {
            history.add(m.text("Earlier handover " + l.id() + ": "
                    + l.from().map(Object::toString).orElse("—") + " → "
                    + l.to().map(Object::toString).orElse("queue") + " (" + l.reason() + "), " + Times.shortUtc(l.at())
                    + " UTC"));
        }
        List<NoteItem> items = n.history();
        int keepItems = stage >= 4 ? 0 : stage >= 2 ? 3 : Integer.MAX_VALUE;
        if (items.size() > keepItems) {
            history.add(m.text((items.size() - keepItems) + (keepItems == 0 ? "" : " earlier") + " entries: see the"
                    + " ticket's conversation"));
            items = items.subList(items.size() - keepItems, items.size());
        }
        for (NoteItem i : items) {
            history.add(item(m, i, stage >= 1 ? 160 : Integer.MAX_VALUE));
        }
        if (!history.isEmpty()) {
            blocks.add(section(m, "History", m.list(history, false)));
        }

        List<String> taken = new ArrayList<>();
        List<NoteItem> actions = n.actionsTaken();
        int keepTaken = stage >= 4 ? 1 : stage >= 3 ? 3 : Integer.MAX_VALUE;
        if (actions.size() > keepTaken) {
            taken.add(m.text((actions.size() - keepTaken) + " earlier actions: see the ticket"));
            actions = actions.subList(actions.size() - keepTaken, actions.size());
        }
        for (NoteItem i : actions) {
            taken.add(item(m, i, stage >= 1 ? 200 : Integer.MAX_VALUE));
        }
        blocks.add(section(
                m,
                "Actions taken so far",
                taken.isEmpty() ? m.paragraph(m.text("none recorded")) : m.list(taken, false)));

        List<String> promises = new ArrayList<>();
        for (PromiseItem p : n.promises()) {
            promises.add(m.text(p.text())
                    + p.due()
                            .map(d -> " — due " + Times.format(d, n.receiver().zone()))
                            .orElse(m.text(" — no date yet: agree a date with the customer"))
                    + p.offHours()
                            .map(o -> m.text(" (outside " + n.receiver().name() + "'s working hours; the last working"
                                    + " moment before it is "
                                    + Times.format(
                                            o.lastWorkingMoment(), n.receiver().zone())
                                    + ")"))
                            .orElse("")
                    + (p.derived() ? m.derivedMarker() : ""));
        }
        blocks.add(section(
                m,
                "Promises made to the customer",
                promises.isEmpty() ? m.paragraph(m.text("none recorded")) : m.list(promises, false)));

        List<String> required = new ArrayList<>();
        for (ActionItem a : n.actionsRequired()) {
            required.add(m.text(a.text()) + " — " + m.text(a.owner().describe()) + " — by "
                    + Times.format(a.due(), a.owner().zone())
                    + a.offHours().map(o -> m.text(offHours(o, a.owner()))).orElse(""));
        }
        blocks.add(section(
                m, "Actions required", required.isEmpty() ? m.paragraph(m.text("none")) : m.list(required, true)));

        n.nextContactDue()
                .ifPresent(t -> blocks.add(m.field(
                        "Next customer contact due",
                        Times.format(t, n.receiver().zone()))));

        if (!n.authority().isEmpty()) {
            blocks.add(section(
                    m,
                    "Limits of authority",
                    m.list(n.authority().stream().map(m::text).toList(), false)));
        }
        if (!n.links().isEmpty() && stage < 5) {
            List<String> links = new ArrayList<>();
            for (Map.Entry<String, URI> e : n.links().entrySet()) {
                links.add(m.text(e.getKey()) + ": " + m.text(e.getValue().toString()));
            }
            blocks.add(section(m, "Links", m.list(links, false)));
        }
        blocks.add(m.trailer(n.toRecord().trailer()));
        return blocks;
    }

    /** The remark after a deadline given outside its owner's working hours. */
    private static String offHours(OffHours o, Party owner) {
        return o.moved()
                ? " (moved from " + Times.format(o.given(), owner.zone()) + ", outside " + owner.name()
                        + "'s working hours, to their last working moment before it)"
                : " (outside " + owner.name() + "'s working hours; their last working moment before it is "
                        + Times.format(o.lastWorkingMoment(), owner.zone()) + ")";
    }

    private static String section(Markup m, String heading, String body) {
        return m.heading(heading) + "\n" + body;
    }

    private static String customer(Customer c, Markup m) {
        List<String> contact = new ArrayList<>();
        for (String s : List.of(c.name(), c.email(), c.phone())) {
            if (!s.isBlank()) {
                contact.add(m.text(s));
            }
        }
        List<String> more = new ArrayList<>();
        c.preferredChannel().ifPresent(ch -> more.add("prefers " + m.text(ch.name())));
        c.language()
                .ifPresent(l -> more.add("language " + m.text(l.getDisplayLanguage(Locale.ENGLISH)) + " ("
                        + m.text(l.toLanguageTag()) + ")"));
        if (!c.organization().isBlank()) {
            more.add(m.text(c.organization()));
        }
        if (!c.tier().isBlank()) {
            more.add("tier " + m.text(c.tier()));
        }
        List<String> lines = new ArrayList<>();
        lines.add(contact.isEmpty() ? m.text("no contact details in the CRM") : String.join(" · ", contact));
        if (!more.isEmpty()) {
            lines.add(String.join(" · ", more));
        }
        return m.list(lines, false);
    }

    private static String item(Markup m, NoteItem i, int maxChars) {
        String text = clip(i.text(), maxChars);
        String when = i.at().map(t -> Times.shortUtc(t) + " ").orElse("");
        return m.text(when + text) + (i.derived() ? m.derivedMarker() : "");
    }

    private static String clip(String s, int max) {
        return max == Integer.MAX_VALUE ? s.strip() : Texts.clip(s, max);
    }

    // ------------------------------------------------------------------------------------------ splitting

    private static List<String> split(HandoverNote n, Markup m, List<String> blocks, int maxBytes) {
        String trailer = blocks.get(blocks.size() - 1);
        List<String> body = new ArrayList<>(blocks.subList(0, blocks.size() - 1));
        int headerRoom = 120; // "Handover <id> · part 10 of 12" in any markup
        int room = maxBytes - headerRoom;
        List<List<String>> parts = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String block : body) {
            for (String piece : pieces(block, room - 4)) {
                if (!current.isEmpty() && bytes(m.join(append(current, piece))) > room) {
                    parts.add(current);
                    current = new ArrayList<>();
                }
                current.add(piece);
            }
        }
        if (bytes(m.join(append(current, trailer))) > room) {
            parts.add(current);
            current = new ArrayList<>();
        }
        current.add(trailer);
        parts.add(current);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            List<String> part = new ArrayList<>();
            part.add(m.paragraph(m.text("Handover " + n.id() + " · part " + (i + 1) + " of " + parts.size())));
            part.addAll(parts.get(i));
            out.add(m.join(part));
        }
        return out;
    }

    private static List<String> append(List<String> list, String item) {
        List<String> copy = new ArrayList<>(list);
        copy.add(item);
        return copy;
    }

    /** A block cut at line ends (or, for one enormous line, at code points) into pieces of at most {@code room}. */
    private static List<String> pieces(String block, int room) {
        if (bytes(block) <= room) {
            return List.of(block);
        }
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : block.split("\n")) {
            String candidate = current.length() == 0 ? line : current + "\n" + line;
            if (bytes(candidate) <= room) {
                current.setLength(0);
                current.append(candidate);
                continue;
            }
            if (current.length() > 0) {
                out.add(current.toString());
                current.setLength(0);
            }
            String rest = line;
            while (bytes(rest) > room) {
                int cut = fit(rest, room);
                out.add(rest.substring(0, cut));
                rest = rest.substring(cut);
            }
            current.append(rest);
        }
        if (current.length() > 0) {
            out.add(current.toString());
        }
        return out;
    }

    /**
     * The longest prefix of at most {@code room} bytes, ending after whitespace when there is some in the last quarter
     * (so words stay whole), else on a code point boundary.
     */
    private static int fit(String s, int room) {
        int hard = fitBytes(s, room);
        for (int i = hard; i > hard * 3 / 4; i--) {
            if (Character.isWhitespace(s.charAt(i - 1))) {
                return i;
            }
        }
        return hard;
    }

    private static int fitBytes(String s, int room) {
        int bytes = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + len > room) {
                break;
            }
            bytes += len;
            i += Character.charCount(cp);
        }
        return Math.max(i, 1);
    }
}
