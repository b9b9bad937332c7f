package dev.handover.runner;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A command's clock: the context's, or — with {@code --at} — one whose first reading is exactly the given instant and
 * that runs on from there at the context's pace (so waits and timeouts still pass). Starting at the first reading, not
 * at the option's parsing, keeps the start-up of the JVM out of the stamps. For sandboxes and replay: docs/sandbox.md.
 */
final class CommandClock extends Clock {
    private final Clock base;
    private Duration offset = Duration.ZERO; // guarded by this
    private Instant at; // guarded by this; null once the offset is fixed, or without --at
    private Instant given; // guarded by this

    CommandClock(Clock base) {
        this.base = base;
    }

    /** From now on the clock reads this instant, and runs on from it. */
    synchronized void startAt(Instant instant) {
        this.at = instant;
        this.given = instant;
    }

    /** The instant given with {@code --at}, if any. */
    synchronized Optional<Instant> at() {
        return Optional.ofNullable(given);
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(base.withZone(zone), offset());
    }

    @Override
    public Instant instant() {
        Instant now = base.instant();
        synchronized (this) {
            if (at != null) {
                offset = Duration.between(now, at);
                at = null;
            }
            return now.plus(offset);
        }
    }

    private synchronized Duration offset() {
        instant();
        return offset;
    }

    /**
     * Reads {@code --at}: an instant ({@code 2026-03-02T09:30Z}, seconds optional) or a date-time with an offset
     * ({@code 2026-03-02T10:30+01:00}) or an offset and zone ({@code 2026-03-02T10:30+01:00[Europe/Berlin]}).
     */
    static final class Converter implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            String text = value.strip();
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                // not an offset form: try the zoned one below
            }
            try {
                return ZonedDateTime.parse(text).toInstant();
            } catch (DateTimeException e) {
                throw new TypeConversionException(
                        "'" + value + "' is not an instant: write it as 2026-03-02T09:30Z (UTC)"
                                + " or with its offset, 2026-03-02T10:30+01:00");
            }
        }
    }
}
