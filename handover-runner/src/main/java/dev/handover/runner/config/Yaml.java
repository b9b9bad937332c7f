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
            List<ConfigException.Problem> duplicates = new ArrayList<>();
            Node root = value(p, file, "", duplicates);
            if (p.nextToken() != null) {
                // Jackson would silently read only the first document; the rest would be ignored
                throw new ConfigException(List.of(new ConfigException.Problem(
                        location(p, file),
                        "",
                        "a second YAML document starts here (after '---'); a configuration is one document")));
            }
            if (!duplicates.isEmpty()) {
                throw new ConfigException(duplicates);
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new ConfigException(List.of(YamlSyntax.problem(e, text, file)));
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigException.Problem(
                    new Location(file, 1, 1), "", "the file cannot be read: " + e.getMessage())));
        }
    }

    /** A node and everything under it; a key written twice is added to {@code duplicates} (the first one is kept). */
    private static Node value(JsonParser p, String file, String path, List<ConfigException.Problem> duplicates)
            throws IOException {
        Location at = location(p, file);
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, Node.Entry> entries = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    Location keyAt = location(p, file);
                    p.nextToken();
                    String keyPath = path.isEmpty() ? key : path + "." + key;
                    Node v = value(p, file, keyPath, duplicates);
                    if (entries.containsKey(key)) {
                        Location first = entries.get(key).keyLocation();
                        duplicates.add(new ConfigException.Problem(
                                keyAt,
                                keyPath,
                                "the key is written twice (first at " + first.line() + ":" + first.column()
                                        + "); YAML allows a key once per map, so remove one or merge them"));
                        continue;
                    }
                    entries.put(key, new Node.Entry(keyAt, v));
                }
                return new Node.MapNode(at, entries);
            }
            case START_ARRAY -> {
                List<Node> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(value(p, file, path + "[" + items.size() + "]", duplicates));
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
