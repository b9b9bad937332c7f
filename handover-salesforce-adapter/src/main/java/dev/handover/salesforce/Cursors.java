package dev.handover.salesforce;

import dev.handover.salesforce.http.Errors;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Page cursors: the sort key of the last item returned, so the next page is a keyset query ({@code > the key}) that
 * needs no server-side state — Salesforce query locators expire after 15 minutes idle and are limited per user.
 * Opaque to callers (base64url); a tampered cursor is refused before it reaches SOQL, because its id and instant are
 * parsed and validated.
 */
final class Cursors {
    private Cursors() {}

    /** A position in an order by (instant, rank, id). */
    record Position(Instant at, int rank, String id) {}

    static String encode(String kind, Position p) {
        String raw = kind + "|" + p.at() + "|" + p.rank() + "|" + p.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a cursor of this kind whose id has this key prefix; anything else is an invalid request. */
    static Position decode(String kind, String cursor, String... idPrefixes) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = raw.split("\\|", -1);
            if (parts.length != 4 || !parts[0].equals(kind)) {
                throw bad(cursor);
            }
            Instant at = Instant.parse(parts[1]);
            int rank = Integer.parseInt(parts[2]);
            String id = Ids.normalize(parts[3]).orElseThrow(() -> bad(cursor));
            boolean prefixOk = idPrefixes.length == 0;
            for (String prefix : idPrefixes) {
                prefixOk |= id.startsWith(prefix);
            }
            if (!prefixOk || rank < 0 || rank > 9) {
                throw bad(cursor);
            }
            return new Position(at, rank, id);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw bad(cursor);
        }
    }

    private static RuntimeException bad(String cursor) {
        return Errors.invalid("BAD_CURSOR", "malformed page cursor '" + Ids.shown(cursor) + "'");
    }
}
