package dev.handover.selftest.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.handover.spi.selftest.Exchange;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes secrets and personal data out of an exchange before it is written. The same value always becomes the same
 * stand-in within one recording ("Name 3", "person-3@example.invalid"), so that what the adapter matches on — an
 * agent's address in a search and in the directory — still matches when the recording is replayed.
 */
final class Redaction {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Fields whose values are credentials: never written, whatever they hold. */
    private static final Set<String> SECRETS = Set.of(
            "access_token",
            "refresh_token",
            "id_token",
            "token",
            "api_token",
            "client_secret",
            "client_id",
            "password",
            "assertion",
            "secret",
            "signature");

    /** Fields that name or reach a person. */
    private static final Set<String> PERSONAL = Set.of(
            "name",
            "email",
            "phone",
            "mobilephone",
            "firstname",
            "lastname",
            "username",
            "alias",
            "suppliedname",
            "suppliedemail",
            "suppliedphone",
            "contactemail",
            "contactphone",
            "fromname",
            "fromaddress",
            "toaddress",
            "ccaddress",
            "address",
            "street",
            "details",
            "notes");

    /** Texts of tickets and conversations: kept only when the self-test wrote them. */
    private static final Set<String> TEXTS = Set.of(
            "subject",
            "raw_subject",
            "description",
            "body",
            "html_body",
            "plain_body",
            "commentbody",
            "textbody",
            "htmlbody");

    // an address, also URL-encoded in a query ("assignee%3Aada%40acme.example": the local part starts after "%3A")
    private static final Pattern EMAIL =
            Pattern.compile("(?<!%)(?<!%[0-9A-Fa-f])[A-Za-z0-9._+-]+(?:@|%40)[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+");
    private static final Pattern PHONE = Pattern.compile("\\+\\d[\\d ()-]{6,}\\d");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer|basic)\\s+[A-Za-z0-9._~+/=-]+");
    private static final Pattern FORM_SECRET = Pattern.compile("(?i)(^|&)(" + String.join("|", SECRETS) + ")=[^&]*");

    private final Map<String, Integer> standIns = new HashMap<>();

    Exchange apply(Exchange e) {
        return new Exchange(
                e.method(),
                text(e.target()),
                headers(e.requestHeaders()),
                body(e.requestBody()),
                e.status(),
                headers(e.responseHeaders()),
                body(e.responseBody()));
    }

    private Map<String, List<String>> headers(Map<String, List<String>> h) {
        Map<String, List<String>> out = new TreeMap<>();
        h.forEach((k, v) -> out.put(k, v.stream().map(this::text).toList()));
        return out;
    }

    private String body(String body) {
        String trimmed = body.strip();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            try {
                JsonNode n = JSON.readTree(trimmed);
                return JSON.writeValueAsString(node(n, null));
            } catch (JsonProcessingException notJson) {
                // not JSON after all: redacted as text below
            }
        }
        return text(FORM_SECRET.matcher(body).replaceAll("$1$2=[redacted]"));
    }

    private JsonNode node(JsonNode n, String field) {
        if (n.isObject()) {
            ObjectNode o = (ObjectNode) n;
            Iterator<Map.Entry<String, JsonNode>> it = o.fields();
            Map<String, JsonNode> changed = new TreeMap<>();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                changed.put(f.getKey(), node(f.getValue(), f.getKey().toLowerCase(Locale.ROOT)));
            }
            changed.forEach(o::set);
            return o;
        }
        if (n.isArray()) {
            ArrayNode a = (ArrayNode) n;
            for (int i = 0; i < a.size(); i++) {
                a.set(i, node(a.get(i), field));
            }
            return a;
        }
        if (!n.isTextual()) {
            return n;
        }
        String v = n.asText();
        if (field != null && SECRETS.contains(field)) {
            return TextNode.valueOf("[redacted]");
        }
        if (field != null && PERSONAL.contains(field) && !v.isBlank()) {
            return TextNode.valueOf(standIn(v));
        }
        if (field != null && TEXTS.contains(field) && !v.contains("handover")) {
            return TextNode.valueOf("[text redacted: not written by the self-test]");
        }
        return TextNode.valueOf(text(v));
    }

    /** Addresses, phone numbers and credentials inside any text. */
    private String text(String s) {
        String out = BEARER.matcher(s).replaceAll("$1 [redacted]");
        out = replace(EMAIL, out);
        return PHONE.matcher(out).replaceAll("+00 0000 0000");
    }

    private String replace(Pattern p, String s) {
        Matcher m = p.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(standIn(m.group())));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** The stand-in of a person's name or address, the same as in the exchanges. */
    String person(String value) {
        return standIn(value);
    }

    private String standIn(String value) {
        String key = value.replace("%40", "@").toLowerCase(Locale.ROOT);
        int n = standIns.computeIfAbsent(key, k -> standIns.size() + 1);
        if (EMAIL.matcher(key).matches()) {
            return "person-" + n + (value.contains("%40") ? "%40" : "@") + "example.invalid";
        }
        return "Name " + n;
    }
}
