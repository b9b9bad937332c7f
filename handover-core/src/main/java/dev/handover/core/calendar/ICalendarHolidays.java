package dev.handover.core.calendar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads holidays from an iCalendar file (RFC 5545), as exported by Google Calendar, Outlook or a government holiday
 * feed: every {@code VEVENT}'s {@code DTSTART} date, through the day before its {@code DTEND} (all-day events end
 * exclusively), named by its {@code SUMMARY}. {@code RRULE:FREQ=YEARLY} (with {@code COUNT} or {@code UNTIL}) repeats
 * an event yearly up to the year given. Lines folded by a leading space are unfolded; escaped text is unescaped.
 * Errors name the line.
 */
public final class ICalendarHolidays {
    private static final DateTimeFormatter BASIC = DateTimeFormatter.BASIC_ISO_DATE;

    private ICalendarHolidays() {}

    /**
     * The holidays in the file, sorted; yearly rules expanded up to and including {@code untilYear}.
     *
     * @param source where the text comes from, for error messages (a file name)
     */
    public static List<Holiday> read(Reader in, String source, int untilYear) {
        List<String[]> lines = unfold(in);
        TreeMap<LocalDate, Holiday> out = new TreeMap<>();
        Map<String, String> event = null;
        int eventLine = 0;
        for (String[] entry : lines) {
            int number = Integer.parseInt(entry[0]);
            String line = entry[1];
            if (line.isBlank()) {
                continue;
            }
            if (line.equalsIgnoreCase("BEGIN:VEVENT")) {
                event = new TreeMap<>();
                eventLine = number;
            } else if (line.equalsIgnoreCase("END:VEVENT")) {
                if (event == null) {
                    throw new IllegalArgumentException(source + ":" + number + ": END:VEVENT without BEGIN:VEVENT");
                }
                addEvent(event, source, eventLine, untilYear, out);
                event = null;
            } else if (event != null) {
                int colon = line.indexOf(':');
                if (colon < 1) {
                    throw new IllegalArgumentException(
                            source + ":" + number + ": expected NAME:VALUE, found '" + abbreviate(line) + "'");
                }
                String head = line.substring(0, colon);
                String name = head.split(";", 2)[0].toUpperCase(Locale.ROOT);
                event.put(name, line.substring(colon + 1));
                event.put(name + "@line", Integer.toString(number));
            }
        }
        if (event != null) {
            throw new IllegalArgumentException(source + ":" + eventLine + ": BEGIN:VEVENT is never closed");
        }
        return List.copyOf(out.values());
    }

    private static void addEvent(
            Map<String, String> e, String source, int line, int untilYear, TreeMap<LocalDate, Holiday> out) {
        String start = e.get("DTSTART");
        if (start == null) {
            throw new IllegalArgumentException(source + ":" + line + ": VEVENT has no DTSTART");
        }
        LocalDate first = date(start, source, e.get("DTSTART@line"));
        LocalDate end = e.containsKey("DTEND") ? date(e.get("DTEND"), source, e.get("DTEND@line")) : first.plusDays(1);
        if (!end.isAfter(first)) {
            end = first.plusDays(1);
        }
        String name = unescape(e.getOrDefault("SUMMARY", ""));
        List<LocalDate> starts = new ArrayList<>();
        starts.add(first);
        String rule = e.get("RRULE");
        if (rule != null) {
            starts = yearly(first, rule, untilYear, source, e.get("RRULE@line"));
        }
        long days = java.time.temporal.ChronoUnit.DAYS.between(first, end);
        for (LocalDate s : starts) {
            for (long d = 0; d < days; d++) {
                LocalDate day = s.plusDays(d);
                out.putIfAbsent(day, new Holiday(day, name));
            }
        }
    }

    private static List<LocalDate> yearly(LocalDate first, String rule, int untilYear, String source, String line) {
        Map<String, String> parts = new TreeMap<>();
        for (String p : rule.split(";")) {
            String[] kv = p.split("=", 2);
            if (kv.length == 2) {
                parts.put(kv[0].toUpperCase(Locale.ROOT), kv[1]);
            }
        }
        if (!"YEARLY".equalsIgnoreCase(parts.get("FREQ"))) {
            throw new IllegalArgumentException(source + ":" + line + ": only RRULE:FREQ=YEARLY is supported for"
                    + " holidays, found '" + rule + "'");
        }
        int count = parts.containsKey("COUNT") ? Integer.parseInt(parts.get("COUNT")) : Integer.MAX_VALUE;
        LocalDate until =
                parts.containsKey("UNTIL") ? date(parts.get("UNTIL"), source, line) : LocalDate.of(untilYear, 12, 31);
        List<LocalDate> out = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            LocalDate d = first.plusYears(n);
            if (d.isAfter(until) || d.getYear() > untilYear) {
                break;
            }
            out.add(d);
        }
        return out;
    }

    private static LocalDate date(String value, String source, String line) {
        String v = value.strip();
        try {
            return LocalDate.parse(v.length() >= 8 ? v.substring(0, 8) : v, BASIC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    source + ":" + line + ": expected a date like 20261225, found '" + abbreviate(v) + "'");
        }
    }

    private static List<String[]> unfold(Reader in) {
        List<String[]> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(in)) {
            String raw;
            int number = 0;
            while ((raw = r.readLine()) != null) {
                number++;
                if ((raw.startsWith(" ") || raw.startsWith("\t")) && !out.isEmpty()) {
                    String[] last = out.get(out.size() - 1);
                    last[1] = last[1] + raw.substring(1);
                } else {
                    out.add(new String[] {Integer.toString(number), raw});
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static String unescape(String text) {
        return text.replace("\\n", "\n")
                .replace("\\N", "\n")
                .replace("\\,", ",")
                .replace("\\;", ";")
                .replace("\\\\", "\\");
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 39) + "…";
    }

    /** Only the dates. */
    public static TreeSet<LocalDate> dates(List<Holiday> holidays) {
        TreeSet<LocalDate> out = new TreeSet<>();
        holidays.forEach(h -> out.add(h.date()));
        return out;
    }
}
