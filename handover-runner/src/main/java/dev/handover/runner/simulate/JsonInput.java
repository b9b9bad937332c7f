package dev.handover.runner.simulate;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON values of a ticket file, each with the line it starts on. A file whose first line is a whole value is read
 * line by line (JSON lines, {@code jq -c}, one page per line), so a broken line is reported at that line; otherwise as
 * a stream of values (pretty-printed pages one after another). A syntax error is told in plain words at
 * {@code file:line:column}, never with the parser's own message.
 */
final class JsonInput {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CHAR = Pattern.compile("\\('(.*?)' \\(code (\\d+)\\)\\)");
    private static final Pattern TOKEN = Pattern.compile("Unrecognized token '(.*?)'");

    private JsonInput() {}

    /** One value and the line it starts on. */
    record Value(JsonNode node, int line) {}

    /** True when the text's first non-blank character opens a JSON object or array. */
    static boolean looksLikeJson(String text) {
        String s = text.stripLeading();
        return s.startsWith("{") || s.startsWith("[");
    }

    static List<Value> read(String text, String file) {
        String[] lines = text.split("\r?\n", -1);
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) {
            first++;
        }
        if (first < lines.length && whole(lines[first])) {
            return byLine(lines, file);
        }
        return stream(text, file);
    }

    private static boolean whole(String line) {
        try (JsonParser p = JSON.createParser(line)) {
            JSON.readTree(p);
            return p.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<Value> byLine(String[] lines, String file) {
        List<Value> out = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            int n = i + 1;
            try (JsonParser p = JSON.createParser(lines[i])) {
                JsonNode node = JSON.readTree(p);
                JsonToken more = p.nextToken();
                if (more != null) {
                    JsonLocation at = p.currentTokenLocation();
                    throw new IllegalArgumentException(file + ":" + n + ":" + at.getColumnNr()
                            + ": not valid JSON: a second value on the line; put one value per line");
                }
                out.add(new Value(node, n));
            } catch (JsonProcessingException e) {
                throw invalid(file, n, e, true);
            } catch (IOException e) {
                throw new IllegalArgumentException(file + ":" + n + ": cannot be read: " + e.getMessage());
            }
        }
        return out;
    }

    private static List<Value> stream(String text, String file) {
        List<Value> out = new ArrayList<>();
        try (JsonParser p = JSON.createParser(text)) {
            while (p.nextToken() != null) {
                int line = p.currentTokenLocation().getLineNr();
                out.add(new Value(JSON.readTree(p), line));
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw invalid(file, at == null ? 1 : at.getLineNr(), e, false);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read: " + e.getMessage());
        }
        return out;
    }

    private static IllegalArgumentException invalid(String file, int line, JsonProcessingException e, boolean byLine) {
        JsonLocation at = e.getLocation();
        int column = at == null ? 1 : Math.max(1, at.getColumnNr());
        return new IllegalArgumentException(
                file + ":" + line + ":" + column + ": not valid JSON: " + plain(e.getOriginalMessage(), byLine));
    }

    /** The parser's complaint in plain words. */
    static String plain(String message, boolean byLine) {
        String m = message == null ? "" : message;
        String end = byLine ? "the line ends" : "the file ends";
        Matcher c = CHAR.matcher(m);
        String found = c.find() ? shown(c.group(1), Integer.parseInt(c.group(2))) : "";
        if (m.startsWith("Unexpected end-of-input")) {
            if (m.contains("quote") || m.contains("String")) {
                return end + " inside a text: a closing '\"' is missing";
            }
            if (m.contains("Array")) {
                return end + " inside a list: a closing ']' is missing";
            }
            return end + " inside an object: a closing '}' is missing";
        }
        if (m.contains("was expecting double-quote to start field name")) {
            return "a field name must be in double quotes, found " + found;
        }
        if (m.contains("was expecting comma to separate Object entries")) {
            return "expected ',' or '}' after a field's value, found " + found;
        }
        if (m.contains("was expecting comma to separate Array entries")) {
            return "expected ',' or ']' after a value in a list, found " + found;
        }
        if (m.contains("was expecting a colon to separate field name and value")) {
            return "expected ':' after a field name, found " + found;
        }
        Matcher t = TOKEN.matcher(m);
        if (t.find()) {
            return "'" + t.group(1) + "' is not a value: text must be in double quotes, and true, false and null"
                    + " in lower case";
        }
        if (m.contains("Illegal unquoted character")) {
            Matcher code = Pattern.compile("code (\\d+)").matcher(m);
            String n = code.find() ? code.group(1) : "";
            if (n.equals("9")) {
                return "a tab inside a text must be written as \\t";
            }
            return "a control character" + (n.isEmpty() ? "" : " (code " + n + ")")
                    + " inside a text must be written as an escape such as \\n";
        }
        Matcher close = Pattern.compile("Unexpected close marker '(.)'").matcher(m);
        if (close.find()) {
            return "'" + close.group(1) + "' closes nothing that was opened";
        }
        if (m.contains("Unrecognized character escape")) {
            return "a backslash in a text must start an escape such as \\\\, \\\" or \\n";
        }
        if (m.contains("expected a valid value") || m.contains("Unexpected character")) {
            return found.isEmpty() ? "a value cannot start here" : found + " cannot start a value";
        }
        return "the text is not well-formed here";
    }

    private static String shown(String ch, int code) {
        if (code < 32 || code == 127) {
            return "a control character (code " + code + ")";
        }
        return "'" + ch + "'";
    }
}
