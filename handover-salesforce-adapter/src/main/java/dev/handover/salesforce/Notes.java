package dev.handover.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handover.salesforce.http.Errors;
import dev.handover.salesforce.http.Json;
import dev.handover.spi.NoteDraft;
import dev.handover.spi.SortOrder;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.NoteFormat;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.Visibility;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Notes as CaseComments ({@code IsPublished=false} for internal notes) or FeedItems ({@code Visibility=InternalUsers}),
 * and reading them back as comments, together with the Case's e-mails (EmailMessage), which are public comments.
 *
 * <p>A CaseComment holds at most 4,000 bytes and a FeedItem 10,000 characters. A longer plain-text note is split
 * losslessly into consecutive records of the same write — at a line break where possible, else at a space, never
 * inside a character — with nothing added, so the parts concatenate to the note. An HTML note that does not fit is
 * refused whole rather than cut inside its markup.
 */
final class Notes {
    /** The most records one update's notes may become: beyond that a note is refused, not truncated. */
    static final int MAX_PARTS_PER_UPDATE = 20;

    private final Config config;

    Notes(Config config) {
        this.config = config;
    }

    /** The records of one note: one, or several parts of a long plain-text note. */
    List<ObjectNode> records(String caseId, NoteDraft note) {
        boolean html = note.format() == NoteFormat.HTML && config.noteObject() == Config.NoteObject.FEED_ITEM;
        int max = config.noteObject().maxBytes;
        String body = Json.protect(note.body());
        int bytes = body.getBytes(StandardCharsets.UTF_8).length;
        List<String> parts;
        if (bytes <= max) {
            parts = List.of(body);
        } else if (html) {
            throw Errors.invalid(
                    "NOTE_TOO_LONG",
                    "an HTML note of " + bytes + " bytes does not fit one FeedItem (" + max
                            + "); HTML is not split, send it as plain text or shorten it");
        } else {
            parts = split(body, max);
        }
        List<ObjectNode> out = new ArrayList<>();
        for (String part : parts) {
            ObjectNode r = Json.MAPPER.createObjectNode();
            if (config.noteObject() == Config.NoteObject.CASE_COMMENT) {
                r.putObject("attributes").put("type", "CaseComment");
                r.put("ParentId", caseId);
                r.put("CommentBody", part);
                r.put("IsPublished", note.visibility() == Visibility.PUBLIC);
            } else {
                r.putObject("attributes").put("type", "FeedItem");
                r.put("ParentId", caseId);
                r.put("Type", "TextPost");
                r.put("Body", part);
                r.put("IsRichText", html);
                r.put("Visibility", note.visibility() == Visibility.PUBLIC ? "AllUsers" : "InternalUsers");
            }
            out.add(r);
        }
        return out;
    }

    /** Splits text into parts of at most {@code maxBytes} UTF-8 bytes each; the parts concatenate to the text. */
    static List<String> split(String text, int maxBytes) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = fit(text, start, maxBytes);
            if (end < text.length()) {
                int cut = lastBreak(text, start, end);
                if (cut > start) {
                    end = cut;
                } else {
                    // keep a protected "@{" (three chars) in one part, so each part reads back unprotected
                    for (int back = 1; back <= 2; back++) {
                        if (end - back > start && text.startsWith("@\u2060{", end - back)) {
                            end -= back;
                            break;
                        }
                    }
                }
            }
            parts.add(text.substring(start, end));
            start = end;
        }
        return parts;
    }

    /** The furthest end index (exclusive) from {@code start} whose UTF-8 size is within the limit, on a code point. */
    private static int fit(String text, int start, int maxBytes) {
        int bytes = 0;
        int i = start;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            i += Character.charCount(cp);
        }
        return i;
    }

    /** After the last line break in [start, end), else after the last space; start when there is neither. */
    private static int lastBreak(String text, int start, int end) {
        for (int i = end - 1; i > start; i--) {
            if (text.charAt(i) == '\n') {
                return i + 1;
            }
        }
        for (int i = end - 1; i > start; i--) {
            if (text.charAt(i) == ' ') {
                return i + 1;
            }
        }
        return start;
    }

    // ------------------------------------------------------------------ reading

    /** One source of comments: its object, fields and rank in the merged order. */
    enum Source {
        CASE_COMMENT("CaseComment", 0),
        FEED_ITEM("FeedItem", 1),
        /**
         * E-mails on the Case: Email-to-Case brings the customer's in ({@code Incoming}), agents send from the Case
         * (developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_emailmessage.htm).
         */
        EMAIL_MESSAGE("EmailMessage", 2);

        final String sobject;
        /** Ties at the same second order CaseComments before FeedItems before e-mails. */
        final int rank;

        Source(String sobject, int rank) {
            this.sobject = sobject;
            this.rank = rank;
        }

        List<String> fields() {
            return this == CASE_COMMENT
                    ? List.of(
                            "Id",
                            "ParentId",
                            "CommentBody",
                            "IsPublished",
                            "CreatedDate",
                            "CreatedById",
                            "CreatedBy.ContactId")
                    : this == FEED_ITEM
                            ? List.of("Id", "ParentId", "Body", "Visibility", "CreatedDate", "CreatedById")
                            : List.of(
                                    "Id",
                                    "ParentId",
                                    "Incoming",
                                    "Status",
                                    "TextBody",
                                    "HtmlBody",
                                    "CreatedDate",
                                    "CreatedById",
                                    // the customer of an incoming e-mail is the Case's Contact
                                    "Parent.ContactId");
        }
    }

    /** A comment with its sort key. */
    record Keyed(Instant at, int rank, String id, Comment comment) {}

    /**
     * The query for one page of a source, after the cursor's position.
     *
     * @param cursor the last comment of the previous page, or null for the first page
     */
    static String query(Source s, String caseId, SortOrder order, Cursors.Position cursor, int limit) {
        boolean desc = order == SortOrder.NEWEST_FIRST;
        Soql.Query q = Soql.select(s.fields()).from(s.sobject).where(Soql.eqId("ParentId", caseId));
        if (s == Source.FEED_ITEM) {
            q.where(Soql.eq("Type", "TextPost"));
        }
        if (s == Source.EMAIL_MESSAGE) {
            // a draft (Status 5) was never sent: not part of the conversation
            q.where(Soql.notEq("Status", DRAFT));
        }
        if (cursor != null) {
            // merged order is (CreatedDate, source rank, Id); for this source, what comes after the cursor
            Soql.Cond strictlyLater =
                    desc ? Soql.before("CreatedDate", cursor.at()) : Soql.after("CreatedDate", cursor.at());
            Soql.Cond sameSecond = Soql.eq("CreatedDate", cursor.at());
            if (s.rank == cursor.rank()) {
                q.where(Soql.or(
                        strictlyLater,
                        Soql.and(
                                sameSecond,
                                desc ? Soql.beforeId("Id", cursor.id()) : Soql.afterId("Id", cursor.id()))));
            } else if ((s.rank > cursor.rank()) != desc) {
                q.where(Soql.or(strictlyLater, sameSecond));
            } else {
                q.where(strictlyLater);
            }
        }
        return q.orderBy("CreatedDate", desc).orderBy("Id", desc).limit(limit).build();
    }

    /**
     * A parent-to-child subquery of a Case query: one source's newest records of each Case, as {@link #query} selects
     * them for one Case ({@code LIMIT} applies per Case).
     */
    static String newestOfEachCase(Source s, String relationship, int limit) {
        Soql.Query q = Soql.select(s.fields()).from(relationship);
        if (s == Source.FEED_ITEM) {
            q.where(Soql.eq("Type", "TextPost"));
        }
        if (s == Source.EMAIL_MESSAGE) {
            q.where(Soql.notEq("Status", DRAFT));
        }
        return q.orderBy("CreatedDate", true).orderBy("Id", true).limit(limit).build();
    }

    /** EmailMessage Status of a draft; the picklist holds codes: 0 New, 1 Read, 2 Replied, 3 Sent, 4 Forwarded, 5 Draft. */
    static final String DRAFT = "5";

    static Keyed comment(Source s, JsonNode r, TicketId ticket) {
        String id = Json.text(r, "Id");
        // CreatedDate, not MessageDate, for e-mails too: it is what the query orders and pages by (MessageDate may be
        // empty, or the sender's clock from the Date header)
        Instant at = Json.instant(r, "CreatedDate").orElse(Instant.EPOCH);
        if (s == Source.EMAIL_MESSAGE) {
            return new Keyed(at, s.rank, id, email(r, id, ticket, at));
        }
        // a customer writing through a portal is a portal user linked to their Contact: name the Contact, as the
        // ticket's requester is named
        String author = Json.optionalText(r, "CreatedBy.ContactId").orElse(Json.text(r, "CreatedById"));
        Comment c = s == Source.CASE_COMMENT
                ? new Comment(
                        id,
                        ticket,
                        author,
                        Json.text(r, "CommentBody"),
                        r.path("IsPublished").asBoolean(false) ? Visibility.PUBLIC : Visibility.INTERNAL,
                        at)
                : new Comment(
                        id,
                        ticket,
                        author,
                        Json.text(r, "Body"),
                        "AllUsers".equals(Json.text(r, "Visibility")) ? Visibility.PUBLIC : Visibility.INTERNAL,
                        at);
        return new Keyed(at, s.rank, id, c);
    }

    /**
     * An e-mail as a public comment. An incoming one is the customer's, named by the Case's Contact (as the
     * requester is); its creator is the Email-to-Case process user, never the author, so without a Contact the author
     * is unknown. An outgoing one is its sending user's.
     */
    private static Comment email(JsonNode r, String id, TicketId ticket, Instant at) {
        boolean incoming = r.path("Incoming").asBoolean(false);
        String author = incoming ? Json.text(r, "Parent.ContactId") : Json.text(r, "CreatedById");
        String text = Json.text(r, "TextBody");
        String body = text.isBlank() ? plainText(Json.text(r, "HtmlBody")) : text;
        return new Comment(id, ticket, author, body, Visibility.PUBLIC, at);
    }

    private static final Pattern INVISIBLE =
            Pattern.compile("(?is)<!--.*?-->|<(script|style|head)\\b[^>]*>.*?</\\1\\s*>");
    private static final Pattern LINE_BREAK = Pattern.compile("(?i)<br\\s*/?>|</(p|div|li|tr|h[1-6]|blockquote)\\s*>");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});");

    /** The text of an HTML body: markup and what is never shown dropped, line breaks kept, entities decoded. */
    static String plainText(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        String s = INVISIBLE.matcher(html).replaceAll("");
        s = LINE_BREAK.matcher(s).replaceAll("\n");
        s = TAG.matcher(s).replaceAll("");
        Matcher m = ENTITY.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(entity(m.group(1), m.group())));
        }
        m.appendTail(out);
        // the layout's whitespace is not the text's: runs of spaces become one, blank lines at most one
        return out.toString()
                .replace('\u00a0', ' ')
                .replaceAll("[ \\t\\x0B\\f\\r]+", " ")
                .replaceAll(" ?\n ?", "\n")
                .replaceAll("\n{3,}", "\n\n")
                .strip();
    }

    private static String entity(String name, String raw) {
        if (name.startsWith("#")) {
            try {
                int cp = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X')
                        ? Integer.parseInt(name.substring(2), 16)
                        : Integer.parseInt(name.substring(1));
                return Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : raw;
            } catch (NumberFormatException e) {
                return raw;
            }
        }
        return switch (name) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot" -> "\"";
            case "apos" -> "'";
            case "nbsp" -> " ";
            default -> raw;
        };
    }
}
