package dev.handover.testkit.compat;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.handover.selftest.LiveSuite;
import dev.handover.selftest.SelfTest;
import dev.handover.selftest.SelfTestReport;
import dev.handover.spi.Assignment;
import dev.handover.spi.CrmCapabilities;
import dev.handover.spi.CrmConnector;
import dev.handover.spi.NoteDraft;
import dev.handover.spi.Page;
import dev.handover.spi.PageRequest;
import dev.handover.spi.SortOrder;
import dev.handover.spi.TaskChange;
import dev.handover.spi.TaskDraft;
import dev.handover.spi.TaskQuery;
import dev.handover.spi.TicketQuery;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.UpdateResult;
import dev.handover.spi.error.CrmConflictException;
import dev.handover.spi.error.CrmException;
import dev.handover.spi.error.CrmInvalidRequestException;
import dev.handover.spi.error.CrmNotFoundException;
import dev.handover.spi.error.CrmRateLimitedException;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.Group;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.NoteFormat;
import dev.handover.spi.model.Task;
import dev.handover.spi.model.TaskKind;
import dev.handover.spi.model.TaskStatus;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.TicketStatus;
import dev.handover.spi.model.Version;
import dev.handover.spi.model.Visibility;
import dev.handover.spi.selftest.TestTeam;
import dev.handover.spi.selftest.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The executable contract of {@link CrmConnector}: every connector passes all of it, as every Micrometer registry
 * passes {@code MeterRegistryCompatibilityKit}. Extend it in a test class, seed your backend with the {@link
 * KitFixture} in {@link #createConnector}, and run it:
 *
 * <pre>{@code
 * final class ZendeskConnectorCompatibilityTest extends CrmConnectorCompatibilityKit {
 *     @Override
 *     protected CrmConnector createConnector(KitFixture fixture) {
 *         server = FakeZendesk.start().seed(fixture);
 *         return ZendeskConnector.builder().baseUrl(server.url()).build();
 *     }
 *
 *     @Override
 *     protected KitFaults faults() {
 *         return server.kitFaults();
 *     }
 * }
 * }</pre>
 *
 * <p>A capability a connector lacks is declared in {@link CrmConnector#capabilities()}; the cases check what is
 * declared and never skip silently. Each case gets a fresh backend. The fault cases ({@link FaultTolerance}) make the
 * backend fail through {@link #faults()}: a lost answer, a server error, a reset connection and a rate limit, each in
 * the vendor's own terms.
 */
public abstract class CrmConnectorCompatibilityKit {

    /** The connector under test, fresh for each case. */
    protected CrmConnector crm;

    /** The data the connector's backend was seeded with. */
    protected KitFixture fixture;

    private static final HandoverId HANDOVER = HandoverId.of("kit-ho-1");
    private static final Instant BASE = KitFixture.BASE;

    /**
     * A connector over a fresh backend seeded with exactly this fixture. Called before every case; the connector is
     * closed after it.
     */
    protected abstract CrmConnector createConnector(KitFixture fixture);

    /**
     * The fault hook over the backend the last {@link #createConnector} made: the kit's fault cases arm it before a
     * call. Every connector implements it; a fake server that cannot fail a request in one of these ways is missing a
     * part of what real accounts do.
     */
    protected abstract KitFaults faults();

    /** The ids the fixture uses; numeric by default. */
    protected KitIds ids() {
        return KitIds.numeric();
    }

    @BeforeEach
    void createConnectorUnderTest() {
        fixture = new KitFixture(ids());
        crm = createConnector(fixture);
    }

    @AfterEach
    void closeConnectorUnderTest() {
        if (crm != null) {
            crm.close();
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private TicketId t(int n) {
        return fixture.ticket(n);
    }

    private AgentId a(int n) {
        return fixture.agent(n);
    }

    private GroupId g(int n) {
        return fixture.group(n);
    }

    private Ticket read(int n) {
        return crm.ticket(t(n)).orElseThrow(() -> new AssertionError("ticket " + t(n) + " should exist"));
    }

    private List<Comment> allComments(TicketId ticket) {
        List<Comment> out = new ArrayList<>();
        PageRequest request = PageRequest.first(100);
        while (true) {
            Page<Comment> page = crm.comments(ticket, SortOrder.OLDEST_FIRST, request);
            out.addAll(page.items());
            Optional<PageRequest> next = page.next(100);
            if (next.isEmpty()) {
                return out;
            }
            request = next.get();
        }
    }

    private List<Task> tasksOf(TaskQuery query) {
        return crm.allTasks(query).toList();
    }

    private List<Ticket> search(TicketQuery query) {
        return crm.searchAll(query).toList();
    }

    private List<TicketId> expectedTickets(IntPredicate which) {
        return IntStream.rangeClosed(1, KitFixture.TICKETS)
                .filter(which)
                .mapToObj(this::t)
                .toList();
    }

    private static Set<TicketId> idsOf(List<Ticket> tickets) {
        return tickets.stream().map(Ticket::id).collect(Collectors.toSet());
    }

    private TaskDraft task(String key, TaskKind kind, int owner, Instant due) {
        return TaskDraft.builder(HANDOVER, key, kind)
                .owner(a(owner))
                .subject("Kit task " + key)
                .body("Body of kit task " + key)
                .due(due)
                .build();
    }

    private UpdateResult apply(TicketUpdate.Builder update) {
        return crm.apply(update.build());
    }

    private TicketUpdate.Builder update(int n) {
        return TicketUpdate.builder(t(n));
    }

    private static String key(String name) {
        return "kit-" + name;
    }

    // ------------------------------------------------------------------------------------------------ reads

    /** Reading tickets one at a time and in batches. */
    @Nested
    @DisplayName("reads tickets")
    class Reads {
        @Test
        @DisplayName("reads one ticket with its fields as seeded")
        void readsOneTicketWithItsFields() {
            Ticket seed = fixture.seed(2);
            Ticket t = read(2);
            assertAll(
                    () -> assertEquals(seed.id(), t.id(), "id"),
                    () -> assertEquals(seed.subject(), t.subject(), "subject"),
                    () -> assertEquals(seed.description(), t.description(), "description"),
                    () -> assertEquals(TicketStatus.OPEN, t.status(), "status"),
                    () -> assertFalse(t.rawStatus().isBlank(), "raw status kept"),
                    () -> assertEquals(seed.priority(), t.priority(), "priority"),
                    () -> assertEquals(Optional.of(a(2)), t.assignee(), "assignee"),
                    () -> assertEquals(Optional.of(g(2)), t.group(), "group"),
                    () -> assertTrue(t.tags().containsAll(Set.of("kit", "n2")), "tags " + t.tags()),
                    () -> assertEquals("20", t.customFields().get("refund_amount"), "custom field refund_amount"),
                    () -> assertEquals("Customer 2", t.requester().name(), "requester name"),
                    () -> assertEquals(
                            "customer2@kit.example.org", t.requester().email(), "requester email"),
                    () -> assertEquals(
                            Optional.of("en"),
                            t.effectiveLanguage().map(Locale::getLanguage),
                            "language of ticket or requester"),
                    () -> assertEquals(seed.channel(), t.channel(), "channel"),
                    () -> assertEquals(seed.createdAt(), t.createdAt(), "created at"),
                    () -> assertEquals(seed.updatedAt(), t.updatedAt(), "updated at"));
        }

        @Test
        @DisplayName("a ticket that does not exist reads as empty")
        void missingTicketReadsAsEmpty() {
            assertEquals(Optional.empty(), crm.ticket(t(901)));
        }

        @Test
        @DisplayName("reads many tickets in one call, in the order asked")
        void readsManyTicketsInOrder() {
            List<TicketId> wanted = List.of(t(5), t(3), t(1), t(4), t(2));
            Map<TicketId, Ticket> found = crm.tickets(wanted);
            assertEquals(wanted, List.copyOf(found.keySet()));
            for (TicketId id : wanted) {
                assertEquals(
                        crm.ticket(id).orElseThrow().version(), found.get(id).version(), "version of " + id);
                assertEquals(id, found.get(id).id());
            }
        }

        @Test
        @DisplayName("a batch read leaves out ids that do not exist")
        void batchReadLeavesOutMissingIds() {
            Map<TicketId, Ticket> found = crm.tickets(List.of(t(1), t(901), t(2), t(902)));
            assertEquals(List.of(t(1), t(2)), List.copyOf(found.keySet()));
        }

        @Test
        @DisplayName("a batch read larger than the declared read batch size returns everything")
        void batchReadLargerThanDeclaredSize() {
            int max = crm.capabilities().maxReadBatchSize();
            List<TicketId> wanted = new ArrayList<>(expectedTickets(i -> true));
            for (int n = 0; wanted.size() <= max; n++) {
                wanted.add(t(900 + n)); // ids from 900 up do not exist: pad until over one batch
            }
            Map<TicketId, Ticket> found = crm.tickets(wanted);
            assertEquals(expectedTickets(i -> true), List.copyOf(found.keySet()));
        }

        @Test
        @DisplayName("a batch read of no ids is empty")
        void batchReadOfNothingIsEmpty() {
            assertTrue(crm.tickets(List.of()).isEmpty());
        }

        @Test
        @DisplayName("a batch read returns a ticket asked for twice once")
        void batchReadReturnsDuplicatesOnce() {
            assertEquals(
                    List.of(t(3), t(4)),
                    List.copyOf(crm.tickets(List.of(t(3), t(3), t(4))).keySet()));
        }
    }

    // ------------------------------------------------------------------------------------------------ search

    /** Searching tickets with cursor paging. */
    @Nested
    @DisplayName("searches tickets")
    class Search {
        @Test
        @DisplayName("finds the tickets of one assignee")
        void searchesByAssignee() {
            List<Ticket> found = search(TicketQuery.builder().assignee(a(1)).build());
            assertEquals(Set.copyOf(expectedTickets(i -> i % 4 == 1)), idsOf(found));
        }

        @Test
        @DisplayName("finds the tickets of one group")
        void searchesByGroup() {
            List<Ticket> found = search(TicketQuery.builder().group(g(2)).build());
            assertEquals(Set.copyOf(expectedTickets(i -> i % 4 == 2)), idsOf(found));
        }

        @Test
        @DisplayName("finds tickets in one or several statuses")
        void searchesByStatus() {
            assertEquals(
                    Set.copyOf(expectedTickets(i -> i % 5 == 3)),
                    idsOf(search(
                            TicketQuery.builder().status(TicketStatus.PENDING).build())));
            assertEquals(
                    Set.copyOf(expectedTickets(i -> i % 5 == 0 || i % 5 == 1 || i % 5 == 2)),
                    idsOf(search(TicketQuery.builder()
                            .status(TicketStatus.NEW, TicketStatus.OPEN)
                            .build())));
        }

        @Test
        @DisplayName("finds tickets updated at or after an instant")
        void searchesByUpdatedSince() {
            Instant since = fixture.seed(200).updatedAt();
            assertEquals(
                    Set.copyOf(expectedTickets(i -> i >= 200)),
                    idsOf(search(TicketQuery.builder().updatedSince(since).build())));
        }

        @Test
        @DisplayName("combines assignee, status and updated-since")
        void combinesFilters() {
            Instant since = fixture.seed(100).updatedAt();
            List<Ticket> found = search(TicketQuery.builder()
                    .assignee(a(1))
                    .status(TicketStatus.OPEN)
                    .updatedSince(since)
                    .build());
            assertEquals(
                    Set.copyOf(expectedTickets(i -> i % 4 == 1 && (i % 5 == 1 || i % 5 == 2) && i >= 100)),
                    idsOf(found));
        }

        @Test
        @DisplayName("pages past the first page without gaps or duplicates")
        void pagesWithoutGapsOrDuplicates() {
            TicketQuery query = TicketQuery.builder().group(g(1)).build();
            List<TicketId> seen = new ArrayList<>();
            PageRequest request = PageRequest.first(10);
            int pages = 0;
            while (true) {
                Page<Ticket> page = crm.searchTickets(query, request);
                pages++;
                assertTrue(
                        page.items().size() <= 10,
                        "page larger than asked: " + page.items().size());
                page.items().forEach(ticket -> seen.add(ticket.id()));
                if (page.nextCursor().isEmpty()) {
                    break;
                }
                request = page.next(10).orElseThrow();
                assertTrue(pages < 100, "paging does not end");
            }
            assertTrue(pages >= 3, "expected several pages, got " + pages);
            assertEquals(seen.size(), new HashSet<>(seen).size(), "duplicates across pages");
            assertEquals(Set.copyOf(expectedTickets(i -> i % 4 == 1 || i % 4 == 3)), Set.copyOf(seen));
        }

        @Test
        @DisplayName("orders results by last update, oldest first")
        void ordersByLastUpdate() {
            List<Ticket> found = search(TicketQuery.builder().build());
            for (int i = 1; i < found.size(); i++) {
                assertFalse(
                        found.get(i).updatedAt().isBefore(found.get(i - 1).updatedAt()),
                        "ticket " + found.get(i).id() + " comes after a later-updated one");
            }
            assertEquals(KitFixture.TICKETS, found.size());
        }

        @Test
        @DisplayName("a search with no match is one empty last page")
        void searchWithoutMatchIsEmpty() {
            Page<Ticket> page =
                    crm.searchTickets(TicketQuery.builder().assignee(a(4)).build(), PageRequest.first());
            assertTrue(page.items().isEmpty());
            assertFalse(page.hasNext());
        }

        @Test
        @DisplayName("names only existing tickets as commented without a change")
        void commentedSinceNamesOnlyExistingTickets() {
            // cheap by design: one call; a connector whose comments change the ticket answers nothing
            Set<TicketId> commented = crm.commentedSince(BASE.minus(Duration.ofDays(30)));
            if (!commented.isEmpty()) {
                assertEquals(commented, crm.tickets(commented).keySet(), "named tickets that do not exist");
            }
        }

        @Test
        @DisplayName("never returns handover tasks as tickets")
        void neverReturnsTasksAsTickets() {
            apply(update(1).createTask(task("ack", TaskKind.ACKNOWLEDGEMENT, 2, BASE.plus(Duration.ofHours(1)))));
            List<Ticket> found = search(TicketQuery.builder()
                    .updatedSince(BASE.minus(Duration.ofDays(30)))
                    .build());
            assertEquals(Set.copyOf(expectedTickets(i -> true)), idsOf(found));
        }
    }

    // ------------------------------------------------------------------------------------------------ comments

    /** Reading a ticket's conversation. */
    @Nested
    @DisplayName("reads comments")
    class Comments {
        @Test
        @DisplayName("reads comments oldest first")
        void readsOldestFirst() {
            List<Comment> comments = allComments(t(1));
            assertEquals(KitFixture.TICKET_1_COMMENTS, comments.size());
            for (int n = 0; n < comments.size(); n++) {
                assertEquals(fixture.comments().get(n).body(), comments.get(n).body(), "comment " + n);
                assertEquals(t(1), comments.get(n).ticket());
            }
        }

        @Test
        @DisplayName("reads comments newest first")
        void readsNewestFirst() {
            Page<Comment> page = crm.comments(t(1), SortOrder.NEWEST_FIRST, PageRequest.first(3));
            assertEquals(3, page.items().size());
            assertEquals(
                    "Comment 25 on kit ticket 1 (internal)", page.items().get(0).body());
            assertEquals("Comment 24 on kit ticket 1", page.items().get(1).body());
            assertTrue(page.hasNext());
        }

        @Test
        @DisplayName("reads many tickets' recent comments as their first pages, continuing with the same cursors")
        void readsRecentCommentsOfManyTickets() {
            java.util.Map<dev.handover.spi.model.TicketId, Page<Comment>> recent =
                    crm.recentComments(List.of(t(1), t(901), t(2), t(3)), 3);
            assertTrue(!recent.containsKey(t(901)), "a ticket that does not exist is left out");
            for (dev.handover.spi.model.TicketId id : List.of(t(1), t(2), t(3))) {
                Page<Comment> alone = crm.comments(id, SortOrder.NEWEST_FIRST, PageRequest.first(3));
                Page<Comment> batched = recent.get(id);
                assertTrue(batched != null, "ticket " + id + " is in the answer");
                assertEquals(
                        alone.items().stream().map(Comment::body).toList(),
                        batched.items().stream().map(Comment::body).toList(),
                        "ticket " + id);
                assertEquals(alone.hasNext(), batched.hasNext(), "more after the first page of ticket " + id);
                if (batched.hasNext()) {
                    Page<Comment> after = crm.comments(
                            id, SortOrder.NEWEST_FIRST, batched.next(3).orElseThrow());
                    Page<Comment> expected = crm.comments(
                            id, SortOrder.NEWEST_FIRST, alone.next(3).orElseThrow());
                    assertEquals(
                            expected.items().stream().map(Comment::body).toList(),
                            after.items().stream().map(Comment::body).toList(),
                            "the second page of ticket " + id + " from the batched cursor");
                }
            }
        }

        @Test
        @DisplayName("pages through comments without gaps or duplicates")
        void pagesThroughComments() {
            List<String> bodies = new ArrayList<>();
            PageRequest request = PageRequest.first(10);
            int pages = 0;
            while (true) {
                Page<Comment> page = crm.comments(t(1), SortOrder.OLDEST_FIRST, request);
                pages++;
                page.items().forEach(c -> bodies.add(c.body()));
                if (!page.hasNext()) {
                    break;
                }
                request = page.next(10).orElseThrow();
            }
            assertEquals(3, pages);
            assertEquals(
                    fixture.comments().stream()
                            .filter(c -> c.ticket().equals(t(1)))
                            .map(KitFixture.SeedComment::body)
                            .toList(),
                    bodies);
        }

        @Test
        @DisplayName("keeps which comments are internal notes")
        void keepsVisibility() {
            List<Comment> comments = allComments(t(1));
            for (int n = 0; n < comments.size(); n++) {
                assertEquals(
                        fixture.comments().get(n).visibility(), comments.get(n).visibility(), "comment " + n);
            }
        }

        @Test
        @DisplayName("keeps who wrote each comment")
        void keepsAuthors() {
            List<Comment> comments = allComments(t(1));
            assertEquals(fixture.ids().customer(1), comments.get(0).authorId());
            assertTrue(comments.get(1).isBy(a(1)), "second comment is Ada's");
        }

        @Test
        @DisplayName("comments of a ticket that does not exist are not found")
        void commentsOfMissingTicketNotFound() {
            assertThrows(
                    CrmNotFoundException.class,
                    () -> crm.comments(t(901), SortOrder.OLDEST_FIRST, PageRequest.first()));
        }
    }

    // ------------------------------------------------------------------------------------------------ updates

    /** Writing one handover: note, reassignment, tags, together and atomically. */
    @Nested
    @DisplayName("applies updates")
    class Updates {
        @Test
        @DisplayName("writes an internal note the customer cannot see")
        void writesInternalNote() {
            int before = allComments(t(3)).size();
            apply(update(3).note(NoteDraft.internal("Handover note: customer waits for a refund")));
            List<Comment> after = allComments(t(3));
            assertEquals(before + 1, after.size());
            Comment note = after.get(after.size() - 1);
            assertEquals(Visibility.INTERNAL, note.visibility());
            assertEquals(
                    "Handover note: customer waits for a refund", note.body().strip());
        }

        @Test
        @DisplayName("writes a customer notice as a public reply")
        void writesCustomerNotice() {
            apply(update(3).note(NoteDraft.customerReply("Your case is now with Bruno from our technical team.")));
            List<Comment> after = allComments(t(3));
            Comment notice = after.get(after.size() - 1);
            assertEquals(Visibility.PUBLIC, notice.visibility());
            assertEquals(
                    "Your case is now with Bruno from our technical team.",
                    notice.body().strip());
        }

        @Test
        @DisplayName("reassigns to an agent in a group")
        void reassignsToAgentInGroup() {
            apply(update(4).assign(Assignment.toAgentInGroup(a(1), g(1))));
            Ticket t = read(4);
            assertEquals(Optional.of(a(1)), t.assignee());
            assertEquals(Optional.of(g(1)), t.group());
        }

        @Test
        @DisplayName("reassigns to a group or queue and clears the assignee")
        void reassignsToGroupOnly() {
            apply(update(1).assign(Assignment.toGroup(g(3))));
            Ticket t = read(1);
            assertEquals(Optional.empty(), t.assignee());
            assertEquals(Optional.of(g(3)), t.group());
        }

        @Test
        @DisplayName("adds and removes tags without touching the others")
        void changesTagsWithoutReplacingThem() {
            apply(update(1).addTag("handover", "Shift-Change").removeTag("n1"));
            assertEquals(Set.of("kit", "handover", "shift-change"), read(1).tags());
        }

        @Test
        @DisplayName("writes note, reassignment and tags together")
        void writesEverythingTogether() {
            Ticket before = read(5);
            UpdateResult result = apply(update(5)
                    .note(NoteDraft.internal("Handing over to Bruno"))
                    .assign(Assignment.toAgentInGroup(a(2), g(2)))
                    .addTag("handover")
                    .expectedVersion(before.version()));
            Ticket after = read(5);
            assertEquals(UpdateResult.Status.APPLIED, result.status());
            assertEquals(Optional.of(a(2)), after.assignee());
            assertEquals(Optional.of(g(2)), after.group());
            assertTrue(after.tags().contains("handover"));
            assertEquals(
                    "Handing over to Bruno",
                    allComments(t(5)).get(allComments(t(5)).size() - 1).body().strip());
            assertNotEquals(before.version(), after.version());
        }

        @Test
        @DisplayName("advances the version on every write and reports it")
        void advancesVersion() {
            Version v0 = read(6).version();
            UpdateResult r1 = apply(update(6).addTag("one"));
            Version v1 = read(6).version();
            UpdateResult r2 = apply(update(6).addTag("two"));
            Version v2 = read(6).version();
            assertEquals(3, Set.of(v0, v1, v2).size(), "versions " + v0 + ", " + v1 + ", " + v2);
            r1.version().ifPresent(v -> assertEquals(v1, v, "version reported by the first write"));
            r2.version().ifPresent(v -> assertEquals(v2, v, "version reported by the second write"));
        }

        @Test
        @DisplayName("refuses a stale version with a conflict and writes nothing")
        void refusesStaleVersion() {
            Version read = read(7).version();
            apply(update(7).addTag("first").expectedVersion(read));
            int comments = allComments(t(7)).size();
            CrmConflictException e = assertThrows(
                    CrmConflictException.class,
                    () -> apply(update(7)
                            .note(NoteDraft.internal("must not land"))
                            .addTag("second")
                            .assign(Assignment.toAgentInGroup(a(2), g(2)))
                            .expectedVersion(read)));
            assertEquals(crm.vendor(), e.vendor());
            Ticket after = read(7);
            assertEquals(comments, allComments(t(7)).size(), "no note written");
            assertFalse(after.tags().contains("second"), "no tag written");
            assertEquals(fixture.seed(7).assignee(), after.assignee(), "not reassigned");
        }

        @Test
        @DisplayName("a failing update leaves nothing behind")
        void failingUpdateLeavesNothing() {
            Ticket before = read(8);
            int comments = allComments(t(8)).size();
            assertThrows(
                    CrmInvalidRequestException.class,
                    () -> apply(update(8)
                            .note(NoteDraft.internal("must not land"))
                            .addTag("must-not-land")
                            .assign(Assignment.toAgent(a(900)))
                            .createTask(task("ack", TaskKind.ACKNOWLEDGEMENT, 1, BASE))));
            Ticket after = read(8);
            assertEquals(comments, allComments(t(8)).size(), "no note written");
            assertEquals(before.tags(), after.tags(), "no tag written");
            assertEquals(before.assignee(), after.assignee(), "not reassigned");
            assertEquals(before.version(), after.version(), "version unchanged");
            assertEquals(List.of(), tasksOf(TaskQuery.builder().ticket(t(8)).build()), "no task created");
        }

        @Test
        @DisplayName("an update to an inactive agent is refused")
        void refusesInactiveAssignee() {
            assertThrows(
                    CrmInvalidRequestException.class,
                    () -> apply(update(9).assign(Assignment.toAgentInGroup(a(4), g(1)))));
            assertEquals(fixture.seed(9).assignee(), read(9).assignee());
        }

        @Test
        @DisplayName("an update of a ticket that does not exist is not found")
        void updateOfMissingTicketNotFound() {
            assertThrows(CrmNotFoundException.class, () -> apply(update(901).addTag("x")));
        }

        @Test
        @DisplayName("the same idempotency key writes the note once")
        void idempotencyKeyWritesOnce() {
            TicketUpdate u = update(10)
                    .note(NoteDraft.internal("Exactly once"))
                    .addTag("handover")
                    .idempotencyKey(key("once"))
                    .build();
            int before = allComments(t(10)).size();
            UpdateResult first = crm.apply(u);
            UpdateResult second = crm.apply(u);
            assertEquals(UpdateResult.Status.APPLIED, first.status());
            assertEquals(UpdateResult.Status.REPLAYED, second.status());
            assertEquals(before + 1, allComments(t(10)).size());
        }

        @Test
        @DisplayName("a retry with the same key after the write landed is a replay, not a conflict")
        void replayWinsOverStaleVersion() {
            Version read = read(11).version();
            TicketUpdate u = update(11)
                    .note(NoteDraft.internal("Retried after a timeout"))
                    .expectedVersion(read)
                    .idempotencyKey(key("retry"))
                    .build();
            crm.apply(u);
            UpdateResult retry = crm.apply(u);
            assertEquals(UpdateResult.Status.REPLAYED, retry.status());
            assertEquals(
                    1,
                    allComments(t(11)).stream()
                            .filter(c -> c.body().strip().equals("Retried after a timeout"))
                            .count());
        }

        @Test
        @DisplayName("the same idempotency key creates a task once")
        void idempotencyKeyCreatesTaskOnce() {
            TicketUpdate u = update(12)
                    .note(NoteDraft.internal("With a task"))
                    .createTask(task("ack", TaskKind.ACKNOWLEDGEMENT, 2, BASE.plus(Duration.ofHours(2))))
                    .idempotencyKey(key("task-once"))
                    .build();
            crm.apply(u);
            crm.apply(u);
            assertEquals(
                    1, tasksOf(TaskQuery.builder().handover(HANDOVER).build()).size());
        }

        @Test
        @DisplayName("keeps unicode in notes")
        void keepsUnicode() {
            String body = "Übergabe an Zoë — 请回电 ✓ 🚀\nZweite Zeile: «Rückruf» vor 17:00";
            apply(update(13).note(NoteDraft.internal(body)));
            List<Comment> after = allComments(t(13));
            assertEquals(body, after.get(after.size() - 1).body().strip());
        }

        @Test
        @DisplayName("stores a note of the declared maximum size whole")
        void storesNoteOfMaximumSize() {
            int max = crm.capabilities().maxNoteBytes();
            String body = longNote(max);
            assertEquals(max, body.getBytes(StandardCharsets.UTF_8).length);
            int before = allComments(t(14)).size();
            apply(update(14).note(NoteDraft.internal(body)));
            List<Comment> after = allComments(t(14));
            assertEquals(before + 1, after.size(), "one comment");
            assertEquals(body.strip(), after.get(after.size() - 1).body().strip());
        }

        @Test
        @DisplayName("a note over the maximum size is split without loss or refused whole, never truncated")
        void longerNoteSplitOrRefused() {
            int max = crm.capabilities().maxNoteBytes();
            String body = longNote(max + 700);
            int before = allComments(t(15)).size();
            try {
                apply(update(15).note(NoteDraft.internal(body)).addTag("long-note"));
            } catch (CrmInvalidRequestException refused) {
                assertEquals(before, allComments(t(15)).size(), "refused, so nothing written");
                assertFalse(read(15).tags().contains("long-note"), "refused, so no tag");
                return;
            }
            List<Comment> added =
                    allComments(t(15)).subList(before, allComments(t(15)).size());
            assertTrue(added.size() >= 2, "split into several comments");
            String joined = added.stream().map(Comment::body).collect(Collectors.joining());
            assertEquals(strip(body), strip(joined), "the parts hold the whole note");
        }

        @Test
        @DisplayName("a write changes nothing it was not asked to change")
        void writeChangesOnlyWhatItSays() {
            Ticket before = read(19);
            apply(update(19).note(NoteDraft.internal("note")).addTag("x"));
            Ticket after = read(19);
            assertAll(
                    () -> assertEquals(before.priority(), after.priority(), "priority"),
                    () -> assertEquals(before.status(), after.status(), "status"),
                    () -> assertEquals(before.assignee(), after.assignee(), "assignee"),
                    () -> assertEquals(before.group(), after.group(), "group"),
                    () -> assertEquals(before.subject(), after.subject(), "subject"),
                    () -> assertEquals(before.customFields(), after.customFields(), "custom fields"));
        }

        private String longNote(int bytes) {
            StringBuilder sb = new StringBuilder();
            int line = 0;
            while (sb.length() < bytes) {
                sb.append("Line ").append(line++).append(" of a long handover note.\n");
            }
            sb.setLength(bytes - 1);
            return sb.append('.').toString();
        }

        private String strip(String s) {
            return s.replaceAll("\\s+", "");
        }
    }

    // ------------------------------------------------------------------------------------------------ tasks

    /** Handover tasks: create, query, complete, reschedule. */
    @Nested
    @DisplayName("keeps handover tasks")
    class Tasks {
        @Test
        @DisplayName("creates tasks with the handover and reads them back")
        void createsTasks() {
            Instant due = BASE.plus(Duration.ofHours(3));
            UpdateResult result = apply(update(1)
                    .note(NoteDraft.internal("Handover with tasks"))
                    .createTask(task("ack", TaskKind.ACKNOWLEDGEMENT, 2, due))
                    .createTask(task("action-1", TaskKind.ACTION, 3, due.plus(Duration.ofHours(1)))));
            assertEquals(2, result.createdTasks().size());
            List<Task> found = tasksOf(TaskQuery.builder().handover(HANDOVER).build());
            assertEquals(2, found.size());
            Task ack = found.stream()
                    .filter(x -> x.key().equals("ack"))
                    .findFirst()
                    .orElseThrow();
            assertAll(
                    () -> assertEquals(t(1), ack.ticket()),
                    () -> assertEquals(HANDOVER, ack.handover()),
                    () -> assertEquals(TaskKind.ACKNOWLEDGEMENT, ack.kind()),
                    () -> assertEquals(a(2), ack.owner()),
                    () -> assertEquals("Kit task ack", ack.subject()),
                    () -> assertEquals("Body of kit task ack", ack.body().strip()),
                    () -> assertEquals(due, ack.due()),
                    () -> assertEquals(TaskStatus.OPEN, ack.status()));
            assertEquals(
                    Set.of("ack", "action-1"),
                    result.createdTasks().stream().map(Task::key).collect(Collectors.toSet()));
        }

        @Test
        @DisplayName("finds open tasks due at or before an instant, earliest first")
        void findsDueTasks() {
            apply(update(1)
                    .createTask(task("t3", TaskKind.ACTION, 1, BASE.plus(Duration.ofHours(3))))
                    .createTask(task("t1", TaskKind.ACTION, 1, BASE.plus(Duration.ofHours(1))))
                    .createTask(task("t2", TaskKind.FOLLOW_UP, 1, BASE.plus(Duration.ofHours(2)))));
            List<Task> due = tasksOf(TaskQuery.builder()
                    .open()
                    .dueAtOrBefore(BASE.plus(Duration.ofHours(2)))
                    .build());
            assertEquals(List.of("t1", "t2"), due.stream().map(Task::key).toList());
        }

        @Test
        @DisplayName("finds the tasks of one ticket")
        void findsTasksByTicket() {
            apply(update(1).createTask(task("on-1", TaskKind.ACTION, 1, BASE)));
            apply(update(2).createTask(task("on-2", TaskKind.ACTION, 1, BASE)));
            assertEquals(
                    List.of("on-2"),
                    tasksOf(TaskQuery.builder().ticket(t(2)).build()).stream()
                            .map(Task::key)
                            .toList());
        }

        @Test
        @DisplayName("finds tasks by owner and kind")
        void findsTasksByOwnerAndKind() {
            apply(update(1)
                    .createTask(task("ack", TaskKind.ACKNOWLEDGEMENT, 2, BASE))
                    .createTask(task("action-1", TaskKind.ACTION, 2, BASE))
                    .createTask(task("follow-up", TaskKind.FOLLOW_UP, 1, BASE)));
            List<Task> found = tasksOf(
                    TaskQuery.builder().owner(a(2)).kind(TaskKind.ACTION).build());
            assertEquals(List.of("action-1"), found.stream().map(Task::key).toList());
        }

        @Test
        @DisplayName("a completed task is no longer open")
        void completesTask() {
            Task task = apply(update(1).createTask(task("ack", TaskKind.ACKNOWLEDGEMENT, 2, BASE)))
                    .createdTasks()
                    .get(0);
            apply(update(1).changeTask(TaskChange.complete(task.id())));
            assertEquals(
                    List.of(), tasksOf(TaskQuery.builder().open().ticket(t(1)).build()));
            List<Task> done = tasksOf(TaskQuery.builder()
                    .status(TaskStatus.COMPLETED)
                    .ticket(t(1))
                    .build());
            assertEquals(1, done.size());
            assertTrue(done.get(0).completedAt().isPresent(), "completion time recorded");
        }

        @Test
        @DisplayName("a rescheduled task is due at its new time")
        void reschedulesTask() {
            Task task = apply(update(1).createTask(task("follow-up", TaskKind.FOLLOW_UP, 1, BASE)))
                    .createdTasks()
                    .get(0);
            Instant later = BASE.plus(Duration.ofHours(5));
            apply(update(1).changeTask(TaskChange.reschedule(task.id(), later)));
            assertEquals(
                    List.of(),
                    tasksOf(TaskQuery.builder()
                            .open()
                            .dueAtOrBefore(BASE.plus(Duration.ofHours(4)))
                            .build()));
            assertEquals(
                    later,
                    tasksOf(TaskQuery.builder().handover(HANDOVER).build())
                            .get(0)
                            .due());
        }

        @Test
        @DisplayName("pages through tasks without gaps or duplicates")
        void pagesThroughTasks() {
            TicketUpdate.Builder u = update(1);
            for (int n = 0; n < 12; n++) {
                u.createTask(task("p" + n, TaskKind.ACTION, 1 + n % 3, BASE.plus(Duration.ofMinutes(n))));
            }
            apply(u);
            List<String> keys = new ArrayList<>();
            PageRequest request = PageRequest.first(5);
            int pages = 0;
            while (true) {
                Page<Task> page = crm.tasks(TaskQuery.builder().open().build(), request);
                pages++;
                page.items().forEach(x -> keys.add(x.key()));
                if (!page.hasNext()) {
                    break;
                }
                request = page.next(5).orElseThrow();
            }
            assertTrue(pages >= 3, "pages: " + pages);
            assertEquals(IntStream.range(0, 12).mapToObj(n -> "p" + n).toList(), keys);
        }

        @Test
        @DisplayName("a change to a task that does not exist is not found and writes nothing")
        void changeOfMissingTaskNotFound() {
            int before = allComments(t(1)).size();
            Task elsewhere = apply(update(2).createTask(task("x", TaskKind.ACTION, 1, BASE)))
                    .createdTasks()
                    .get(0);
            CrmException e = assertThrows(
                    CrmException.class,
                    () -> apply(update(1)
                            .note(NoteDraft.internal("must not land"))
                            .changeTask(TaskChange.complete(dev.handover.spi.model.TaskId.of(
                                    elsewhere.id().value() + "0")))));
            assertTrue(
                    e instanceof CrmNotFoundException || e instanceof CrmInvalidRequestException,
                    "not found or invalid, was " + e);
            assertEquals(before, allComments(t(1)).size(), "no note written");
        }
    }

    // ------------------------------------------------------------------------------------------------ batch

    /** Many updates in one call with per-item results. */
    @Nested
    @DisplayName("applies batches")
    class Batch {
        @Test
        @DisplayName("applies many updates and reports each, in order")
        void appliesManyInOrder() {
            List<TicketUpdate> updates = IntStream.rangeClosed(20, 29)
                    .mapToObj(n -> update(n)
                            .note(NoteDraft.internal("Shift change note " + n))
                            .addTag("shift-change")
                            .build())
                    .toList();
            List<UpdateResult> results = crm.applyAll(updates);
            assertEquals(10, results.size());
            for (int i = 0; i < 10; i++) {
                assertEquals(t(20 + i), results.get(i).ticket(), "result " + i + " is for its update");
                assertEquals(UpdateResult.Status.APPLIED, results.get(i).status(), "result " + i);
                assertTrue(read(20 + i).tags().contains("shift-change"));
            }
        }

        @Test
        @DisplayName("one bad item does not lose the others")
        void oneBadItemDoesNotLoseOthers() {
            List<TicketUpdate> updates = List.of(
                    update(30).note(NoteDraft.internal("ok 30")).build(),
                    update(31).note(NoteDraft.internal("ok 31")).build(),
                    update(32)
                            .note(NoteDraft.internal("bad 32"))
                            .assign(Assignment.toAgent(a(900)))
                            .build(),
                    update(33).note(NoteDraft.internal("ok 33")).build());
            int before32 = allComments(t(32)).size();
            List<UpdateResult> results = crm.applyAll(updates);
            assertEquals(
                    List.of(
                            UpdateResult.Status.APPLIED,
                            UpdateResult.Status.APPLIED,
                            UpdateResult.Status.FAILED,
                            UpdateResult.Status.APPLIED),
                    results.stream().map(UpdateResult::status).toList());
            assertInstanceOf(
                    CrmInvalidRequestException.class, results.get(2).error().orElseThrow());
            assertEquals(before32, allComments(t(32)).size(), "bad item wrote nothing");
            assertEquals("ok 33", lastBody(33));
        }

        @Test
        @DisplayName("a stale item fails with a conflict while the others apply")
        void staleItemConflicts() {
            Version stale = read(34).version();
            apply(update(34).addTag("moved-on"));
            List<UpdateResult> results = crm.applyAll(List.of(
                    update(34).addTag("late").expectedVersion(stale).build(),
                    update(35).addTag("fine").build()));
            assertInstanceOf(CrmConflictException.class, results.get(0).error().orElseThrow());
            assertEquals(UpdateResult.Status.APPLIED, results.get(1).status());
            assertFalse(read(34).tags().contains("late"));
        }

        @Test
        @DisplayName("a ticket that does not exist fails alone")
        void missingTicketFailsAlone() {
            List<UpdateResult> results = crm.applyAll(List.of(
                    update(901).addTag("x").build(), update(36).addTag("x").build()));
            assertInstanceOf(CrmNotFoundException.class, results.get(0).error().orElseThrow());
            assertEquals(UpdateResult.Status.APPLIED, results.get(1).status());
        }

        @Test
        @DisplayName("a batch larger than the declared batch size is split and fully applied")
        void largeBatchIsSplit() {
            int n = Math.min(KitFixture.TICKETS, crm.capabilities().maxWriteBatchSize() + 3);
            List<TicketUpdate> updates = IntStream.rangeClosed(1, n)
                    .mapToObj(i -> update(i).addTag("bulk").build())
                    .toList();
            List<UpdateResult> results = crm.applyAll(updates);
            assertEquals(n, results.size());
            assertTrue(results.stream().allMatch(UpdateResult::isSuccess), "all applied");
            assertEquals(
                    n,
                    crm.tickets(expectedTickets(i -> true)).values().stream()
                            .filter(x -> x.tags().contains("bulk"))
                            .count());
        }

        @Test
        @DisplayName("a repeated batch with the same keys writes nothing twice")
        void repeatedBatchReplays() {
            List<TicketUpdate> updates = IntStream.rangeClosed(40, 44)
                    .mapToObj(i -> update(i)
                            .note(NoteDraft.internal("Batch once " + i))
                            .idempotencyKey(key("batch-" + i))
                            .build())
                    .toList();
            crm.applyAll(updates);
            List<UpdateResult> again = crm.applyAll(updates);
            assertTrue(again.stream().allMatch(r -> r.status() == UpdateResult.Status.REPLAYED), "all replayed");
            for (int i = 40; i <= 44; i++) {
                String body = "Batch once " + i;
                assertEquals(
                        1,
                        allComments(t(i)).stream()
                                .filter(c -> c.body().strip().equals(body))
                                .count(),
                        "ticket " + i);
            }
        }

        private String lastBody(int n) {
            List<Comment> c = allComments(t(n));
            return c.get(c.size() - 1).body().strip();
        }
    }

    // ------------------------------------------------------------------------------------------------ faults

    /**
     * Faults on the way to the CRM and back. A connector may retry inside a call or report a retryable failure to its
     * caller; either way a write lands exactly once when the caller retries with the same idempotency key, and a rate
     * limit is never retried sooner than the vendor asked.
     */
    @Nested
    @DisplayName("survives faults")
    class FaultTolerance {
        /** Applies until the outcome is known, retrying only what the connector says may be retried. */
        private UpdateResult applyUntilKnown(TicketUpdate u) {
            for (int attempt = 1; ; attempt++) {
                try {
                    return crm.apply(u);
                } catch (CrmException e) {
                    assertTrue(e.isRetryable(), () -> "a transient fault must be retryable: " + e);
                    if (attempt == 3) {
                        throw e;
                    }
                }
            }
        }

        private void assertMet() {
            assertEquals(0, faults().pending(), "the armed fault was met by a request");
        }

        private long notesWith(int n, String body) {
            return allComments(t(n)).stream()
                    .filter(c -> c.body().strip().equals(body))
                    .count();
        }

        private TicketUpdate handover(int n, String name) {
            return update(n)
                    .note(NoteDraft.internal("Handover " + name + " of ticket " + n))
                    .assign(Assignment.toAgent(a(2)))
                    .addTag("kit-" + name)
                    .createTask(task(name + "-" + n, TaskKind.ACKNOWLEDGEMENT, 2, BASE.plus(Duration.ofHours(3))))
                    .expectedVersion(read(n).version())
                    .idempotencyKey(key(name + "-" + n))
                    .build();
        }

        private void assertWrittenOnce(int n, String name) {
            assertEquals(1, notesWith(n, "Handover " + name + " of ticket " + n), "one note on ticket " + n);
            Ticket after = read(n);
            assertTrue(after.tags().contains("kit-" + name), "the tag landed on ticket " + n);
            assertEquals(Optional.of(a(2)), after.assignee(), "the reassignment landed on ticket " + n);
            assertEquals(
                    1,
                    tasksOf(TaskQuery.builder().ticket(t(n)).build()).stream()
                            .filter(task -> task.key().equals(name + "-" + n))
                            .count(),
                    "one task on ticket " + n);
        }

        @Test
        @DisplayName("a write whose answer was lost after it landed is written once")
        void lostAnswerWritesOnce() {
            TicketUpdate u = handover(20, "lost");
            faults().loseNextWriteAnswer();
            UpdateResult r = applyUntilKnown(u);
            assertMet();
            assertTrue(r.isSuccess(), () -> "the write is known to have landed: " + r);
            assertWrittenOnce(20, "lost");
        }

        @Test
        @DisplayName("a batch whose answer was lost writes every ticket once")
        void lostBatchAnswerWritesEachOnce() {
            List<TicketUpdate> updates = List.of(handover(21, "batch"), handover(22, "batch"), handover(23, "batch"));
            faults().loseNextWriteAnswer();
            List<TicketUpdate> pending = updates;
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                assertTrue(attempt <= 3, "the batch lands within three attempts");
                List<TicketUpdate> again = new ArrayList<>();
                try {
                    List<UpdateResult> results = crm.applyAll(pending);
                    for (int i = 0; i < pending.size(); i++) {
                        UpdateResult r = results.get(i);
                        if (!r.isSuccess()) {
                            assertTrue(r.error().orElseThrow().isRetryable(), () -> "retryable: " + r);
                            again.add(pending.get(i));
                        }
                    }
                } catch (CrmException e) {
                    assertTrue(e.isRetryable(), () -> "a lost answer is retryable: " + e);
                    again.addAll(pending);
                }
                pending = again;
            }
            assertMet();
            for (int n = 21; n <= 23; n++) {
                assertWrittenOnce(n, "batch");
            }
        }

        @Test
        @DisplayName("a server error before a write is retried or reported as retryable, and the write lands once")
        void serverErrorWritesOnce() {
            TicketUpdate u = handover(24, "error");
            faults().serverErrorOnNextWrite();
            assertTrue(applyUntilKnown(u).isSuccess());
            assertMet();
            assertWrittenOnce(24, "error");
        }

        @Test
        @DisplayName("a reset connection before a write is retried or reported as retryable, and the write lands once")
        void resetConnectionWritesOnce() {
            TicketUpdate u = handover(25, "reset");
            faults().resetNextWriteConnection();
            assertTrue(applyUntilKnown(u).isSuccess());
            assertMet();
            assertWrittenOnce(25, "reset");
        }

        @Test
        @DisplayName("a server error on a read is retried or reported as retryable")
        void serverErrorOnARead() {
            faults().serverErrorOnNextRead();
            Optional<Ticket> first;
            try {
                first = crm.ticket(t(26));
            } catch (CrmException e) {
                assertTrue(e.isRetryable(), () -> "a server error is retryable: " + e);
                first = crm.ticket(t(26));
            }
            assertMet();
            assertEquals(t(26), first.orElseThrow().id());
        }

        @Test
        @DisplayName("a rate limit is waited out for the time the vendor asked, or reported; never retried sooner")
        void rateLimitIsWaitedOutOrReported() {
            Duration asked = Duration.ofSeconds(3);
            Instant before = faults().clock().instant();
            faults().rateLimitNext(asked);
            try {
                Ticket ticket = crm.ticket(t(27)).orElseThrow();
                assertMet();
                Duration waited = Duration.between(before, faults().clock().instant());
                assertEquals(t(27), ticket.id());
                assertTrue(waited.compareTo(asked) >= 0, () -> "waited " + waited + ", the vendor asked " + asked);
                assertTrue(
                        waited.compareTo(asked.multipliedBy(2).plusSeconds(1)) <= 0,
                        () -> "waited " + waited + " for a Retry-After of " + asked + ": no longer than asked");
            } catch (CrmRateLimitedException e) {
                assertMet();
                assertTrue(e.isRetryable());
                Duration waited = Duration.between(before, faults().clock().instant());
                e.retryAfter()
                        .ifPresent(d -> assertTrue(
                                d.plus(waited).compareTo(asked) >= 0,
                                () -> "reported a wait of " + d + " after " + waited + "; the vendor asked " + asked));
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ directory

    /** The agent directory: agents, groups, membership, workload. */
    @Nested
    @DisplayName("reads the agent directory")
    class DirectoryCases {
        @Test
        @DisplayName("lists every agent and group")
        void listsAgentsAndGroups() {
            Directory d = crm.directory();
            assertTrue(
                    d.agents().stream()
                            .map(Agent::id)
                            .collect(Collectors.toSet())
                            .containsAll(Set.of(a(1), a(2), a(3), a(4), a(5))),
                    "agents " + d.agents());
            for (Group seeded : fixture.groups()) {
                assertEquals(
                        seeded.name(), d.group(seeded.id()).map(Group::name).orElse(null), "group " + seeded.id());
            }
        }

        @Test
        @DisplayName("describes an agent: name, e-mail, skills, languages, time zone, manager, capacity")
        void describesAgent() {
            Agent ada = crm.directory().agent(a(1)).orElseThrow();
            assertAll(
                    () -> assertEquals("Ada Lovelace", ada.name()),
                    () -> assertEquals("ada.lovelace@kit.example.com", ada.email()),
                    () -> assertEquals(Set.of("billing", "refunds"), ada.skills()),
                    () -> assertTrue(ada.speaks(Locale.GERMAN) && ada.speaks(Locale.ENGLISH), "languages"),
                    () -> assertFalse(ada.speaks(Locale.FRENCH), "does not speak French"),
                    () -> assertEquals(ZoneId.of("Europe/London"), ada.timeZone()),
                    () -> assertEquals(Optional.of(a(5)), ada.manager()),
                    () -> assertEquals(10, ada.capacity()),
                    () -> assertTrue(ada.active()));
        }

        @Test
        @DisplayName("knows who belongs to which group")
        void knowsMembership() {
            Directory d = crm.directory();
            assertEquals(
                    Set.of(a(1), a(3), a(4), a(5)),
                    d.members(g(1)).stream().map(Agent::id).collect(Collectors.toSet()));
            assertEquals(
                    Set.of(a(2), a(3), a(5)),
                    d.members(g(2)).stream().map(Agent::id).collect(Collectors.toSet()));
        }

        @Test
        @DisplayName("marks deactivated agents inactive")
        void marksInactive() {
            assertFalse(crm.directory().agent(a(4)).orElseThrow().active());
        }

        @Test
        @DisplayName("counts each agent's open tickets")
        void countsOpenTickets() {
            Map<AgentId, Integer> counts = crm.openTicketCounts(List.of(a(1), a(2), a(3), a(4), a(900)));
            for (int n = 1; n <= 3; n++) {
                int r = n;
                long expected = IntStream.rangeClosed(1, KitFixture.TICKETS)
                        .filter(i -> i % 4 == r && KitFixture.statusOf(i).isOpen())
                        .count();
                assertEquals((int) expected, counts.get(a(n)), "agent " + n);
            }
            assertEquals(0, counts.get(a(4)), "agent without tickets");
            assertEquals(0, counts.get(a(900)), "unknown agent");
        }

        @Test
        @DisplayName("a reassignment moves the count from one agent to the other")
        void countsFollowReassignment() {
            Map<AgentId, Integer> before = crm.openTicketCounts(List.of(a(1), a(2)));
            apply(update(1).assign(Assignment.toAgentInGroup(a(2), g(2)))); // ticket 1 is Ada's and open
            Map<AgentId, Integer> after = crm.openTicketCounts(List.of(a(1), a(2)));
            assertEquals(before.get(a(1)) - 1, after.get(a(1)));
            assertEquals(before.get(a(2)) + 1, after.get(a(2)));
        }
    }

    // ------------------------------------------------------------------------------------------------ capabilities

    /** What the connector declares holds. */
    @Nested
    @DisplayName("honours its declared capabilities")
    class Capabilities {
        @Test
        @DisplayName("declares the same capabilities every time")
        void declaresConstantCapabilities() {
            CrmCapabilities c = crm.capabilities();
            assertEquals(c, crm.capabilities());
            assertTrue(c.noteFormats().contains(NoteFormat.PLAIN_TEXT));
            assertTrue(c.maxNoteBytes() >= CrmCapabilities.MIN_NOTE_BYTES);
        }

        @Test
        @DisplayName("accepts a note in every declared format")
        void acceptsEveryDeclaredFormat() {
            for (NoteFormat format : crm.capabilities().noteFormats()) {
                String body = switch (format) {
                    case PLAIN_TEXT -> "Plain handover note";
                    case MARKDOWN -> "Markdown **handover** note";
                    case HTML -> "<p>HTML <strong>handover</strong> note</p>";
                };
                apply(update(16).note(NoteDraft.internal(body, format)));
                String stored =
                        allComments(t(16)).get(allComments(t(16)).size() - 1).body();
                assertTrue(stored.contains("handover") && stored.contains("note"), format + " stored as: " + stored);
            }
        }

        @Test
        @DisplayName("keeps a task's reminder time when it declares native reminders")
        void keepsReminderTimeWhenNative() {
            Instant remind = BASE.plus(Duration.ofMinutes(30));
            apply(update(17)
                    .createTask(TaskDraft.builder(HANDOVER, "ack", TaskKind.ACKNOWLEDGEMENT)
                            .owner(a(1))
                            .subject("Acknowledge")
                            .due(BASE.plus(Duration.ofHours(1)))
                            .remindAt(remind)
                            .build()));
            Task task = tasksOf(TaskQuery.builder().ticket(t(17)).build()).get(0);
            if (crm.capabilities().nativeReminders()) {
                assertEquals(Optional.of(remind), task.remindAt());
            } else {
                assertTrue(task.remindAt().isEmpty() || task.remindAt().equals(Optional.of(remind)), "ignored or kept");
            }
        }

        @Test
        @DisplayName("a write refused for a stale version creates none of its tasks")
        void refusedWriteCreatesNoTasks() {
            Version stale = read(18).version();
            apply(update(18).addTag("moved-on"));
            assertThrows(
                    CrmConflictException.class,
                    () -> apply(update(18)
                            .note(NoteDraft.internal("stale"))
                            .createTask(task("ack", TaskKind.ACKNOWLEDGEMENT, 1, BASE))
                            .expectedVersion(stale)));
            assertEquals(List.of(), tasksOf(TaskQuery.builder().ticket(t(18)).build()));
        }
    }

    /**
     * The live-safe cases: {@code handover selftest} runs {@link LiveSuite}'s probes against an integrator's sandbox;
     * here they run against this backend, so the kit stays the one statement of the contract for fakes and real
     * accounts alike. Every connector offers self-test support.
     */
    @Nested
    @DisplayName("passes the self-test")
    class LiveSafe {
        @Test
        @DisplayName("every live-safe probe passes, no vendor probe fails, and only test tickets are touched")
        void selfTestPasses() {
            assertTrue(crm.selfTest().isPresent(), crm.vendor() + " offers no self-test support");
            List<TicketId> others =
                    IntStream.rangeClosed(1, 12).mapToObj(n -> t(n)).toList();
            Map<TicketId, Version> before = crm.tickets(others).entrySet().stream()
                    .collect(Collectors.toMap(
                            Map.Entry::getKey, e -> e.getValue().version()));
            TestTeam team = new TestTeam("selftest@kit.example.org", "Kit Selftest", a(1), a(3), Optional.of(g(1)));

            SelfTestReport report = SelfTest.builder()
                    .connector(crm)
                    .team(team)
                    .clock(java.time.Clock.fixed(BASE.plus(Duration.ofDays(1)), java.time.ZoneOffset.UTC))
                    .sleeper(d -> {})
                    .build()
                    .run();

            Set<String> live = LiveSuite.probes().stream().map(p -> p.name()).collect(Collectors.toSet());
            assertAll(report.results().stream()
                    .map(r -> () -> assertTrue(
                            live.contains(r.probe()) ? r.verdict() == Verdict.PASS : r.verdict() != Verdict.FAIL,
                            r.probe() + ": " + r.verdict() + " — " + r.answer() + "\n" + report.table())));
            assertEquals(
                    live.size() + crm.selfTest().get().probes().size(),
                    report.results().size());
            assertFalse(report.cleanup().isEmpty(), "the probes made test tickets");
            for (String line : report.cleanup()) {
                assertFalse(line.contains("NOT discarded"), line);
            }
            Map<TicketId, Version> after = crm.tickets(others).entrySet().stream()
                    .collect(Collectors.toMap(
                            Map.Entry::getKey, e -> e.getValue().version()));
            assertEquals(before, after, "tickets the self-test did not make are untouched");
        }
    }

    /** A connector's vendor name is non-blank and lower-case. */
    @Test
    @DisplayName("names its vendor in lower case")
    void namesVendor() {
        assertEquals(crm.vendor().toLowerCase(Locale.ROOT), crm.vendor());
        assertFalse(crm.vendor().isBlank());
    }
}
