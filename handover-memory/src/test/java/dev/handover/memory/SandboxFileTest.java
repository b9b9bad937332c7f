package dev.handover.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handover.memory.time.MutableClock;
import dev.handover.spi.Assignment;
import dev.handover.spi.CrmConnector;
import dev.handover.spi.CrmSettings;
import dev.handover.spi.NoteDraft;
import dev.handover.spi.TaskChange;
import dev.handover.spi.TaskDraft;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.UpdateResult;
import dev.handover.spi.model.Absence;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Channel;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.Customer;
import dev.handover.spi.model.Group;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.Presence;
import dev.handover.spi.model.Shift;
import dev.handover.spi.model.Task;
import dev.handover.spi.model.TaskKind;
import dev.handover.spi.model.TaskStatus;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.TicketPriority;
import dev.handover.spi.model.TicketStatus;
import dev.handover.spi.model.Version;
import dev.handover.spi.model.Visibility;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory provider's sandbox file ({@code crm.settings.file}): what one connector writes the next one reads, every
 * kind of state; a missing file is made from the configured data; a broken one is named with its position; a save
 * replaces the file whole or not at all; a second connector on a file in use is refused.
 */
final class SandboxFileTest {
    private static final Instant START = Instant.parse("2026-03-02T08:00:00Z");
    private static final Instant AT = Instant.parse("2026-03-02T09:30:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at(AT);

    private CrmConnector open(Path file, String data) {
        return new InMemoryCrmProvider(clock)
                .create(CrmSettings.builder("memory")
                        .put("file", file.toString())
                        .put("data", data)
                        .put("start", START.toString())
                        .build());
    }

    private static InMemoryCrm crm(CrmConnector c) {
        return ((SandboxCrm) c).crm();
    }

    @Test
    void everyKindOfStateSurvivesIntoTheNextProcess() {
        Path file = dir.resolve("sandbox.json");
        InMemoryCrm.State before;
        Task created;
        try (CrmConnector first = open(file, "demo")) {
            InMemoryCrm c = crm(first);
            // what the demo data lacks: a link, a salutation, a preferred channel, a deputy, a custom role
            c.putGroup(Group.queue(GroupId.of("q-1"), "Queue"));
            c.putAgent(Agent.builder(AgentId.of("zed"))
                    .name("Zed")
                    .email("zed@example.com")
                    .role("light")
                    .group(GroupId.of("q-1"))
                    .skill("billing", "refunds")
                    .speaks("de", "fr-CH")
                    .timeZone(ZoneId.of("Europe/Berlin"))
                    .manager(AgentId.of("x-boss"))
                    .active(false)
                    .capacity(7)
                    .presence(Presence.AWAY)
                    .shift(Shift.of(EnumSet.of(DayOfWeek.FRIDAY), LocalTime.of(22, 0), LocalTime.of(6, 0)))
                    .absence(new Absence(START, START.plus(Duration.ofDays(2)), "leave").withDeputy(AgentId.of("y")))
                    .cannotTakeTickets("a light agent")
                    .build());
            c.putTicket(Ticket.builder(TicketId.of("x-1"))
                    .subject("Linked")
                    .description("with everything")
                    .status(TicketStatus.PENDING)
                    .priority(TicketPriority.URGENT)
                    .requester(Customer.builder()
                            .id("r1")
                            .name("Frau Berg")
                            .email("berg@example.com")
                            .phone("+49 30 1")
                            .language(Locale.GERMAN)
                            .organization("Berg GmbH")
                            .tier("gold")
                            .preferredChannel(Channel.PHONE)
                            .salutation("Frau")
                            .build())
                    .assignee(AgentId.of("zed"))
                    .group(GroupId.of("q-1"))
                    .tag("vip", "b")
                    .channel(Channel.of("whatsapp"))
                    .language(Locale.forLanguageTag("de-AT"))
                    .customField("refund_amount", "120.50")
                    .customField("order", "A-1")
                    .createdAt(START)
                    .updatedAt(START.plusSeconds(60))
                    .reopens(2)
                    .link(URI.create("https://example.com/tickets/x-1"))
                    .version(Version.of("new"))
                    .build());
            c.addComment(TicketId.of("x-1"), "r1", "Hallo", Visibility.PUBLIC);
            TicketId ticket = c.ticketsSnapshot().get(0).id();
            AgentId receiver = c.directorySnapshot().agents().stream()
                    .filter(Agent::canTakeTickets)
                    .filter(Agent::active)
                    .findFirst()
                    .orElseThrow()
                    .id();
            UpdateResult r = first.apply(TicketUpdate.builder(ticket)
                    .note(NoteDraft.internal("Handover note"))
                    .assign(Assignment.toAgent(receiver))
                    .addTag("handover")
                    .createTask(TaskDraft.builder(HandoverId.of("ho-1"), "ack", TaskKind.ACKNOWLEDGEMENT)
                            .owner(receiver)
                            .subject("Acknowledge")
                            .body("Please acknowledge")
                            .due(AT.plus(Duration.ofMinutes(15)))
                            .remindAt(AT.plus(Duration.ofMinutes(10)))
                            .build())
                    .createTask(TaskDraft.builder(HandoverId.of("ho-1"), "call", TaskKind.ACTION)
                            .owner(receiver)
                            .subject("Call back")
                            .body("Call the customer")
                            .due(AT.plus(Duration.ofHours(2)))
                            .build())
                    .idempotencyKey("ho-1:write")
                    .build());
            created = r.createdTasks().get(0);
            clock.advance(Duration.ofMinutes(5));
            first.apply(TicketUpdate.builder(ticket)
                    .changeTask(TaskChange.complete(created.id()))
                    .build());
            before = c.state();
        }

        try (CrmConnector second = open(file, "empty")) {
            InMemoryCrm c = crm(second);
            InMemoryCrm.State after = c.state();
            assertThat(after.tickets()).isEqualTo(before.tickets());
            assertThat(after.comments()).isEqualTo(before.comments());
            assertThat(after.tasks()).isEqualTo(before.tasks());
            assertThat(after.agents()).isEqualTo(before.agents());
            assertThat(after.groups()).isEqualTo(before.groups());
            assertThat(after.replays()).isEqualTo(before.replays());
            assertThat(after).isEqualTo(before);
            assertThat(after.tasks())
                    .filteredOn(t -> t.id().equals(created.id()))
                    .singleElement()
                    .satisfies(t -> {
                        assertThat(t.status()).isEqualTo(TaskStatus.COMPLETED);
                        assertThat(t.completedAt()).contains(AT.plus(Duration.ofMinutes(5)));
                    });

            // the idempotency key is remembered: the same write is a replay and changes nothing
            TicketId ticket = before.tickets().get(0).id();
            UpdateResult again = second.apply(TicketUpdate.builder(ticket)
                    .note(NoteDraft.internal("Handover note"))
                    .idempotencyKey("ho-1:write")
                    .build());
            assertThat(again.status()).isEqualTo(UpdateResult.Status.REPLAYED);
            assertThat(c.commentsSnapshot(ticket))
                    .hasSameSizeAs(before.comments().get(ticket));

            // the counters go on: a new note and a new version are not a saved one's
            UpdateResult next = second.apply(TicketUpdate.builder(ticket)
                    .note(NoteDraft.internal("Second process"))
                    .build());
            List<Comment> notes = c.commentsSnapshot(ticket);
            assertThat(notes.stream().map(Comment::id)).doesNotHaveDuplicates();
            assertThat(next.version().orElseThrow().value()).isEqualTo("v" + (before.versions() + 1));
        }
    }

    @Test
    void aMissingFileIsMadeFromTheConfiguredDataAtTheFirstCallNotBefore() throws IOException {
        Path file = dir.resolve("sub/sandbox.json");
        try (CrmConnector c = open(file, "demo")) {
            assertThat(file).doesNotExist(); // made and closed by check's probe: no I/O
        }
        assertThat(file).doesNotExist();
        try (CrmConnector c = open(file, "demo")) {
            assertThat(c.directory().agents()).isNotEmpty();
            assertThat(file).exists();
        }
        String json = Files.readString(file);
        assertThat(json).contains("\"format\" : 1");
        try (CrmConnector c = open(file, "empty")) {
            // the file wins over the data setting once it exists
            assertThat(crm(c).ticketsSnapshot()).isNotEmpty();
        }
        Path empty = dir.resolve("empty.json");
        try (CrmConnector c = open(empty, "empty")) {
            assertThat(crm(c).ticketsSnapshot()).isEmpty();
        }
        assertThat(Files.readString(empty)).contains("\"tickets\" : [ ]");
    }

    @Test
    void aFileThatIsNotJsonIsNamedWithItsLineAndColumn() throws IOException {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\n  \"format\": 1,\n  \"tickets\": [ }\n", StandardCharsets.UTF_8);
        try (CrmConnector c = open(file, "demo")) {
            assertThatThrownBy(c::directory)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith(file + ":3:16: the sandbox file is not valid JSON (Unexpected close"
                            + " marker '}': expected ']'); repair it")
                    .hasMessageNotContaining("Source")
                    .hasMessageContaining("delete it to start again");
        }
        // the lock is released after the failure: the file can be repaired and used
        Files.writeString(file, "", StandardCharsets.UTF_8);
        try (CrmConnector c = open(file, "demo")) {
            assertThatThrownBy(c::directory)
                    .hasMessage(file + ": the sandbox file is empty; delete it to start again"
                            + " from the configured data");
        }
    }

    @Test
    void contentThatDoesNotFitIsNamedByItsPath() throws IOException {
        Path file = dir.resolve("sandbox.json");
        try (CrmConnector c = open(file, "demo")) {
            c.directory();
        }
        String good = Files.readString(file);
        Files.writeString(file, good.replaceFirst("\"createdAt\" : \"[^\"]+\"", "\"createdAt\" : \"yesterday\""));
        try (CrmConnector c = open(file, "demo")) {
            assertThatThrownBy(c::directory)
                    .hasMessageStartingWith(file + ": at tickets[0].createdAt: expected an ISO-8601 instant")
                    .hasMessageContaining("'yesterday'");
        }
        Files.writeString(file, good.replaceFirst("\"format\" : 1", "\"format\" : 2"));
        try (CrmConnector c = open(file, "demo")) {
            assertThatThrownBy(c::directory)
                    .hasMessageContaining(file + ": at format: expected \"format\": 1, found 2");
        }
        Files.writeString(file, good.replaceFirst("\"status\" : \"[A-Z_]+\"", "\"status\" : \"SHINY\""));
        try (CrmConnector c = open(file, "demo")) {
            assertThatThrownBy(c::directory)
                    .hasMessageContaining("at tickets[0].status: expected one of [")
                    .hasMessageContaining("found 'SHINY'");
        }
    }

    @Test
    void aSaveReplacesTheFileWholeOrNotAtAll() throws IOException {
        Path file = dir.resolve("sandbox.json");
        try (CrmConnector c = open(file, "demo")) {
            TicketId t = crm(c).ticketsSnapshot().get(0).id();
            c.apply(TicketUpdate.builder(t).addTag("first").build());
        }
        byte[] saved = Files.readAllBytes(file);
        try (SandboxFile f = SandboxFile.open(file)) {
            assertThatThrownBy(() -> f.save(() -> {
                        throw new IllegalStateException("crash while writing");
                    }))
                    .hasMessage("crash while writing");
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(saved);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("sandbox.json", "sandbox.json.lock");
        }
        try (CrmConnector c = open(file, "demo")) {
            Ticket first = crm(c).ticketsSnapshot().get(0);
            assertThat(first.tags()).contains("first");
        }
    }

    @Test
    void aFileInUseIsRefusedUntilItsConnectorCloses() {
        Path file = dir.resolve("sandbox.json");
        try (CrmConnector first = open(file, "demo")) {
            first.directory();
            try (CrmConnector second = open(file, "demo")) {
                assertThatThrownBy(second::directory)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessage("the sandbox file " + file + " is in use by another process (it holds " + file
                                + ".lock); run the commands one after the other");
            }
        }
        try (CrmConnector again = open(file, "demo")) {
            assertThat(again.directory().agents()).isNotEmpty();
        }
    }

    @Test
    void writesAreStampedWithTheProvidersClock() {
        try (CrmConnector c = open(dir.resolve("sandbox.json"), "demo")) {
            TicketId t = crm(c).ticketsSnapshot().get(0).id();
            c.apply(TicketUpdate.builder(t)
                    .note(NoteDraft.internal("at the given time"))
                    .build());
            assertThat(c.ticket(t).orElseThrow().updatedAt()).isEqualTo(AT);
        }
    }

    @Test
    void aBlankFileSettingIsRefused() {
        assertThatThrownBy(() -> new InMemoryCrmProvider()
                        .create(CrmSettings.builder("memory").put("file", " ").build()))
                .hasMessageContaining("memory setting 'file'");
    }
}
