package dev.handover.core;

import dev.handover.spi.CrmConnector;
import dev.handover.spi.model.Directory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The agent directory, read at most once per TTL of the injected clock. */
final class DirectoryCache {
    private final CrmConnector crm;
    private final Clock clock;
    private final Duration ttl;
    private final java.util.function.UnaryOperator<Directory> overlay;
    private Directory directory;
    private Instant readAt;

    DirectoryCache(CrmConnector crm, Clock clock, Duration ttl, java.util.function.UnaryOperator<Directory> overlay) {
        this.crm = crm;
        this.clock = clock;
        this.ttl = ttl;
        this.overlay = overlay;
    }

    /** Starts with a directory already read (at build time), so the first call reads nothing. */
    synchronized void prime(Directory read) {
        directory = overlay.apply(read);
        readAt = clock.instant();
    }

    synchronized Directory get() {
        Instant now = clock.instant();
        if (directory == null || !now.isBefore(readAt.plus(ttl))) {
            directory = overlay.apply(crm.directory());
            readAt = now;
        }
        return directory;
    }

    synchronized void invalidate() {
        directory = null;
    }
}
