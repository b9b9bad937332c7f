package dev.handover.runner.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads YAML (with Jackson) into {@link Node}s that keep their file, line and column. */
final class Yaml {
    private static final YAMLFactory FACTORY = new YAMLFactory();

    private Yaml() {}

    static Node read(String text, String file) {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return new Node.NullNode(new Location(file, 1, 1));
            }
            Node root = value(p, file);
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            Location at = l == null ? new Location(file, 1, 1) : new Location(file, l.getLineNr(), l.getColumnNr());
            throw new ConfigException(List.of(new ConfigException.Problem(
                    at,
                    "",
                    "this is not valid YAML: "
                            + e.getOriginalMessage()
                                    .lines()
                                    .findFirst()
                                    .orElse("")
                                    .strip() + hint(text, at.line()))));
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigException.Problem(
                    new Location(file, 1, 1), "", "the file cannot be read: " + e.getMessage())));
        }
    }

    /** A likely cause worth naming: an unquoted ${VAR} inside a {...} map, where '}' ends the map. */
    private static String hint(String text, int line) {
        String[] lines = text.split("\n", -1);
        String l = line >= 1 && line <= lines.length ? lines[line - 1] : "";
        return l.contains("{") && l.contains("${")
                ? "; inside { } write environment references in quotes, such as \"${CRM_TOKEN}\""
                : "";
    }

    private static Node value(JsonParser p, String file) throws IOException {
        Location at = location(p, file);
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, Node.Entry> entries = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    Location keyAt = location(p, file);
                    p.nextToken();
                    Node v = value(p, file);
                    if (entries.containsKey(key)) {
                        throw new ConfigException(List.of(new ConfigException.Problem(
                                keyAt,
                                key,
                                "the key is written twice (first at line "
                                        + entries.get(key).keyLocation().line() + ")")));
                    }
                    entries.put(key, new Node.Entry(keyAt, v));
                }
                return new Node.MapNode(at, entries);
            }
            case START_ARRAY -> {
                List<Node> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(value(p, file));
                }
                return new Node.ListNode(at, items);
            }
            case VALUE_NULL -> {
                return new Node.NullNode(at);
            }
            default -> {
                return new Node.ScalarNode(at, p.getText());
            }
        }
    }

    private static Location location(JsonParser p, String file) {
        JsonLocation l = p.currentTokenLocation();
        return new Location(file, l.getLineNr(), l.getColumnNr());
    }
}
