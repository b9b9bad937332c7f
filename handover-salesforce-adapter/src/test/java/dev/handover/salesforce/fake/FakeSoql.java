package dev.handover.salesforce.fake;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The SOQL the fake understands: {@code SELECT fields|COUNT(f) [alias] FROM object [WHERE cond] [GROUP BY f, …] [ORDER
 * BY f [ASC|DESC] [NULLS FIRST|LAST], …] [LIMIT n]} with {@code AND}, {@code OR}, {@code NOT}, parentheses, {@code = !=
 * < <= > >=}, {@code [NOT] IN (…)}, {@code LIKE} and string, number, boolean, null, date and date-time literals with
 * Salesforce's escapes. Parsing is strict — an unescaped quote or stray token is {@code MALFORMED_QUERY} — so the
 * injection tests see what Salesforce would.
 */
public final class FakeSoql {
    private FakeSoql() {}

    /** A malformed query or an unknown field. */
    public static final class SoqlException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String code;

        SoqlException(String code, String message) {
            super(message);
            this.code = code;
        }
    }

    /** A parsed query. */
    public record Query(
            List<SelectItem> select, String from, Expr where, List<String> groupBy, List<Order> orderBy, int limit) {}

    /**
     * A field, an aggregate, or a parent-to-child subquery ({@code (SELECT f FROM ChildRelationship WHERE …)}, whose
     * {@code field} is the relationship name and {@code sub} the query on it).
     */
    public record SelectItem(String field, boolean count, String alias, Query sub) {
        public SelectItem(String field, boolean count, String alias) {
            this(field, count, alias, null);
        }

        /** True for a parent-to-child subquery. */
        public boolean isSubquery() {
            return sub != null;
        }
    }

    public record Order(String field, boolean desc, boolean nullsFirst) {}

    /** Resolves a field path on a record of an object. */
    interface Resolver {
        Object get(String object, Map<String, Object> record, String path);
    }

    public sealed interface Expr permits And, Or, Not, Compare, In, Like {}

    public record And(List<Expr> parts) implements Expr {}

    public record Or(List<Expr> parts) implements Expr {}

    public record Not(Expr inner) implements Expr {}

    public record Compare(String field, String op, Object value) implements Expr {}

    public record In(String field, List<Object> values, boolean negated) implements Expr {}

    public record Like(String field, Pattern pattern) implements Expr {}

    // ------------------------------------------------------------------ tokens

    private record Token(Kind kind, String text, Object value) {}

    private enum Kind {
        WORD,
        STRING,
        NUMBER,
        DATETIME,
        DATE,
        OP,
        LPAREN,
        RPAREN,
        COMMA,
        END
    }

    private static final Pattern DATE_TIME =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?(Z|[+-]\\d{2}:?\\d{2})");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d+)?");

    private static List<Token> lex(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(') {
                out.add(new Token(Kind.LPAREN, "(", null));
                i++;
            } else if (c == ')') {
                out.add(new Token(Kind.RPAREN, ")", null));
                i++;
            } else if (c == ',') {
                out.add(new Token(Kind.COMMA, ",", null));
                i++;
            } else if (c == '\'') {
                StringBuilder sb = new StringBuilder();
                i++;
                boolean closed = false;
                while (i < s.length()) {
                    char d = s.charAt(i);
                    if (d == '\\') {
                        if (i + 1 >= s.length()) {
                            throw malformed("unterminated escape");
                        }
                        char e = s.charAt(i + 1);
                        switch (e) {
                            case 'n' -> sb.append('\n');
                            case 'r' -> sb.append('\r');
                            case 't' -> sb.append('\t');
                            case 'b' -> sb.append('\b');
                            case 'f' -> sb.append('\f');
                            case '\'', '"', '\\' -> sb.append(e);
                            case '_' -> sb.append(ESCAPED_UNDERSCORE); // only LIKE gives the escape meaning
                            case '%' -> sb.append(ESCAPED_PERCENT);
                            case 'u' -> {
                                if (i + 6 > s.length()) {
                                    throw malformed("bad \\u escape");
                                }
                                sb.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
                                i += 4;
                            }
                            default -> throw malformed("invalid escape \\" + e);
                        }
                        i += 2;
                    } else if (d == '\'') {
                        closed = true;
                        i++;
                        break;
                    } else {
                        sb.append(d);
                        i++;
                    }
                }
                if (!closed) {
                    throw malformed("unterminated string literal");
                }
                out.add(new Token(Kind.STRING, sb.toString(), sb.toString()));
            } else if (c == '=' || c == '!' || c == '<' || c == '>') {
                String op =
                        i + 1 < s.length() && s.charAt(i + 1) == '=' ? s.substring(i, i + 2) : s.substring(i, i + 1);
                if (op.equals("!")) {
                    throw malformed("unexpected '!'");
                }
                out.add(new Token(Kind.OP, op, null));
                i += op.length();
            } else if (Character.isDigit(c)) {
                int j = i;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || ":.+-".indexOf(s.charAt(j)) >= 0)) {
                    j++;
                }
                String t = s.substring(i, j);
                if (DATE_TIME.matcher(t).matches()) {
                    String iso = t.replaceAll("([+-]\\d{2})(\\d{2})$", "$1:$2");
                    out.add(new Token(
                            Kind.DATETIME, t, OffsetDateTime.parse(iso).toInstant()));
                } else if (DATE.matcher(t).matches()) {
                    out.add(new Token(Kind.DATE, t, LocalDate.parse(t)));
                } else if (NUMBER.matcher(t).matches()) {
                    out.add(new Token(Kind.NUMBER, t, Double.parseDouble(t)));
                } else {
                    throw malformed("bad literal " + t);
                }
                i = j;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < s.length()
                        && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_' || s.charAt(j) == '.')) {
                    j++;
                }
                out.add(new Token(Kind.WORD, s.substring(i, j), null));
                i = j;
            } else {
                throw malformed("unexpected character '" + c + "'");
            }
        }
        out.add(new Token(Kind.END, "", null));
        return out;
    }

    static SoqlException malformed(String why) {
        return new SoqlException("MALFORMED_QUERY", "malformed query: " + why);
    }

    // ------------------------------------------------------------------ parser

    /** Parses a query; malformed SOQL throws {@link SoqlException} with {@code MALFORMED_QUERY}. */
    public static Query parse(String soql) {
        return new Parser(lex(soql)).query();
    }

    private static final class Parser {
        private final List<Token> tokens;
        private int pos;

        Parser(List<Token> tokens) {
            this.tokens = tokens;
        }

        private Token peek() {
            return tokens.get(pos);
        }

        private Token next() {
            return tokens.get(pos++);
        }

        private boolean word(String w) {
            Token t = peek();
            if (t.kind == Kind.WORD && t.text.equalsIgnoreCase(w)) {
                pos++;
                return true;
            }
            return false;
        }

        private void expectWord(String w) {
            if (!word(w)) {
                throw malformed("expected " + w + " at '" + peek().text + "'");
            }
        }

        private String ident() {
            Token t = next();
            if (t.kind != Kind.WORD || KEYWORDS.contains(t.text.toUpperCase(Locale.ROOT))) {
                throw malformed("expected a field at '" + t.text + "'");
            }
            return t.text;
        }

        private void expect(Kind k) {
            Token t = next();
            if (t.kind != k) {
                throw malformed("expected " + k + " at '" + t.text + "'");
            }
        }

        Query query() {
            return query(false);
        }

        /**
         * One SELECT; a nested one ({@code sub}) is a parent-to-child subquery, which ends at its closing parenthesis
         * and may not nest again (Salesforce allows deeper levels; the adapter needs one).
         */
        Query query(boolean sub) {
            expectWord("SELECT");
            List<SelectItem> select = new ArrayList<>();
            do {
                if (!sub && peek().kind == Kind.LPAREN) {
                    next();
                    Query child = query(true);
                    expect(Kind.RPAREN);
                    select.add(new SelectItem(child.from(), false, null, child));
                } else if (peek().kind == Kind.WORD && peek().text.equalsIgnoreCase("COUNT")) {
                    next();
                    expect(Kind.LPAREN);
                    String f = peek().kind == Kind.RPAREN ? "Id" : ident();
                    expect(Kind.RPAREN);
                    String alias = null;
                    if (peek().kind == Kind.WORD && !peek().text.equalsIgnoreCase("FROM") && !isComma()) {
                        alias = ident();
                    }
                    select.add(new SelectItem(f, true, alias));
                } else {
                    select.add(new SelectItem(ident(), false, null));
                }
            } while (comma());
            expectWord("FROM");
            Token object = next(); // an object may be named like a keyword: FROM Group
            if (object.kind != Kind.WORD) {
                throw malformed("expected an object at '" + object.text + "'");
            }
            String from = object.text;
            Expr where = null;
            if (word("WHERE")) {
                where = or();
            }
            List<String> groupBy = new ArrayList<>();
            if (word("GROUP")) {
                expectWord("BY");
                do {
                    groupBy.add(ident());
                } while (comma());
            }
            List<Order> orderBy = new ArrayList<>();
            if (word("ORDER")) {
                expectWord("BY");
                do {
                    String f = ident();
                    boolean desc = false;
                    if (word("DESC")) {
                        desc = true;
                    } else {
                        word("ASC");
                    }
                    boolean nullsFirst = !desc;
                    if (word("NULLS")) {
                        if (word("FIRST")) {
                            nullsFirst = true;
                        } else {
                            expectWord("LAST");
                            nullsFirst = false;
                        }
                    }
                    orderBy.add(new Order(f, desc, nullsFirst));
                } while (comma());
            }
            int limit = -1;
            if (word("LIMIT")) {
                Token t = next();
                if (t.kind != Kind.NUMBER) {
                    throw malformed("LIMIT needs a number");
                }
                limit = (int) (double) (Double) t.value;
            }
            if (peek().kind != (sub ? Kind.RPAREN : Kind.END)) {
                throw malformed("unexpected token '" + peek().text + "'");
            }
            return new Query(select, from, where, groupBy, orderBy, limit);
        }

        private boolean isComma() {
            return peek().kind == Kind.COMMA;
        }

        private boolean comma() {
            if (peek().kind == Kind.COMMA) {
                pos++;
                return true;
            }
            return false;
        }

        private Expr or() {
            List<Expr> parts = new ArrayList<>();
            parts.add(and());
            while (word("OR")) {
                parts.add(and());
            }
            return parts.size() == 1 ? parts.get(0) : new Or(parts);
        }

        private Expr and() {
            List<Expr> parts = new ArrayList<>();
            parts.add(not());
            while (word("AND")) {
                parts.add(not());
            }
            return parts.size() == 1 ? parts.get(0) : new And(parts);
        }

        private Expr not() {
            if (word("NOT")) {
                return new Not(not());
            }
            if (peek().kind == Kind.LPAREN) {
                next();
                Expr e = or();
                expect(Kind.RPAREN);
                return e;
            }
            String field = ident();
            if (word("NOT")) {
                expectWord("IN");
                return new In(field, list(), true);
            }
            if (word("IN")) {
                return new In(field, list(), false);
            }
            if (word("LIKE")) {
                Token t = next();
                if (t.kind != Kind.STRING) {
                    throw malformed("LIKE needs a string");
                }
                return new Like(field, like((String) t.value));
            }
            Token op = next();
            if (op.kind != Kind.OP) {
                throw malformed("expected an operator after " + field + " at '" + op.text + "'");
            }
            return new Compare(field, op.text, value());
        }

        private List<Object> list() {
            expect(Kind.LPAREN);
            List<Object> values = new ArrayList<>();
            do {
                values.add(value());
            } while (comma());
            expect(Kind.RPAREN);
            return values;
        }

        private Object value() {
            Token t = next();
            return switch (t.kind) {
                case STRING -> unescapeLikeMarkers((String) t.value);
                case NUMBER, DATETIME, DATE -> t.value;
                case WORD -> {
                    String w = t.text.toLowerCase(Locale.ROOT);
                    if (w.equals("null")) {
                        yield null;
                    }
                    if (w.equals("true") || w.equals("false")) {
                        yield Boolean.valueOf(w);
                    }
                    throw malformed("unexpected word '" + t.text + "' where a value belongs");
                }
                default -> throw malformed("expected a value at '" + t.text + "'");
            };
        }
    }

    private static final Set<String> KEYWORDS = Set.of(
            "SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "LIKE", "GROUP", "BY", "ORDER", "ASC", "DESC", "NULLS",
            "FIRST", "LAST", "LIMIT", "NULL", "TRUE", "FALSE");

    private static final char ESCAPED_UNDERSCORE = '\uE000';
    private static final char ESCAPED_PERCENT = '\uE001';

    /** Outside LIKE, {@code \_} and {@code \%} are plain characters. */
    private static String unescapeLikeMarkers(String s) {
        return s.replace(ESCAPED_UNDERSCORE, '_').replace(ESCAPED_PERCENT, '%');
    }

    private static Pattern like(String raw) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == ESCAPED_UNDERSCORE || c == ESCAPED_PERCENT) {
                re.append(Pattern.quote(c == ESCAPED_UNDERSCORE ? "_" : "%"));
            } else if (c == '%') {
                re.append(".*");
            } else if (c == '_') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }

    // ------------------------------------------------------------------ evaluation

    static boolean matches(Expr e, String object, Map<String, Object> r, Resolver resolver) {
        if (e == null) {
            return true;
        }
        if (e instanceof And and) {
            return and.parts().stream().allMatch(p -> matches(p, object, r, resolver));
        }
        if (e instanceof Or or) {
            return or.parts().stream().anyMatch(p -> matches(p, object, r, resolver));
        }
        if (e instanceof Not not) {
            return !matches(not.inner(), object, r, resolver);
        }
        if (e instanceof In in) {
            Object v = resolver.get(object, r, in.field());
            boolean found = in.values().stream().anyMatch(x -> compare(v, x) == 0);
            return in.negated() != found;
        }
        if (e instanceof Like like) {
            Object v = resolver.get(object, r, like.field());
            return v != null && like.pattern().matcher(v.toString()).matches();
        }
        Compare c = (Compare) e;
        Object v = resolver.get(object, r, c.field());
        if (c.value() == null) {
            return switch (c.op()) {
                case "=" -> v == null;
                case "!=" -> v != null;
                default -> throw malformed("null only compares with = or !=");
            };
        }
        if (v == null) {
            return c.op().equals("!=");
        }
        int cmp = compare(v, c.value());
        return switch (c.op()) {
            case "=" -> cmp == 0;
            case "!=" -> cmp != 0;
            case "<" -> cmp < 0;
            case "<=" -> cmp <= 0;
            case ">" -> cmp > 0;
            case ">=" -> cmp >= 0;
            default -> throw malformed("unknown operator " + c.op());
        };
    }

    /** Compares a stored value with a literal; strings compare case-insensitively for equality, as Salesforce does. */
    static int compare(Object stored, Object literal) {
        if (stored == null || literal == null) {
            return stored == literal ? 0 : (stored == null ? -1 : 1);
        }
        if (stored instanceof Instant a && literal instanceof Instant b) {
            return a.compareTo(b);
        }
        if (stored instanceof LocalDate a && literal instanceof LocalDate b) {
            return a.compareTo(b);
        }
        if (stored instanceof Number a && literal instanceof Number b) {
            return Double.compare(a.doubleValue(), b.doubleValue());
        }
        if (stored instanceof Boolean a && literal instanceof Boolean b) {
            return Boolean.compare(a, b);
        }
        if (stored instanceof String a && literal instanceof String b) {
            int ci = a.compareToIgnoreCase(b);
            return ci == 0 ? 0 : a.compareTo(b);
        }
        throw new SoqlException(
                "INVALID_QUERY_FILTER_OPERATOR",
                "cannot compare " + stored.getClass().getSimpleName() + " with "
                        + literal.getClass().getSimpleName());
    }

    static Comparator<Map<String, Object>> comparator(List<Order> orders, String object, Resolver resolver) {
        Comparator<Map<String, Object>> cmp = (a, b) -> 0;
        for (Order o : orders) {
            Comparator<Map<String, Object>> one = (a, b) -> {
                Object x = resolver.get(object, a, o.field());
                Object y = resolver.get(object, b, o.field());
                if (x == null || y == null) {
                    if (x == y) {
                        return 0;
                    }
                    return (x == null) == o.nullsFirst() ? -1 : 1;
                }
                int c = x instanceof String xs && y instanceof String ys ? xs.compareTo(ys) : compare(x, y);
                return o.desc() ? -c : c;
            };
            cmp = cmp.thenComparing(one);
        }
        return cmp;
    }

    /** Aggregates rows for {@code GROUP BY}: one output row per group, with COUNTs under their aliases. */
    static List<Map<String, Object>> group(Query q, List<Map<String, Object>> rows, String object, Resolver resolver) {
        Map<List<Object>, List<Map<String, Object>>> groups = new LinkedHashMap<>();
        for (Map<String, Object> r : rows) {
            List<Object> key = new ArrayList<>();
            for (String g : q.groupBy()) {
                key.add(resolver.get(object, r, g));
            }
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        if (q.groupBy().isEmpty()) {
            groups.put(List.of(), rows);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map.Entry<List<Object>, List<Map<String, Object>>> g : groups.entrySet()) {
            Map<String, Object> row = new LinkedHashMap<>();
            int expr = 0;
            for (SelectItem s : q.select()) {
                if (s.count()) {
                    long n = g.getValue().stream()
                            .filter(r -> resolver.get(object, r, s.field()) != null)
                            .count();
                    row.put(s.alias() != null ? s.alias() : "expr" + expr++, n);
                } else {
                    int index = q.groupBy().indexOf(s.field());
                    if (index < 0) {
                        throw new SoqlException(
                                "MALFORMED_QUERY", "field " + s.field() + " must be grouped or aggregated");
                    }
                    row.put(s.field(), g.getKey().get(index));
                }
            }
            out.add(row);
        }
        return out;
    }

    static final DateTimeFormatter SF_DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx").withZone(java.time.ZoneOffset.UTC);

    static String formatDateTime(Instant instant) {
        return SF_DATE_TIME.format(Objects.requireNonNull(instant));
    }
}
