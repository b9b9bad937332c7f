package dev.handover.runner.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.core.event.HandoverEvent;
import dev.handover.runner.journal.Journal;
import dev.handover.runner.journal.JournalEntry;
import dev.handover.runner.journal.JournalReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two generated weeks of the demo team ({@link JournalGenerator}): figures agree with a plain count over the events,
 * breakdowns add up, and the journal on disk gives the same review as the events in memory.
 */
class ReviewGeneratedTest {
    static final Instant FROM = Instant.parse("2026-03-02T00:00:00Z");
    static final Instant UNTIL = FROM.plus(Duration.ofDays(14));
    static final Instant GENERATED = UNTIL.plus(Duration.ofHours(7));

    private final List<JournalEntry> entries = JournalGenerator.twoWeeks(42);
    private final Figures f = Review.of(entries, FROM, UNTIL).figures();

    /** The distinct handovers of the period, counted the plain way. */
    private Map<String, HandoverEvent.Executed> handovers() {
        Map<String, HandoverEvent.Executed> out = new LinkedHashMap<>();
        for (JournalEntry e : entries) {
            if (e.event() instanceof HandoverEvent.Executed x && !x.at().isBefore(FROM) && x.at().isBefore(UNTIL)) {
                out.putIfAbsent(x.handover().value(), x);
            }
        }
        return out;
    }

    private long inPeriod(Predicate<HandoverEvent> which) {
        return entries.stream()
                .map(JournalEntry::event)
                .filter(e -> !e.at().isBefore(FROM) && e.at().isBefore(UNTIL))
                .filter(which)
                .count();
    }

    private static long sum(List<Figures.Count> counts) {
        return counts.stream().mapToLong(Figures.Count::count).sum();
    }

    @Test
    void aRealisticTwoWeeks() {
        assertThat(f.volume().handovers()).isBetween(500L, 1000L);
        assertThat(f.volume().perDay()).hasSize(14);
        assertThat(f.volume().byReceiver()).hasSizeBetween(10, 15);
        assertThat(f.refusals().count()).isPositive();
        assertThat(f.escalations().total()).isPositive();
        assertThat(f.bounces().count()).isPositive();
        assertThat(f.feedback().comments()).hasSize(Tally.COMMENTS);
        assertThat(f.suggestions()).isNotEmpty();
    }

    @Test
    void figuresAgreeWithAPlainCount() {
        Map<String, HandoverEvent.Executed> handovers = handovers();
        assertThat(f.volume().handovers()).isEqualTo(handovers.size());
        assertThat(f.volume().customerNotified())
                .isEqualTo(handovers.values().stream()
                        .filter(HandoverEvent.Executed::customerNotified)
                        .count());
        assertThat(f.notes().complete())
                .isEqualTo(handovers.values().stream()
                        .filter(x -> x.missing().isEmpty())
                        .count());
        assertThat(f.acks().needed())
                .isEqualTo(handovers.values().stream()
                        .filter(x -> x.acknowledgeBy().isPresent())
                        .count());
        Map<String, HandoverEvent.Acknowledged> acks = new HashMap<>();
        entries.stream()
                .map(JournalEntry::event)
                .filter(e -> e instanceof HandoverEvent.Acknowledged && e.at().isBefore(UNTIL))
                .map(HandoverEvent.Acknowledged.class::cast)
                .forEach(a -> acks.putIfAbsent(a.handover().value(), a));
        long late = handovers.values().stream()
                .filter(x -> x.acknowledgeBy().isPresent()
                        && acks.containsKey(x.handover().value()))
                .filter(x -> acks.get(x.handover().value())
                        .acknowledgedAt()
                        .isAfter(x.acknowledgeBy().get()))
                .count();
        assertThat(f.acks().late()).isEqualTo(late);
        assertThat(f.reminders().total()).isEqualTo(inPeriod(e -> e instanceof HandoverEvent.Reminded));
        assertThat(f.escalations().total()).isEqualTo(inPeriod(e -> e instanceof HandoverEvent.Escalated));
        assertThat(f.refusals().count()).isEqualTo(inPeriod(e -> e instanceof HandoverEvent.Refused));
        assertThat(f.actions().onTime())
                .isEqualTo(inPeriod(e -> e instanceof HandoverEvent.ActionCompleted c && c.onTime()));
    }

    @Test
    void breakdownsAddUp() {
        long n = f.volume().handovers();
        assertThat(sum(f.volume().byReason())).isEqualTo(n);
        assertThat(sum(f.volume().byTeam())).isEqualTo(n);
        assertThat(sum(f.volume().byReceiver())).isEqualTo(n);
        assertThat(sum(f.volume().bySender())).isEqualTo(n);
        assertThat(f.volume().perDay().stream()
                        .mapToLong(Figures.Day::handovers)
                        .sum())
                .isEqualTo(n);
        Figures.Acks a = f.acks();
        assertThat(a.acknowledged() + a.retargeted() + a.pending()).isEqualTo(a.needed());
        assertThat(sum(a.byMethod())).isEqualTo(a.acknowledged());
        assertThat(sum(a.latency())).isEqualTo(a.acknowledged());
        assertThat(a.p50().orElseThrow()).isLessThanOrEqualTo(a.p90().orElseThrow());
        assertThat(sum(f.chains().distribution())).isEqualTo(f.chains().tickets());
        assertThat(sum(f.escalations().byLevel())).isEqualTo(f.escalations().total());
        assertThat(sum(f.reminders().byKind())).isEqualTo(f.reminders().total());
        assertThat(sum(f.followUps().byOutcome())).isEqualTo(f.followUps().closed());
    }

    @Test
    void theSameSeedGivesTheSameReview() {
        assertThat(Review.of(JournalGenerator.twoWeeks(42), FROM, UNTIL).toJson(GENERATED))
                .isEqualTo(Review.of(entries, FROM, UNTIL).toJson(GENERATED));
        assertThat(Review.of(JournalGenerator.twoWeeks(43), FROM, UNTIL).toJson(GENERATED))
                .isNotEqualTo(Review.of(entries, FROM, UNTIL).toJson(GENERATED));
    }

    @Test
    void theJournalOnDiskGivesTheSameReview(@TempDir Path dir) {
        Path file = dir.resolve("handover-journal.jsonl");
        try (Journal j = Journal.open(file, 256 * 1024, 20)) {
            entries.forEach(j::append);
        }
        JournalReader.Contents read = JournalReader.read(file);
        assertThat(read.warnings()).isEmpty();
        assertThat(Review.of(read.entries(), FROM, UNTIL).toJson(GENERATED))
                .isEqualTo(Review.of(entries, FROM, UNTIL).toJson(GENERATED));
    }

    @Test
    void theHtmlOfABusyFortnightStandsAlone() {
        Document doc = Jsoup.parse(Review.of(entries, FROM, UNTIL).toHtml(GENERATED));
        assertThat(doc.select("script, link, img, iframe, [src]")).isEmpty();
        ReviewHtmlTest.assertOnlyLinksWithinThePage(doc);
        assertThat(doc.select("svg[data-chart=over-time] g.bucket")).hasSize(14);
        assertThat(doc.selectFirst("[data-figure=handovers]").text())
                .isEqualTo(Long.toString(f.volume().handovers()));
        assertThat(doc.select("[data-figure=suggestions] li .text").eachText())
                .containsExactlyElementsOf(f.suggestionTexts());
    }
}
