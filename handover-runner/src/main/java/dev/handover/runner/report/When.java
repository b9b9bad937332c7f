package dev.handover.runner.report;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** A point in time as {@code --since} and {@code --until} take it: an ISO date, an ISO instant, or a look-back. */
sealed interface When {
    /** What a bad value is told. */
    String EXPECTED = "expected an ISO date (2026-03-01), an ISO instant (2026-03-01T09:00:00Z)"
            + " or a look-back from now (30m, 24h, 7d, 2w)";

    /**
     * The instant meant.
     *
     * @param clock now, for look-backs
     * @param end true for the end of a period: a date then means the end of that day
     */
    Instant resolve(Clock clock, boolean end);

    /** A UTC date: its start, or as an end its end (the start of the next day). */
    record Day(LocalDate date) implements When {
        @Override
        public Instant resolve(Clock clock, boolean end) {
            return (end ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
    }

    /** An instant. */
    record At(Instant instant) implements When {
        @Override
        public Instant resolve(Clock clock, boolean end) {
            return instant;
        }
    }

    /** So long before now. */
    record Ago(Duration duration) implements When {
        /** A number and a unit: minutes, hours, days or weeks. */
        static final Pattern PATTERN = Pattern.compile("(\\d{1,9})([mhdw])");

        @Override
        public Instant resolve(Clock clock, boolean end) {
            return clock.instant().minus(duration);
        }
    }

    /** Parses a value; throws {@link IllegalArgumentException} saying what was expected. */
    static When parse(String text) {
        String s = text.strip();
        Matcher ago = Ago.PATTERN.matcher(s);
        try {
            if (ago.matches()) {
                long n = Long.parseLong(ago.group(1));
                Duration unit = switch (ago.group(2)) {
                    case "m" -> Duration.ofMinutes(1);
                    case "h" -> Duration.ofHours(1);
                    case "d" -> Duration.ofDays(1);
                    default -> Duration.ofDays(7);
                };
                return new Ago(unit.multipliedBy(n));
            }
            if (s.length() == 10) {
                return new Day(LocalDate.parse(s));
            }
            // with or without seconds, Z or an offset: 2026-03-01T09:00Z, 2026-03-01T09:00:30+01:00
            return new At(OffsetDateTime.parse(s.toUpperCase(Locale.ROOT)).toInstant());
        } catch (DateTimeException | ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(EXPECTED + ", was '" + text + "'", e);
        }
    }

    /** Converts option values for picocli; a bad value is a usage error naming the option. */
    final class Converter implements CommandLine.ITypeConverter<When> {
        @Override
        public When convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
