package dev.handover.runner.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/**
 * The review as CSV in long format, one figure per row: {@code section,dimension,key,label,value}. It is the JSON
 * document flattened, so the two never disagree:
 *
 * <ul>
 *   <li>a top-level scalar is a row of section {@code report}; a top-level list of texts (the suggestions) is section
 *       {@code suggestions}, dimension {@code text}, keyed by position;
 *   <li>a scalar inside a section is a row whose dimension is its path below the section ({@code latency.p50Minutes});
 *   <li>a list element is keyed by its {@code key} field, else by its first field; its {@code label} fills the label
 *       column; its {@code count} is a row of the list's dimension, any other field a row of {@code list.field}; a key
 *       repeated in one list is suffixed {@code #2}, {@code #3} … so that rows stay unique;
 *   <li>a list of texts inside an element is one row, the texts joined by "; "; one not in an element is a row per
 *       text, keyed by position.
 * </ul>
 *
 * <p>A text cell starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return gets a leading apostrophe, so a spreadsheet
 * shows a hostile label instead of running it as a formula.
 */
final class CsvReport {
    static final List<String> COLUMNS = List.of("section", "dimension", "key", "label", "value");

    private static final CsvMapper CSV = new CsvMapper();
    private static final CsvSchema SCHEMA = CsvSchema.builder()
            .addColumns(COLUMNS, CsvSchema.ColumnType.STRING)
            .build()
            .withHeader();

    private CsvReport() {}

    static String render(Figures f, Instant generated) {
        StringWriter out = new StringWriter(64 * 1024);
        try {
            write(f, generated, out);
        } catch (IOException e) {
            throw new IllegalStateException("the review cannot be written as CSV", e);
        }
        return out.toString();
    }

    /** Writes the rows; the writer is not closed. */
    static void write(Figures f, Instant generated, Writer out) throws IOException {
        try (SequenceWriter w = CSV.writer(SCHEMA)
                .without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .writeValues(out)) {
            for (List<String> row : rows(JsonReport.tree(f, generated))) {
                w.write(row);
            }
            // the evidence section flattened like any list, one JSON row at a time (a year holds a million)
            List<Map.Entry<Evidence.Row, List<String>>> evidence = Evidence.inverted(f.evidence());
            w.write(row("evidence", "count", "", "", IntNode.valueOf(evidence.size())));
            int i = 0;
            List<List<String>> rows = new ArrayList<>(8);
            for (Map.Entry<Evidence.Row, List<String>> e : evidence) {
                rows.clear();
                element(
                        rows,
                        "evidence",
                        "rows",
                        JsonReport.evidenceRow(++i, e.getKey(), e.getValue()),
                        new HashMap<>());
                for (List<String> row : rows) {
                    w.write(row);
                }
            }
        }
    }

    static List<List<String>> rows(JsonNode root) {
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            JsonNode v = field.getValue();
            if (v.isObject()) {
                section(rows, field.getKey(), "", v);
            } else if (v.isArray()) {
                list(rows, field.getKey(), "text", v);
            } else {
                rows.add(row("report", field.getKey(), "", "", v));
            }
        }
        return rows;
    }

    private static void section(List<List<String>> rows, String section, String prefix, JsonNode object) {
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            String dimension = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            JsonNode v = field.getValue();
            if (v.isObject()) {
                section(rows, section, dimension, v);
            } else if (v.isArray()) {
                list(rows, section, dimension, v);
            } else {
                rows.add(row(section, dimension, "", "", v));
            }
        }
    }

    private static void list(List<List<String>> rows, String section, String dimension, JsonNode array) {
        int position = 0;
        Map<String, Integer> seen = new HashMap<>();
        for (JsonNode element : array) {
            position++;
            if (!element.isObject()) {
                rows.add(row(section, dimension, Integer.toString(position), "", element));
                continue;
            }
            element(rows, section, dimension, element, seen);
        }
    }

    /** The rows of one element of a list; {@code seen} counts the keys met so far in the list. */
    private static void element(
            List<List<String>> rows, String section, String dimension, JsonNode element, Map<String, Integer> seen) {
        String keyField = element.has("key")
                ? "key"
                : element.properties().iterator().next().getKey();
        String first = element.get(keyField).asText();
        // (section, dimension, key) identifies a row: a key met again (two comments on one handover) gets #2, #3 …
        int n = seen.merge(first, 1, Integer::sum);
        String key = n == 1 ? first : first + "#" + n;
        String label = element.has("label") ? element.get("label").asText() : "";
        for (Map.Entry<String, JsonNode> field : element.properties()) {
            String name = field.getKey();
            if (name.equals(keyField) || name.equals("label")) {
                continue;
            }
            String dim = name.equals("count") ? dimension : dimension + "." + name;
            rows.add(row(section, dim, key, label, field.getValue()));
        }
    }

    private static List<String> row(String section, String dimension, String key, String label, JsonNode value) {
        String v;
        if (value.isArray()) {
            v = String.join(
                    "; ",
                    StreamSupport.stream(value.spliterator(), false)
                            .map(JsonNode::asText)
                            .toList());
        } else if (value.isNull()) {
            v = "";
        } else {
            v = value.asText();
        }
        return List.of(section, dimension, safe(key), safe(label), value.isNumber() ? v : safe(v));
    }

    /** Defuses spreadsheet formulas in text cells (OWASP's list: = + - @ tab and carriage return first). */
    static String safe(String cell) {
        if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
            return "'" + cell;
        }
        return cell;
    }
}
