package dev.handover.runner;

import dev.handover.zendesk.fake.FakeZendesk;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenario's team on a fresh fake Zendesk for each test, closed after it. A subclass's own set-up runs after this
 * one and its tear-down before, so what it starts on the fake is stopped while the fake is still up.
 */
abstract class OnFakeZendesk {
    @TempDir
    Path dir;

    FakeZendesk zendesk;
    Scenario s;

    @BeforeEach
    void startZendesk() {
        zendesk = FakeZendesk.start();
        s = Scenario.zendesk(zendesk, dir);
    }

    @AfterEach
    void closeZendesk() {
        zendesk.close();
    }
}
