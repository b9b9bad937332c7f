package dev.handover.salesforce.http;

import dev.handover.spi.error.CrmRateLimitedException;
import dev.handover.spi.helpers.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
public final class Throttle {
    private static final Logger LOG = LoggerFactory.getLogger(Throttle.class);

    /**
     * The pacing: slow down from {@code slowDownAt} (a share of the allocation), up to {@code maxDelay} before each call
     * at {@code stopAt}, from where calls pause for {@code cooldown}. Checked by the connector's builder.
     */
    public record Limits(double slowDownAt, Duration maxDelay, double stopAt, Duration cooldown) {}

    /**
     * The org's API usage as a response's {@code Sforce-Limit-Info} reported it ({@code api-usage=18/15000}).
     *
     * @param used requests counted in the rolling 24 hours
     * @param max the daily allocation, above zero
     * @param observedAt when the response arrived
     */
    public record Usage(long used, long max, Instant observedAt) {
        private static final Pattern API_USAGE = Pattern.compile("(?:^|[;,\\s])api-usage=(\\d+)/(\\d+)");

        /** The usage in a {@code Sforce-Limit-Info} value, or empty when it carries no usable {@code api-usage}. */
        public static Optional<Usage> parse(String header, Instant observedAt) {
            if (header == null) {
                return Optional.empty();
            }
            Matcher m = API_USAGE.matcher(header.strip());
            if (!m.find()) {
                return Optional.empty();
            }
            try {
                long used = Long.parseLong(m.group(1));
                long max = Long.parseLong(m.group(2));
                return max > 0 ? Optional.of(new Usage(used, max, observedAt)) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }

        double fraction() {
            return (double) used / max;
        }

        @Override
        public String toString() {
            return "api-usage=" + used + "/" + max + " at " + observedAt;
        }
    }

    private final Limits limits;
    private final Clock clock;
    private final Sleeper sleeper;
    private final AtomicReference<Usage> usage = new AtomicReference<>();
    private final AtomicReference<Instant> blockedUntil = new AtomicReference<>();

    /** Paces on this clock, waiting on this sleeper. */
    public Throttle(Limits limits, Clock clock, Sleeper sleeper) {
        this.limits = limits;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** The usage last reported. */
    public Optional<Usage> usage() {
        return Optional.ofNullable(usage.get());
    }

    /** Called before every API call: refuses during a cooldown, waits near the cap. */
    void beforeCall(String what) {
        Instant now = clock.instant();
        Instant until = blockedUntil.get();
        if (until != null && now.isBefore(until)) {
            Usage u = usage.get();
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
        Usage u = usage.get();
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
    void observe(Usage reported) {
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
