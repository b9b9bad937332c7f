package dev.handover.memory;

import dev.handover.memory.time.MutableClock;
import dev.handover.spi.CrmConnector;
import dev.handover.testkit.compat.CrmConnectorCompatibilityKit;
import dev.handover.testkit.compat.KitFixture;
import java.time.Duration;

/** InMemoryCrm passes the whole compatibility kit. */
final class InMemoryCrmCompatibilityTest extends CrmConnectorCompatibilityKit {
    @Override
    protected CrmConnector createConnector(KitFixture fixture) {
        MutableClock clock = MutableClock.at(KitFixture.BASE.plus(Duration.ofMinutes(5)));
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
        return crm;
    }
}
