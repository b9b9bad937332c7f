package dev.handover.salesforce;

import dev.handover.spi.error.CrmRateLimitedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the connector under the org's daily API allocation. Every response's {@code Sforce-Limit-Info} updates the
 * usage; from {@code limits.slow-down-at} each call first waits a little (linearly more up to {@code
 * limits.max-delay} as usage approaches {@code limits.stop-at}); from {@code limits.stop-at}, or after Salesforce
 * answered {@code REQUEST_LIMIT_EXCEEDED}, calls are refused locally for {@code limits.cooldown} so the rest of the
 * allocation stays for people and other integrations. After the cooldown one call goes through and refreshes the
 * numbers.
 */
final class LimitGovernor {
    private static final Logger LOG = LoggerFactory.getLogger(LimitGovernor.class);

    private final Config.Limits limits;
    private final Clock clock;
    private final SalesforceConnector.Sleeper sleeper;
    private final AtomicReference<ApiUsage> usage = new AtomicReference<>();
    private final AtomicReference<Instant> blockedUntil = new AtomicReference<>();

    LimitGovernor(Config.Limits limits, Clock clock, SalesforceConnector.Sleeper sleeper) {
        this.limits = limits;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** The usage last reported. */
    Optional<ApiUsage> usage() {
        return Optional.ofNullable(usage.get());
    }

    /** Called before every API call: refuses during a cooldown, waits near the cap. */
    void beforeCall(String what) {
        Instant now = clock.instant();
        Instant until = blockedUntil.get();
        if (until != null && now.isBefore(until)) {
            ApiUsage u = usage.get();
            throw new CrmRateLimitedException(
                    Errors.VENDOR,
                    0,
                    null,
                    what + " not sent: the API allocation is "
                            + (u == null ? "exhausted" : String.format("%.1f%% used (%s)", 100 * u.fraction(), u))
                            + "; calls resume after " + until,
                    Duration.between(now, until),
                    null);
        }
        if (until != null) {
            blockedUntil.compareAndSet(until, null); // the cooldown is over: let this call refresh the numbers
            return;
        }
        ApiUsage u = usage.get();
        if (u == null) {
            return;
        }
        double f = u.fraction();
        if (f >= limits.stopAt()) {
            Instant resume = u.observedAt().plus(limits.cooldown());
            if (now.isBefore(resume)) {
                blockedUntil.set(resume);
                LOG.warn(
                        "Salesforce API usage {} reached limits.stop-at {}: pausing calls until {}",
                        u,
                        limits.stopAt(),
                        resume);
                beforeCall(what);
            }
            return;
        }
        if (f >= limits.slowDownAt() && !limits.maxDelay().isZero()) {
            double share = (f - limits.slowDownAt()) / Math.max(1e-9, limits.stopAt() - limits.slowDownAt());
            Duration wait = Duration.ofMillis(Math.round(limits.maxDelay().toMillis() * Math.min(1.0, share)));
            if (!wait.isZero()) {
                LOG.debug("Salesforce API usage {}: waiting {} before {}", u, wait, what);
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw Errors.unavailable(what, "interrupted while pacing API calls", e);
                }
            }
        }
    }

    /** Records what a response reported. */
    void observe(ApiUsage reported) {
        usage.set(reported);
    }

    /** Salesforce refused a call for the daily allocation: stop for the cooldown. */
    void exhausted() {
        Instant until = clock.instant().plus(limits.cooldown());
        blockedUntil.set(until);
        LOG.warn("Salesforce answered REQUEST_LIMIT_EXCEEDED: pausing calls until {}", until);
    }

    /** The configured cooldown, the retry-after of an exhausted allocation. */
    Duration cooldown() {
        return limits.cooldown();
    }
}
