package dev.handover.runner.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Optional;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns a YAML syntax error into a located problem in plain words. SnakeYAML (under Jackson) knows two places: the
 * problem mark, where it gave up, and the context mark, where the construct it was reading began. The problem mark is
 * usually right; for a quote that is never closed the context mark is where the quote opened, which is what a user
 * needs to find. The parser's own words are kept after the explanation, so nothing it said is lost.
 */
final class YamlSyntax {
    /** A value that starts with a quote: after "key: ", "- " or at the start of a line, outside { } and [ ]. */
    private static final java.util.regex.Pattern QUOTED_VALUE =
            java.util.regex.Pattern.compile("^(\\s*(?:- +)*(?:[^\\s#'\"{}\\[\\],][^#'\"{}\\[\\]]*?: +)?)([\"'])");

    private YamlSyntax() {}

    static ConfigException.Problem problem(JsonProcessingException e, String text, String file) {
        Optional<MarkedYAMLException> marked = marked(e);
        if (marked.isEmpty()) {
            JsonLocation l = e.getLocation();
            Location at = l == null || l.getLineNr() < 1
                    ? new Location(file, 1, 1)
                    : new Location(file, l.getLineNr(), Math.max(1, l.getColumnNr()));
            return new ConfigException.Problem(at, "", "this is not valid YAML: " + firstLine(e.getOriginalMessage()));
        }
        MarkedYAMLException m = marked.get();
        String problem = m.getProblem() == null ? "" : m.getProblem().strip();
        String context = m.getContext() == null ? "" : m.getContext().strip();
        Location problemAt = at(m.getProblemMark(), file).orElse(new Location(file, 1, 1));
        Optional<Location> contextAt = at(m.getContextMark(), file);
        String parser = "(the parser: " + problem + (context.isEmpty() ? "" : ", " + context)
                + contextAt.map(c -> " from " + c.line() + ":" + c.column()).orElse("") + ")";
        String[] lines = text.split("\n", -1);

        if (problem.contains("\\t(TAB)") || problem.contains("'\t'")) {
            return new ConfigException.Problem(
                    tabAt(lines, problemAt),
                    "",
                    "this is not valid YAML: a tab is used for indentation; YAML does not allow tabs for indentation,"
                            + " use spaces " + parser);
        }
        if (context.startsWith("while scanning a quoted scalar") && contextAt.isPresent()) {
            Location opened = contextAt.get();
            char quote = charAt(lines, opened);
            String q = quote == '\'' ? "'" : "\"";
            if (problem.contains("end of stream") || problem.contains("document")) {
                return new ConfigException.Problem(
                        opened,
                        "",
                        "this is not valid YAML: the quote " + q + " opened here is never closed; close it with " + q
                                + " where the value ends " + parser);
            }
            if (problem.contains("escape")) {
                return new ConfigException.Problem(
                        problemAt,
                        "",
                        "this is not valid YAML: an unknown escape sequence in the double-quoted value opened at "
                                + opened.line() + ":" + opened.column() + "; write \\\\ for a backslash, or use single"
                                + " quotes " + parser);
            }
        }
        Optional<Location> unclosed = unclosedQuote(lines, problemAt);
        if (unclosed.isPresent()) {
            Location opened = unclosed.get();
            String q = charAt(lines, opened) == '\'' ? "'" : "\"";
            return new ConfigException.Problem(
                    opened,
                    "",
                    "this is not valid YAML: the quote " + q + " opened here is not closed on its line, so the value"
                            + " runs on to the next " + q + " and YAML fails at " + problemAt.line() + ":"
                            + problemAt.column() + "; close it with " + q + " where the value ends " + parser);
        }
        if (problem.startsWith("mapping values are not allowed here")) {
            return new ConfigException.Problem(
                    problemAt,
                    "",
                    "this is not valid YAML: a ':' that starts a value cannot stand here; either this line is indented"
                            + " deeper than the key it belongs to, or a value holds ': ' and must be put in quotes "
                            + parser);
        }
        if (problem.startsWith("expected <block end>") && contextAt.isPresent()) {
            Location block = contextAt.get();
            boolean list = context.contains("block collection") || charAt(lines, block) == '-';
            String expected = list
                    ? "the keys of a list item must line up with the first key after its '- ' (column "
                            + keyColumnAfterDash(lines, block) + ", as on line " + block.line() + ")"
                    : "the keys of a map must line up (column " + block.column() + ", as on line " + block.line() + ")";
            return new ConfigException.Problem(
                    problemAt,
                    "",
                    "this is not valid YAML: line " + problemAt.line() + " is indented to column " + problemAt.column()
                            + ", which matches nothing above it; " + expected + " " + parser);
        }
        if (problem.startsWith("could not find expected ':'") && contextAt.isPresent()) {
            return new ConfigException.Problem(
                    contextAt.get(),
                    "",
                    "this is not valid YAML: a key without ':' (or a missing space after ':'); write 'key: value' "
                            + parser);
        }
        if (context.startsWith("while parsing a flow mapping") || context.startsWith("while parsing a flow sequence")) {
            boolean map = context.contains("mapping");
            String hint = lineOf(lines, problemAt).contains("${")
                            || lineOf(lines, problemAt).contains("{")
                    ? "; inside { } write environment references in quotes, such as \"${CRM_TOKEN}\""
                    : "";
            return new ConfigException.Problem(
                    problemAt,
                    "",
                    "this is not valid YAML: the " + (map ? "{ } map" : "[ ] list") + " opened at "
                            + contextAt.map(c -> c.line() + ":" + c.column()).orElse("?") + " is not closed, or a"
                            + " value in it holds '{', '}', '[', ']' or ',' and must be put in quotes" + hint + " "
                            + parser);
        }
        if (problem.startsWith("found undefined alias")) {
            return new ConfigException.Problem(
                    problemAt, "", "this is not valid YAML: an alias (*name) refers to no anchor (&name) " + parser);
        }
        if (problem.contains("that cannot start any token")) {
            return new ConfigException.Problem(
                    problemAt,
                    "",
                    "this is not valid YAML: a value cannot start with this character; put the value in quotes "
                            + parser);
        }
        return new ConfigException.Problem(problemAt, "", "this is not valid YAML " + parser);
    }

    /** A value opened with a quote on a line before the problem whose quotes do not balance on that line. */
    private static Optional<Location> unclosedQuote(String[] lines, Location problem) {
        for (int i = 0; i < Math.min(problem.line(), lines.length); i++) {
            java.util.regex.Matcher m = QUOTED_VALUE.matcher(lines[i]);
            if (!m.find()) {
                continue;
            }
            int open = m.start(2);
            char q = lines[i].charAt(open);
            String rest = lines[i].substring(open + 1);
            long count = q == '"'
                    ? rest.replace("\\\\", "")
                            .replace("\\\"", "")
                            .chars()
                            .filter(c -> c == '"')
                            .count()
                    : rest.chars().filter(c -> c == '\'').count();
            // an even count after the opening quote: it is never closed on this line ('' is an escaped ' in YAML)
            if (count % 2 == 0 && i + 1 < problem.line()) {
                return Optional.of(new Location(problem.file(), i + 1, open + 1));
            }
        }
        return Optional.empty();
    }

    private static Optional<MarkedYAMLException> marked(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException m) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    private static Optional<Location> at(Mark mark, String file) {
        return mark == null
                ? Optional.empty()
                : Optional.of(new Location(file, mark.getLine() + 1, mark.getColumn() + 1));
    }

    /** The tab itself: SnakeYAML points at the start of the token, which may be before the tab. */
    private static Location tabAt(String[] lines, Location at) {
        String line = lineOf(lines, at);
        int tab = line.indexOf('\t');
        return tab < 0 ? at : new Location(at.file(), at.line(), tab + 1);
    }

    private static String lineOf(String[] lines, Location at) {
        return at.line() >= 1 && at.line() <= lines.length ? lines[at.line() - 1] : "";
    }

    private static char charAt(String[] lines, Location at) {
        String line = lineOf(lines, at);
        return at.column() >= 1 && at.column() <= line.length() ? line.charAt(at.column() - 1) : ' ';
    }

    private static int keyColumnAfterDash(String[] lines, Location dash) {
        String line = lineOf(lines, dash);
        int i = dash.column();
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i + 1;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("").strip();
    }
}
