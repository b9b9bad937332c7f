package dev.handover.rt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handover.rt.http.HttpCall;
import dev.handover.rt.http.Json;
import dev.handover.rt.http.Transport;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The REST 2.0 calls the reader, writer and directory share: searches, transactions and their text. */
final class RtApi {
    /** REST 2.0's largest page. */
    static final int MAX_PAGE = 100;

    final Transport http;

    RtApi(Transport http) {
        this.http = http;
    }

    /** One page of a TicketSQL search, ordered by the given columns ascending or descending. */
    JsonNode searchTickets(String sql, int page, int perPage, String order, String description, String... orderBy) {
        HttpCall call = HttpCall.get("/tickets", description)
                .query("query", sql)
                .query("fields", Mapper.TICKET_FIELDS)
                .query("fields[Requestor]", Mapper.REQUESTOR_FIELDS)
                .query("page", page)
                .query("per_page", Math.min(MAX_PAGE, perPage));
        for (String o : orderBy) {
            call = call.query("orderby", o).query("order", order);
        }
        return http.execute(call);
    }

    /** True when RT says another page follows this one. */
    static boolean hasNext(JsonNode page) {
        return !Json.text(page, "next_page").isBlank()
                || page.path("page").asInt(1) < page.path("pages").asInt(1);
    }

    /** One page of a TransactionSQL search with the fields a comment needs. */
    JsonNode searchTransactions(String sql, int page, int perPage, String order, String description) {
        return http.execute(HttpCall.get("/transactions", description)
                .query("query", sql)
                .query("fields", "Type,Creator,Created,ObjectId")
                .query("page", page)
                .query("per_page", Math.min(MAX_PAGE, perPage))
                .query("orderby", "Created")
                .query("order", order)
                .query("orderby", "id")
                .query("order", order));
    }

    /**
     * The text of each transaction: its first {@code text/plain} attachment, else its first {@code text/html} one with
     * the tags taken out. One JSON search per hundred transactions.
     */
    Map<String, String> texts(Collection<String> transactions, String description) {
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, String> html = new LinkedHashMap<>();
        List<String> all = new ArrayList<>(new java.util.LinkedHashSet<>(transactions));
        for (int from = 0; from < all.size(); from += MAX_PAGE) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + MAX_PAGE));
            ArrayNode query = Json.array();
            ObjectNode in = query.addObject();
            in.put("field", "TransactionId");
            in.put("operator", "IN");
            ArrayNode values = in.putArray("value");
            chunk.forEach(id -> values.add(Long.parseLong(id)));
            for (int page = 1; ; page++) {
                JsonNode answer = http.execute(HttpCall.write("POST", "/attachments", Json.write(query), description)
                        .repeatable(true)
                        .query("fields", "TransactionId,ContentType,Content")
                        .query("page", page)
                        .query("per_page", MAX_PAGE)
                        .query("orderby", "id"));
                for (JsonNode a : answer.path("items")) {
                    String txn = Json.text(a, "TransactionId");
                    String type = Json.text(a, "ContentType").toLowerCase(Locale.ROOT);
                    String content = Json.text(a, "Content");
                    if (type.startsWith("text/plain") && !content.isEmpty()) {
                        plain.putIfAbsent(txn, content);
                    } else if (type.startsWith("text/html") && !content.isEmpty()) {
                        html.putIfAbsent(txn, stripTags(content));
                    }
                }
                if (!hasNext(answer)) {
                    break;
                }
            }
        }
        html.forEach(plain::putIfAbsent);
        return plain;
    }

    static String stripTags(String html) {
        return html.replaceAll("(?i)<br\\s*/?>|</p>", "\n")
                .replaceAll("<[^>]*>", "")
                .replace("&nbsp;", " ")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&amp;", "&")
                .strip();
    }
}
