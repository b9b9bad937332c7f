package dev.handover.runner.simulate;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Channel;
import dev.handover.spi.model.Customer;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.TicketPriority;
import dev.handover.spi.model.TicketStatus;
import dev.handover.spi.model.Version;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A CSV export of Case records as Data Loader writes it: a header of field API names (Data Loader's CSV writer
 * upper-cases every heading, in its {@code visitHeaderColumns}: {@code ID}, {@code CASENUMBER}, {@code OWNERID},
 * relationship fields as {@code CONTACT.EMAIL}; a SOQL query's own spelling such as {@code Id}, {@code Contact.Email}
 * is read the same, headers are compared ignoring case), every
 * value in double quotes, times as {@code 2026-03-02T08:00:00.000Z}. Each row is mapped as the connector maps a Case
 * read over the API: the status map (else {@code IsClosed}), the priority map, the owner as assignee when it is a
 * user ({@code 005…}), tags, group, language, reopens and custom fields from the fields the settings name.
 */
final class CaseCsv {
    /** Columns every row needs: without them there is no ticket. */
    static final List<String> REQUIRED = List.of("ID", "CREATEDDATE");

    private static final String USER = "005";
    private static final String QUEUE = "00G";
    private static final Pattern TEXT_TAGS = Pattern.compile("[\\s,]+");
    private static final DateTimeFormatter SPACED = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart()
            .appendPattern(".SSS")
            .optionalEnd()
            .toFormatter(Locale.ROOT);
    private static final DateTimeFormatter OFFSET = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd'T'HH:mm:ss")
            .optionalStart()
            .appendPattern(".SSS")
            .optionalEnd()
            .appendOffset("+HHmm", "Z")
            .toFormatter(Locale.ROOT);

    /** The adapter's defaults: the picklist values of a new org. */
    static final Map<String, TicketStatus> STATUS = ordered(
            "New", TicketStatus.NEW,
            "Working", TicketStatus.OPEN,
            "In Progress", TicketStatus.OPEN,
            "Open", TicketStatus.OPEN,
            "Escalated", TicketStatus.OPEN,
            "Waiting on Customer", TicketStatus.PENDING,
            "Pending", TicketStatus.PENDING,
            "On Hold", TicketStatus.ON_HOLD,
            "Waiting on Third Party", TicketStatus.ON_HOLD,
            "Solved", TicketStatus.SOLVED,
            "Resolved", TicketStatus.SOLVED,
            "Closed", TicketStatus.CLOSED);

    static final Map<String, TicketPriority> PRIORITY = ordered(
            "Low", TicketPriority.LOW,
            "Medium", TicketPriority.NORMAL,
            "Normal", TicketPriority.NORMAL,
            "High", TicketPriority.HIGH,
            "Urgent", TicketPriority.URGENT,
            "Critical", TicketPriority.URGENT);

    private CaseCsv() {}

    /** True when the first line is a header with an {@code Id} column (in any case). */
    static boolean looksLikeCsv(String text) {
        String first = text.stripLeading().lines().findFirst().orElse("");
        for (String h : first.split(",")) {
            if (h.strip().replace("\"", "").equalsIgnoreCase("id")) {
                return true;
            }
        }
        return false;
    }

    static List<Ticket> read(String text, String file, Mapping mapping) {
        CsvMapper csv = new CsvMapper();
        csv.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<Ticket> out = new ArrayList<>();
        try (MappingIterator<String[]> rows = csv.readerFor(String[].class).readValues(text)) {
            if (!rows.hasNext()) {
                throw new IllegalArgumentException(file + ": the CSV file is empty");
            }
            String[] header = rows.next();
            Map<String, Integer> columns = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                columns.putIfAbsent(header[i].strip().toUpperCase(Locale.ROOT), i);
            }
            for (String r : REQUIRED) {
                if (!columns.containsKey(r)) {
                    throw new IllegalArgumentException(file + ":1: the column " + r
                            + " is missing; a Case export needs " + String.join(" and ", REQUIRED) + " (the header has "
                            + String.join(", ", header) + ")");
                }
            }
            Columns cols = new Columns(columns);
            int line = 1;
            while (rows.hasNext()) {
                String[] row = rows.next();
                line = rows.getCurrentLocation().getLineNr() - 1;
                if (row.length == 1 && row[0].isBlank()) {
                    continue;
                }
                out.add(ticket(cols.row(row), file + ":" + line, mapping));
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException i && i.getMessage().startsWith(file)) {
                throw i;
            }
            int at = e instanceof com.fasterxml.jackson.core.JsonProcessingException p && p.getLocation() != null
                    ? p.getLocation().getLineNr()
                    : 1;
            throw new IllegalArgumentException(file + ":" + at + ": not valid CSV: a value in double quotes is not"
                    + " closed, or a quote inside a value is not doubled");
        }
        return out;
    }

    /** The columns of the header, by upper-cased name. */
    private record Columns(Map<String, Integer> index) {
        Map<String, String> row(String[] values) {
            Map<String, String> out = new LinkedHashMap<>();
            index.forEach((name, i) -> out.put(name, i < values.length ? values[i] : ""));
            return out;
        }
    }

    private static Ticket ticket(Map<String, String> r, String where, Mapping mapping) {
        String id = value(r, "Id");
        if (id.isEmpty()) {
            throw new IllegalArgumentException(where + ": the column ID is empty");
        }
        String w = where + " (Case " + id + ")";
        try {
            String rawStatus = value(r, "Status");
            String rawPriority = value(r, "Priority");
            Instant created = instant(value(r, "CreatedDate"), "CREATEDDATE");
            String modified = value(r, "LastModifiedDate");
            Instant updated = modified.isEmpty() ? created : instant(modified, "LASTMODIFIEDDATE");
            Ticket.Builder b = Ticket.builder(TicketId.of(id))
                    .subject(value(r, "Subject"))
                    .description(value(r, "Description"))
                    .status(status(rawStatus, value(r, "IsClosed"), mapping), rawStatus)
                    .priority(priority(rawPriority, mapping), rawPriority)
                    .requester(customer(r, mapping))
                    .tags(tags(r, mapping))
                    .channel(channel(value(r, "Origin")))
                    .createdAt(created)
                    .updatedAt(updated.isBefore(created) ? created : updated)
                    .version(Version.of("file"));
            String owner = value(r, "OwnerId");
            if (owner.startsWith(USER)) {
                b.assignee(AgentId.of(owner));
            }
            Optional<String> group = mapping.get("fields.case.group")
                    .or(() -> Optional.of("Handover_Group__c"))
                    .map(f -> value(r, f))
                    .filter(v -> !v.isEmpty());
            if (group.isPresent()) {
                b.group(GroupId.of(group.get()));
            } else if (owner.startsWith(QUEUE)) {
                b.group(GroupId.of(owner)); // a Case waiting in a queue: the queue is its group
            }
            mapping.get("fields.case.language")
                    .flatMap(f -> TicketObjects.locale(value(r, f)))
                    .ifPresent(b::language);
            mapping.get("fields.case.reopens")
                    .map(f -> value(r, f))
                    .flatMap(CaseCsv::number)
                    .ifPresent(n -> b.reopens((int) Math.max(0, Math.min(Integer.MAX_VALUE, n))));
            mapping.under("fields.custom.").forEach((name, api) -> {
                String v = plain(value(r, api));
                if (!v.isEmpty()) {
                    b.customField(name, v);
                }
            });
            return b.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException(w + ": " + e.getMessage());
        }
    }

    private static Customer customer(Map<String, String> r, Mapping mapping) {
        String name = value(r, "Contact.Name");
        String email = value(r, "Contact.Email");
        String phone = value(r, "Contact.Phone");
        Customer.Builder c = Customer.builder()
                .id(value(r, "ContactId"))
                .name(name.isEmpty() ? value(r, "SuppliedName") : name)
                .email(email.isEmpty() ? value(r, "SuppliedEmail") : email)
                .phone(phone.isEmpty() ? value(r, "SuppliedPhone") : phone)
                .organization(value(r, "Account.Name"))
                .salutation(value(r, "Contact.Salutation"));
        mapping.get("fields.contact.language")
                .flatMap(l -> TicketObjects.locale(value(r, "Contact." + l)))
                .ifPresent(c::language);
        mapping.get("customer.tier-field")
                .map(t -> plain(value(r, t)))
                .filter(t -> !t.isEmpty())
                .ifPresent(c::tier);
        return c.build();
    }

    private static TicketStatus status(String raw, String isClosed, Mapping mapping) {
        TicketStatus mapped =
                map(mapping, "case.status-map", TicketStatus.class, STATUS).get(raw);
        if (mapped != null) {
            return mapped;
        }
        return isClosed.equalsIgnoreCase("true") ? TicketStatus.CLOSED : TicketStatus.OPEN;
    }

    private static TicketPriority priority(String raw, Mapping mapping) {
        return map(mapping, "case.priority-map", TicketPriority.class, PRIORITY)
                .getOrDefault(raw, TicketPriority.NORMAL);
    }

    /** The setting's map ({@code Waiting on Customer=PENDING;…}), as the connector reads it, or the default. */
    private static <E extends Enum<E>> Map<String, E> map(
            Mapping mapping, String key, Class<E> type, Map<String, E> d) {
        Optional<String> raw = mapping.get(key);
        if (raw.isEmpty()) {
            return d;
        }
        Map<String, E> out = new LinkedHashMap<>();
        for (String entry : raw.get().split(";")) {
            int eq = entry.lastIndexOf('=');
            if (eq > 0) {
                try {
                    out.put(
                            entry.substring(0, eq).strip(),
                            Enum.valueOf(type, entry.substring(eq + 1).strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException ignored) {
                    // check reports a bad entry; the simulation uses the rest
                }
            }
        }
        return out;
    }

    private static List<String> tags(Map<String, String> r, Mapping mapping) {
        String field = mapping.get("fields.case.tags", "Handover_Tags__c");
        boolean picklist = mapping.get("fields.case.tags-format", "text").equalsIgnoreCase("multipicklist");
        String raw = value(r, field);
        List<String> out = new ArrayList<>();
        for (String t : (picklist ? Pattern.compile(";") : TEXT_TAGS).split(raw.strip())) {
            if (!t.isBlank()) {
                out.add(t.strip().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    static Channel channel(String origin) {
        if (origin == null || origin.isBlank()) {
            return Channel.OTHER;
        }
        String token = origin.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-");
        token = token.replaceAll("^-+|-+$", "");
        if (token.isEmpty()) {
            return Channel.OTHER;
        }
        return Channel.of(token.length() > 40 ? token.substring(0, 40) : token);
    }

    private static String value(Map<String, String> r, String field) {
        String v = r.get(field.strip().toUpperCase(Locale.ROOT));
        return v == null ? "" : v.strip();
    }

    /** A number as a plain decimal (Data Loader writes {@code 2.0}); other text as it is. */
    private static String plain(String v) {
        try {
            BigDecimal d = new BigDecimal(v).stripTrailingZeros();
            return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
        } catch (NumberFormatException notANumber) {
            return v;
        }
    }

    private static Optional<Long> number(String v) {
        try {
            return Optional.of(new BigDecimal(v).longValue());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A time as Data Loader writes it ({@code 2026-03-02T08:00:00.000Z}), with an offset, or UTC without. */
    static Instant instant(String raw, String column) {
        if (raw.isEmpty()) {
            throw new IllegalArgumentException("the column " + column + " is empty");
        }
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException notIso) {
            // the other forms Data Loader writes and reads
        }
        try {
            return OffsetDateTime.parse(raw, OFFSET).toInstant();
        } catch (DateTimeParseException notOffset) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(raw, SPACED).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notSpaced) {
            // try the next form
        }
        try {
            return LocalDate.parse(raw).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "the column " + column + " must be a time like" + " 2026-03-02T08:00:00.000Z, found '" + raw + "'");
        }
    }

    @SuppressWarnings("unchecked")
    private static <E> Map<String, E> ordered(Object... kv) {
        Map<String, E> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (E) kv[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
