package dev.handover.memory;

import dev.handover.memory.time.MutableClock;
import dev.handover.spi.CrmConnector;
import dev.handover.spi.error.CrmRateLimitedException;
import dev.handover.testkit.compat.CrmConnectorCompatibilityKit;
import dev.handover.testkit.compat.KitFaults;
import dev.handover.testkit.compat.KitFixture;
import java.time.Duration;

/** InMemoryCrm passes the whole compatibility kit. */
final class InMemoryCrmCompatibilityTest extends CrmConnectorCompatibilityKit {
    private MutableClock clock;
    private InMemoryCrm memory;

    @Override
    protected CrmConnector createConnector(KitFixture fixture) {
        clock = MutableClock.at(KitFixture.BASE.plus(Duration.ofMinutes(5)));
        InMemoryCrm crm = InMemoryCrm.builder()
                .clock(clock)
                .capabilities(c -> c.maxReadBatchSize(40).maxWriteBatchSize(25).maxNoteBytes(4000))
                .build();
        fixture.groups().forEach(crm::putGroup);
        fixture.agents().forEach(crm::putAgent);
        fixture.tickets().forEach(crm::putTicket);
        fixture.comments()
                .forEach(c -> crm.putComment(new dev.handover.spi.model.Comment(
                        "seed-" + c.ticket() + "-" + c.createdAt().getEpochSecond(),
                        c.ticket(),
                        c.authorId(),
                        c.body(),
                        c.visibility(),
                        c.createdAt())));
        memory = crm;
        return crm;
    }

    /**
     * Faults as the in-memory CRM raises them: it makes no retries of its own, so every fault reaches the caller as a
     * retryable exception (a rate limit with the wait asked), and a lost answer is a write that landed.
     */
    @Override
    protected KitFaults faults() {
        return new KitFaults.OnClock(clock) {
            @Override
            public void loseNextWriteAnswer() {
                memory.faults().loseResponses(1);
            }

            @Override
            public void serverErrorOnNextWrite() {
                memory.faults().failNext(1, Operation.APPLY, Faults::unavailable);
            }

            @Override
            public void resetNextWriteConnection() {
                memory.faults().failNext(1, Operation.APPLY, Faults::unavailable);
            }

            @Override
            public void serverErrorOnNextRead() {
                memory.faults().failNext(1, Operation.READ_TICKET, Faults::unavailable);
            }

            @Override
            public void rateLimitNext(Duration retryAfter) {
                memory.faults()
                        .failNext(
                                1,
                                op -> new CrmRateLimitedException(
                                        InMemoryCrm.VENDOR, 429, "injected", "rate limited: " + op, retryAfter, null));
            }

            @Override
            public int pending() {
                return memory.faults().pending();
            }
        };
    }
}
