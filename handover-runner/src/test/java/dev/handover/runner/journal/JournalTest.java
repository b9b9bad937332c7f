package dev.handover.runner.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handover.core.event.HandoverEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    @TempDir
    Path dir;

    /** Opens the journal as the worker does, appends the events and closes it: each call is one run of the writer. */
    private static void append(Path file, HandoverEvent... events) {
        try (Journal j = Journal.open(file, 1 << 20, 3)) {
            for (HandoverEvent e : events) {
                j.append(e);
            }
        }
    }

    @Test
    void everyKindOfEventReadsBackEqual() {
        Path file = dir.resolve("journal.jsonl");
        append(file, Events.everyKind().toArray(HandoverEvent[]::new));
        JournalReader.Contents c = JournalReader.read(file);
        assertThat(c.warnings()).isEmpty();
        assertThat(c.entries()).extracting(JournalEntry::event).containsExactlyElementsOf(Events.everyKind());
    }

    @Test
    void theTestCoversEveryKindTheEngineHas() {
        Set<Class<?>> kinds =
                Arrays.stream(HandoverEvent.class.getPermittedSubclasses()).collect(Collectors.toSet());
        assertThat(Events.everyKind()).extracting(Object::getClass).containsExactlyInAnyOrderElementsOf(kinds);
    }

    @Test
    void linesArePlainJsonWithIdsAsStringsAndIsoTimes() throws IOException {
        Path file = dir.resolve("j.jsonl");
        try (Journal j = Journal.open(file, 1 << 20, 3)) {
            j.append(new JournalEntry(Events.executed("ho-1", Events.T, false), Map.of("to", "Jonas Weber")));
        }
        String line = Files.readString(file).strip();
        assertThat(line)
                .startsWith("{\"type\":\"executed\"")
                .contains("\"at\":\"2026-03-02T09:00:00Z\"")
                .contains("\"ticket\":\"4711\"")
                .contains("\"to\":\"a2\"")
                .contains("\"missing\":[\"PROMISES\"]")
                .contains("\"labels\":{\"to\":\"Jonas Weber\"}");
        assertThat(JournalReader.read(file).entries().get(0).label("to", "?")).isEqualTo("Jonas Weber");
    }

    @Test
    void aTornLastLineIsSkippedWithAWarningAndCutOffWhenTheJournalReopens() throws IOException {
        Path file = dir.resolve("journal.jsonl");
        append(file, Events.executed("ho-1", Events.T, false));
        Files.writeString(file, "{\"type\":\"executed\",\"at\":\"2026-03", StandardOpenOption.APPEND);

        JournalReader.Contents torn = JournalReader.read(file);
        assertThat(torn.entries()).hasSize(1);
        assertThat(torn.warnings())
                .singleElement()
                .asString()
                .contains("journal.jsonl:2")
                .contains("torn last line");

        append(file, Events.executed("ho-2", Events.T, false));
        JournalReader.Contents after = JournalReader.read(file);
        assertThat(after.warnings()).isEmpty();
        assertThat(after.entries()).hasSize(2);
    }

    @Test
    void aLastLineTornInsideACharacterIsSkippedToo() throws IOException {
        Path file = dir.resolve("journal.jsonl");
        append(file, Events.executed("ho-1", Events.T, false));
        byte[] head = "{\"type\":\"executed\",\"labels\":{\"to\":\"J".getBytes(StandardCharsets.UTF_8);
        byte[] torn = java.util.Arrays.copyOf(head, head.length + 1);
        torn[head.length] = (byte) 0xC3; // the first byte of "ü", the second never written
        Files.write(file, torn, StandardOpenOption.APPEND);

        JournalReader.Contents read = JournalReader.read(file);
        assertThat(read.entries()).hasSize(1);
        assertThat(read.warnings()).singleElement().asString().contains("journal.jsonl:2", "torn last line");

        // the worker starts and cuts the torn line off
        append(file, Events.executed("ho-2", Events.T, false));
        assertThat(JournalReader.read(file).entries()).hasSize(2);
        assertThat(JournalReader.read(file).warnings()).isEmpty();
    }

    @Test
    void aDamagedLineInTheMiddleIsSkippedNamingFileAndLine() throws IOException {
        Path file = dir.resolve("journal.jsonl");
        append(file, Events.executed("ho-1", Events.T, false));
        Files.writeString(file, "not json\n", StandardOpenOption.APPEND);
        append(file, Events.executed("ho-2", Events.T, false));
        JournalReader.Contents c = JournalReader.read(file);
        assertThat(c.entries()).hasSize(2);
        assertThat(c.warnings())
                .singleElement()
                .asString()
                .contains("journal.jsonl:2")
                .contains("not a journal entry");
    }

    @Test
    void rotatesBySizeKeepsTheNewestFilesAndReadsThemOldestFirst() throws IOException {
        Path file = dir.resolve("journal.jsonl");
        int lineLength = EventCodec.write(JournalEntry.of(Events.executed("ho-00", Events.T, false)))
                        .getBytes(StandardCharsets.UTF_8)
                        .length
                + 1;
        try (Journal j = Journal.open(file, lineLength * 3L, 2)) {
            for (int i = 0; i < 12; i++) {
                j.append(Events.executed("ho-%02d".formatted(i), Events.T.plusSeconds(i), false));
            }
        }
        assertThat(Files.exists(dir.resolve("journal.jsonl.1"))).isTrue();
        assertThat(Files.exists(dir.resolve("journal.jsonl.2"))).isTrue();
        assertThat(Files.exists(dir.resolve("journal.jsonl.3"))).isFalse();
        assertThat(Files.size(file)).isLessThanOrEqualTo(lineLength * 3L);
        List<String> ids = JournalReader.read(file).entries().stream()
                .map(e -> ((HandoverEvent.Executed) e.event()).handover().value())
                .toList();
        // 12 lines, 3 per file, 3 files kept: the oldest 3 are gone
        assertThat(ids)
                .containsExactly("ho-03", "ho-04", "ho-05", "ho-06", "ho-07", "ho-08", "ho-09", "ho-10", "ho-11");
    }

    @Test
    void aHandoverIsJournaledOnceEvenWhenTheEngineReportsItsReplayAfterARestart() {
        Path file = dir.resolve("journal.jsonl");
        append(file, Events.executed("ho-1", Events.T, false), Events.executed("ho-1", Events.T.plusSeconds(5), true));
        // after a restart ho-1's replay again, and ho-2's: a crash after its CRM write but before the journal made the
        // replay its only record, and it is kept
        append(
                file,
                Events.executed("ho-1", Events.T.plusSeconds(60), true),
                Events.executed("ho-2", Events.T.plusSeconds(60), true));
        assertThat(JournalReader.read(file).entries())
                .extracting(e -> ((HandoverEvent.Executed) e.event()).handover().value())
                .containsExactly("ho-1", "ho-2");
    }

    @Test
    void readsOnlyWhatHappenedSinceAnInstant() {
        Path file = dir.resolve("journal.jsonl");
        append(
                file,
                Events.executed("ho-1", Events.T, false),
                Events.executed("ho-2", Events.T.plusSeconds(3600), false));
        assertThat(JournalReader.read(file, Events.T.plusSeconds(1)).entries()).hasSize(1);
    }

    @Test
    void aMissingJournalIsEmptyAndBadLimitsAreRefused() {
        assertThat(JournalReader.read(dir.resolve("none.jsonl")).entries()).isEmpty();
        assertThatThrownBy(() -> Journal.open(dir.resolve("j"), 10, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 256 bytes");
    }
}
