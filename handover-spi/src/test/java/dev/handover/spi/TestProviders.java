package dev.handover.spi;

import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.Task;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Providers for discovery tests. */
final class TestProviders {
    private TestProviders() {}

    /** A connector that only knows its vendor and settings. */
    record StubConnector(String vendor, CrmSettings settings) implements CrmConnector {
        @Override
        public CrmCapabilities capabilities() {
            return CrmCapabilities.builder().build();
        }

        @Override
        public Optional<Ticket> ticket(TicketId id) {
            return Optional.empty();
        }

        @Override
        public Map<TicketId, Ticket> tickets(Collection<TicketId> ids) {
            return Map.of();
        }

        @Override
        public Page<Ticket> searchTickets(TicketQuery query, PageRequest page) {
            return Page.last(List.of());
        }

        @Override
        public Page<Comment> comments(TicketId ticket, SortOrder order, PageRequest page) {
            return Page.last(List.of());
        }

        @Override
        public Page<Task> tasks(TaskQuery query, PageRequest page) {
            return Page.last(List.of());
        }

        @Override
        public UpdateResult apply(TicketUpdate update) {
            throw new UnsupportedOperationException("stub");
        }

        @Override
        public List<UpdateResult> applyAll(List<TicketUpdate> updates) {
            throw new UnsupportedOperationException("stub");
        }

        @Override
        public Directory directory() {
            return Directory.empty();
        }

        @Override
        public Map<AgentId, Integer> openTicketCounts(Collection<AgentId> agents) {
            return Map.of();
        }
    }

    /** Works; named "alpha". */
    public static final class Alpha implements CrmProvider {
        @Override
        public String name() {
            return "alpha";
        }

        @Override
        public CrmConnector create(CrmSettings settings) {
            settings.get("required")
                    .orElseThrow(() -> new IllegalArgumentException("alpha setting 'required' missing"));
            return new StubConnector("alpha", settings);
        }
    }

    /** Works; named "beta"; needs no settings. */
    public static final class Beta implements CrmProvider {
        @Override
        public String name() {
            return "beta";
        }

        @Override
        public CrmConnector create(CrmSettings settings) {
            return new StubConnector("beta", settings);
        }
    }

    /** Fails in its constructor. */
    public static final class Exploding implements CrmProvider {
        public Exploding() {
            throw new IllegalStateException("boom in constructor");
        }

        @Override
        public String name() {
            return "exploding";
        }

        @Override
        public CrmConnector create(CrmSettings settings) {
            throw new AssertionError("never created");
        }
    }

    /** Has no usable name. */
    public static final class Nameless implements CrmProvider {
        @Override
        public String name() {
            return " ";
        }

        @Override
        public CrmConnector create(CrmSettings settings) {
            throw new AssertionError("never created");
        }
    }
}
