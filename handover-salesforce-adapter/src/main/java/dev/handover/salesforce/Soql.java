package dev.handover.salesforce;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one place SOQL text is made. Field and object names are checked against the API-name form, ids are validated
 * as Salesforce ids, and every other value is an escaped string, date or date-time literal: nothing a caller passes
 * in becomes query syntax.
 *
 * <p>A {@link Cond} can only be made here, so a WHERE clause is always assembled from checked parts.
 */
final class Soql {
    /** An API name, optionally a relationship path ({@code Contact.Email}, {@code Handover_Due__c}). */
    private static final Pattern NAME =
            Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,79}(\\.[A-Za-z][A-Za-z0-9_]{0,79}){0,4}");

    private Soql() {}

    /** A condition of a WHERE clause, built from checked parts only. */
    static final class Cond {
        private final String text;

        private Cond(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** Checks a field or object name; configuration errors surface here with the offending name. */
    static String name(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a Salesforce API name");
        }
        return name;
    }

    /** A quoted string literal with every character SOQL treats specially escaped. */
    static String literal(String value) {
        Objects.requireNonNull(value, "value");
        StringBuilder sb = new StringBuilder(value.length() + 2).append('\'');
        escapeInto(sb, value, false);
        return sb.append('\'').toString();
    }

    /** A quoted LIKE pattern: the value matched literally, {@code _} and {@code %} escaped too, then the wildcards. */
    static String likeLiteral(String prefix, String value, String suffix) {
        StringBuilder sb = new StringBuilder().append('\'').append(prefix);
        escapeInto(sb, value, true);
        return sb.append(suffix).append('\'').toString();
    }

    private static void escapeInto(StringBuilder sb, String value, boolean like) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\'' -> sb.append("\\'");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '_' -> sb.append(like ? "\\_" : "_");
                case '%' -> sb.append(like ? "\\%" : "%");
                default -> {
                    if (Character.isISOControl(c)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
    }

    /** A quoted id literal; the id must already be a normalized Salesforce id. */
    static String id(String id) {
        if (Ids.normalize(id).filter(id::equals).isEmpty()) {
            throw new IllegalArgumentException("'" + id + "' is not a normalized Salesforce id");
        }
        return "'" + id + "'";
    }

    /** A date-time literal. Salesforce keeps whole seconds; callers round as their comparison needs. */
    static String dateTime(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** A date literal. */
    static String date(LocalDate date) {
        return date.toString();
    }

    // ------------------------------------------------------------------ conditions

    static Cond eq(String field, String value) {
        return new Cond(name(field) + " = " + literal(value));
    }

    static Cond notEq(String field, String value) {
        return new Cond(name(field) + " != " + literal(value));
    }

    static Cond eqId(String field, String id) {
        return new Cond(name(field) + " = " + id(id));
    }

    static Cond eq(String field, boolean value) {
        return new Cond(name(field) + " = " + value);
    }

    static Cond eq(String field, long value) {
        return new Cond(name(field) + " = " + value);
    }

    static Cond eq(String field, Instant value) {
        return new Cond(name(field) + " = " + dateTime(value));
    }

    static Cond isNull(String field) {
        return new Cond(name(field) + " = null");
    }

    static Cond notNull(String field) {
        return new Cond(name(field) + " != null");
    }

    static Cond in(String field, Collection<String> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("IN needs at least one value for " + field);
        }
        return new Cond(
                name(field) + " IN (" + values.stream().map(Soql::literal).collect(Collectors.joining(", ")) + ")");
    }

    static Cond notIn(String field, Collection<String> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("NOT IN needs at least one value for " + field);
        }
        return new Cond(
                name(field) + " NOT IN (" + values.stream().map(Soql::literal).collect(Collectors.joining(", ")) + ")");
    }

    static Cond inIds(String field, Collection<String> ids) {
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("IN needs at least one id for " + field);
        }
        return new Cond(name(field) + " IN (" + ids.stream().map(Soql::id).collect(Collectors.joining(", ")) + ")");
    }

    /** At or after an instant: Salesforce keeps whole seconds, so a fractional instant rounds up. */
    static Cond atOrAfter(String field, Instant instant) {
        Instant up = instant.truncatedTo(ChronoUnit.SECONDS);
        if (up.isBefore(instant)) {
            up = up.plusSeconds(1);
        }
        return new Cond(name(field) + " >= " + dateTime(up));
    }

    /** At or before an instant: whole seconds stored, so a fractional instant rounds down. */
    static Cond atOrBefore(String field, Instant instant) {
        return new Cond(name(field) + " <= " + dateTime(instant));
    }

    static Cond after(String field, Instant instant) {
        return new Cond(name(field) + " > " + dateTime(instant));
    }

    static Cond before(String field, Instant instant) {
        return new Cond(name(field) + " < " + dateTime(instant));
    }

    static Cond afterId(String field, String id) {
        return new Cond(name(field) + " > " + id(id));
    }

    static Cond beforeId(String field, String id) {
        return new Cond(name(field) + " < " + id(id));
    }

    static Cond and(Cond... conds) {
        return join(" AND ", List.of(conds));
    }

    static Cond and(Collection<Cond> conds) {
        return join(" AND ", conds);
    }

    static Cond or(Cond... conds) {
        return join(" OR ", List.of(conds));
    }

    static Cond or(Collection<Cond> conds) {
        return join(" OR ", conds);
    }

    private static Cond join(String op, Collection<Cond> conds) {
        if (conds.isEmpty()) {
            throw new IllegalArgumentException("nothing to join with" + op);
        }
        if (conds.size() == 1) {
            return conds.iterator().next();
        }
        return new Cond(conds.stream().map(c -> "(" + c.text + ")").collect(Collectors.joining(op)));
    }

    // ------------------------------------------------------------------ queries

    /** A query builder: {@code Soql.select(...).from(...).where(...).orderBy(...).limit(...).build()}. */
    static Query select(Collection<String> fields) {
        return new Query(fields);
    }

    static Query select(String... fields) {
        return new Query(List.of(fields));
    }

    /** One SELECT statement under construction. */
    static final class Query {
        private final List<String> fields = new ArrayList<>();
        private String from;
        private final List<Cond> where = new ArrayList<>();
        private final List<String> groupBy = new ArrayList<>();
        private final List<String> orderBy = new ArrayList<>();
        private int limit = -1;

        private Query(Collection<String> fields) {
            if (fields.isEmpty()) {
                throw new IllegalArgumentException("a query selects at least one field");
            }
            for (String f : fields) {
                this.fields.add(selectItem(f));
            }
        }

        /**
         * Adds a parent-to-child subquery, {@code (SELECT … FROM ChildRelationship WHERE …)}: the sub-query's FROM is
         * the parent's relationship name ({@code QueueSobjects} on Group). Its rows come nested in each parent record.
         */
        Query children(Query sub) {
            fields.add("(" + sub.build() + ")");
            return this;
        }

        /** A field, or {@code COUNT(Id) alias}. */
        private static String selectItem(String f) {
            if (f.startsWith("COUNT(")) {
                String[] parts = f.split(" ");
                String inner = parts[0].substring("COUNT(".length(), parts[0].length() - 1);
                return "COUNT(" + name(inner) + ")" + (parts.length > 1 ? " " + name(parts[1]) : "");
            }
            return name(f);
        }

        Query from(String object) {
            this.from = name(object);
            return this;
        }

        /** Adds a condition; several are joined with AND. */
        Query where(Cond cond) {
            where.add(Objects.requireNonNull(cond, "cond"));
            return this;
        }

        Query groupBy(String... fields) {
            for (String f : fields) {
                groupBy.add(name(f));
            }
            return this;
        }

        Query orderBy(String field, boolean descending) {
            orderBy.add(name(field) + (descending ? " DESC" : " ASC"));
            return this;
        }

        Query limit(int limit) {
            if (limit < 1 || limit > 50_000) {
                throw new IllegalArgumentException("limit must be 1–50000, was " + limit);
            }
            this.limit = limit;
            return this;
        }

        String build() {
            if (from == null) {
                throw new IllegalStateException("a query needs FROM");
            }
            StringBuilder sb = new StringBuilder("SELECT ")
                    .append(String.join(", ", fields))
                    .append(" FROM ")
                    .append(from);
            if (!where.isEmpty()) {
                sb.append(" WHERE ").append(and(where).text);
            }
            if (!groupBy.isEmpty()) {
                sb.append(" GROUP BY ").append(String.join(", ", groupBy));
            }
            if (!orderBy.isEmpty()) {
                sb.append(" ORDER BY ").append(String.join(", ", orderBy));
            }
            if (limit > 0) {
                sb.append(" LIMIT ").append(limit);
            }
            return sb.toString();
        }
    }
}
