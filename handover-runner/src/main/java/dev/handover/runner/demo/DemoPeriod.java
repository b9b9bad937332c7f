package dev.handover.runner.demo;

import dev.handover.core.event.HandoverEvent;
import dev.handover.runner.journal.JournalEntry;
import dev.handover.runner.report.Review;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.slf4j.LoggerFactory;

/**
 * Consecutive calendar days of the demo from Monday 2 March 2026 ({@code handover demo --days N}). Each weekday is a
 * {@link DemoDay} of its own — its own tickets (ids from 1001 + 1000 × the day's index, so an id never names two
 * tickets and no chain or bounce joins two days), its own data seed ({@code seed +} the index) — played by the real
 * engine on a fresh in-memory CRM. Weekends are not played: the team's shifts are Monday to Friday, and a worker with
 * nobody on shift writes nothing.
 */
final class DemoPeriod {
    /** Three months: enough for a quarter's report, still a newcomer's minute. */
    static final int MAX_DAYS = 92;

    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("EEE d MMM uuuu", Locale.ENGLISH);
    private static final Set<DayOfWeek> WEEKEND = Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);

    private DemoPeriod() {}

    /**
     * The period as played.
     *
     * @param seed the demo's seed
     * @param first the first day, Monday 2 March 2026
     * @param days how many calendar days, weekends included
     * @param played the weekdays' outcomes, oldest first
     */
    record Outcome(long seed, LocalDate first, int days, List<DemoDay.Outcome> played) {

        /** Copies. */
        Outcome {
            played = List.copyOf(played);
        }

        /** The last calendar day of the period. */
        LocalDate last() {
            return first.plusDays(days - 1L);
        }

        /** The start of the first day, UTC: what {@code handover report --since FIRST} means. */
        Instant from() {
            return first.atStartOfDay(ZoneOffset.UTC).toInstant();
        }

        /** The end of the last day, UTC: what {@code handover report --until LAST} means. */
        Instant until() {
            return first.plusDays(days).atStartOfDay(ZoneOffset.UTC).toInstant();
        }

        /** Every day's journal, oldest day first. */
        List<JournalEntry> journal() {
            return played.stream().flatMap(d -> d.journal().stream()).toList();
        }

        /** True when every day's checks held. */
        boolean passed() {
            return played.stream().allMatch(DemoDay.Outcome::passed);
        }

        /** The review of the whole period, as {@code handover report --since FIRST --until LAST} gives it. */
        Review review() {
            return Review.of(journal(), from(), until());
        }

        /** One summary per calendar day, weekends included. */
        List<Summary> summaries() {
            List<Summary> out = new ArrayList<>();
            for (int i = 0; i < days; i++) {
                LocalDate date = first.plusDays(i);
                Optional<DemoDay.Outcome> day =
                        played.stream().filter(d -> d.date().equals(date)).findFirst();
                out.add(day.map(Summary::of).orElseGet(() -> Summary.notPlayed(date)));
            }
            return out;
        }
    }

    /**
     * A day in one line, counted from its journal as the review counts: handovers are distinct handover ids, reminders
     * include check-ins.
     *
     * @param date the day
     * @param played false for a weekend
     * @param handovers handovers written
     * @param acknowledgements acknowledgements
     * @param reminders reminders and check-ins
     * @param escalations escalations
     * @param checksPassed the day's own checks that held
     * @param checks the day's own checks
     * @param failed the texts of the checks that did not hold
     */
    record Summary(
            LocalDate date,
            boolean played,
            long handovers,
            long acknowledgements,
            long reminders,
            long escalations,
            long checksPassed,
            long checks,
            List<String> failed) {

        /** Copies. */
        Summary {
            failed = List.copyOf(failed);
        }

        static Summary of(DemoDay.Outcome day) {
            List<HandoverEvent> events =
                    day.journal().stream().map(JournalEntry::event).toList();
            long handovers = events.stream()
                    .filter(HandoverEvent.Executed.class::isInstance)
                    .map(e -> ((HandoverEvent.Executed) e).handover())
                    .distinct()
                    .count();
            List<String> failed = day.checks().stream()
                    .filter(c -> !c.passed())
                    .map(DemoDay.Check::text)
                    .toList();
            return new Summary(
                    day.date(),
                    true,
                    handovers,
                    count(events, HandoverEvent.Acknowledged.class),
                    count(events, HandoverEvent.Reminded.class),
                    count(events, HandoverEvent.Escalated.class),
                    day.checks().size() - failed.size(),
                    day.checks().size(),
                    failed);
        }

        static Summary notPlayed(LocalDate date) {
            return new Summary(date, false, 0, 0, 0, 0, 0, 0, List.of());
        }

        boolean passed() {
            return failed.isEmpty();
        }

        /** "Mon 2 Mar 2026  24 handovers · 14 acknowledgements · 8 reminders · 1 escalation · checks 11/11 ✓". */
        String line() {
            String day = String.format(Locale.ROOT, "%-15s", SHORT.format(date));
            if (!played) {
                return day + "  weekend: the team works Monday to Friday, nothing played";
            }
            return day + "  "
                    + List.of(
                                    plural(handovers, "handover"),
                                    plural(acknowledgements, "acknowledgement"),
                                    plural(reminders, "reminder"),
                                    plural(escalations, "escalation"),
                                    "checks " + checksPassed + "/" + checks + (passed() ? " ✓" : " ✗"))
                            .stream()
                            .collect(Collectors.joining(" · "));
        }

        private static long count(List<HandoverEvent> events, Class<? extends HandoverEvent> kind) {
            return events.stream().filter(kind::isInstance).count();
        }
    }

    /**
     * Plays {@code days} calendar days from Monday 2 March 2026 for this seed.
     *
     * @throws IllegalArgumentException when {@code days} is outside 1–{@value #MAX_DAYS}
     */
    static Outcome run(long seed, int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException(bounds(days));
        }
        // logging starts here, not in several days at once: SLF4J would tell stderr how it sorted that out
        LoggerFactory.getILoggerFactory();
        // the days share nothing (each has its own CRM, engine, clock and random), so they may play side by side;
        // the ordered stream keeps them in calendar order, and the output stays the same byte for byte
        List<DemoDay.Outcome> played = IntStream.range(0, days)
                .filter(i -> !WEEKEND.contains(DemoDay.FIRST_DAY.plusDays(i).getDayOfWeek()))
                .parallel()
                .mapToObj(i -> DemoDay.run(seed, i))
                .toList();
        return new Outcome(seed, DemoDay.FIRST_DAY, days, played);
    }

    /** The message for a --days out of bounds. */
    static String bounds(int days) {
        return "--days must be from 1 to " + MAX_DAYS + " (calendar days from Monday 2 March 2026), was " + days;
    }

    static String plural(long n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}
