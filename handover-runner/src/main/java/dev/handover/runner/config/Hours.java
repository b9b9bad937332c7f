package dev.handover.runner.config;

import dev.handover.spi.model.Shift;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads working hours written as {@code Mon-Fri 08:00-18:00}, {@code Sat,Sun 10:00-14:00} or {@code Sun-Thu 22:00-06:00}. */
final class Hours {
    private static final Pattern FORM =
            Pattern.compile("(?i)\\s*([a-z,\\-\\s]+?)\\s+(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2})\\s*");
    private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    static final String EXPECTED = "working hours like 'Mon-Fri 08:00-18:00' or 'Sat,Sun 10:00-14:00'";

    private Hours() {}

    static Optional<Shift> parse(String raw, Location at, String path, Binder b) {
        Matcher m = FORM.matcher(raw);
        if (!m.matches()) {
            b.problem(at, path, "expected " + EXPECTED + ", found '" + raw + "'");
            return Optional.empty();
        }
        EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String part : m.group(1).split(",")) {
            String p = part.strip().toLowerCase(Locale.ROOT);
            String[] range = p.split("\\s*-\\s*");
            if (range.length < 1 || range.length > 2) {
                b.problem(at, path, "'" + part.strip() + "' is not a day or a range of days like Mon-Fri");
                return Optional.empty();
            }
            int from = day(range[0]);
            int to = day(range[range.length - 1]);
            if (from < 0 || to < 0) {
                b.problem(
                        at,
                        path,
                        "'" + part.strip() + "' is not a day or a range of days like Mon-Fri"
                                + " (days: Mon Tue Wed Thu Fri Sat Sun)");
                return Optional.empty();
            }
            for (int d = from; ; d = (d + 1) % 7) {
                days.add(DayOfWeek.of(d + 1));
                if (d == to) {
                    break;
                }
            }
        }
        try {
            LocalTime start = LocalTime.parse(pad(m.group(2)));
            LocalTime end = LocalTime.parse(pad(m.group(3)));
            if (start.equals(end)) {
                b.problem(at, path, "working hours start and end at the same time in '" + raw + "'");
                return Optional.empty();
            }
            return Optional.of(Shift.of(days, start, end));
        } catch (DateTimeParseException e) {
            b.problem(at, path, "'" + raw + "' has a time that is not HH:MM from 00:00 to 23:59");
            return Optional.empty();
        }
    }

    /** {@code 20:00-08:00}: a daily window. */
    static Optional<LocalTime[]> window(String raw, Location at, String path, Binder b) {
        String[] parts = raw.strip().split("\\s*-\\s*");
        try {
            if (parts.length == 2) {
                return Optional.of(new LocalTime[] {LocalTime.parse(pad(parts[0])), LocalTime.parse(pad(parts[1]))});
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        b.problem(at, path, "expected a daily window like '20:00-08:00', found '" + raw + "'");
        return Optional.empty();
    }

    /**
     * Where each of {@code count} working-hours values is written: its own list item when the value is a list of
     * single values, else where the value starts ({@code "Mon-Fri 08:00-18:00, Sat 10:00-14:00"} is one scalar).
     */
    static List<Location> locations(Optional<Node> value, int count, Location fallback) {
        Location start = value.map(Node::location).orElse(fallback);
        if (value.isPresent()
                && value.get() instanceof Node.ListNode l
                && l.items().size() == count) {
            return l.items().stream().map(Node::location).toList();
        }
        return java.util.Collections.nCopies(count, start);
    }

    private static String pad(String time) {
        return time.length() == 4 ? "0" + time : time;
    }

    private static int day(String name) {
        String n = name.strip();
        return n.length() < 3 ? -1 : DAYS.indexOf(n.substring(0, 3));
    }
}
