package dev.handover.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handover.spi.error.CrmNotFoundException;
import dev.handover.spi.error.CrmUnavailableException;
import dev.handover.zendesk.http.Errors;
import dev.handover.zendesk.http.HttpCall;
import dev.handover.zendesk.http.Json;
import dev.handover.zendesk.http.Transport;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for Zendesk's background jobs ({@code update_many}, {@code create_many}): polls {@code
 * /api/v2/job_statuses/{id}} with growing pauses on the injected sleeper until the job completes, fails or the time
 * allowed runs out, and reads the per-item results.
 */
final class JobRunner {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
    private static final Set<String> TERMINAL = Set.of("completed", "failed", "killed");

    private final Transport http;
    private final Config config;

    JobRunner(Transport http, Config config) {
        this.http = http;
        this.config = config;
    }

    /** Polls until the submitted job is done and returns its final {@code job_status}. */
    JsonNode await(JsonNode submitted, String what) {
        JsonNode status = submitted;
        String id = Json.text(status, "id");
        if (id.isEmpty()) {
            throw new CrmUnavailableException(Errors.VENDOR, 0, null, what + ": Zendesk returned no job id", null);
        }
        Duration wait = config.jobPollInterval();
        Instant deadline = config.clock().instant().plus(config.jobTimeout());
        int polls = 0;
        while (!TERMINAL.contains(Json.text(status, "status").toLowerCase(Locale.ROOT))) {
            if (!config.clock().instant().isBefore(deadline)) {
                throw new CrmUnavailableException(
                        Errors.VENDOR,
                        0,
                        "JobTimeout",
                        what + ": job " + id + " was still " + Json.text(status, "status") + " after "
                                + config.jobTimeout() + " (" + polls + " polls); retrying with the same keys is safe",
                        null);
            }
            http.pause(wait, what + " interrupted while waiting for a job");
            polls++;
            try {
                status = http.execute(
                                HttpCall.get("/api/v2/job_statuses/" + id, "status of job " + id + " (" + what + ")"))
                        .path("job_status");
            } catch (CrmNotFoundException gone) {
                // Zendesk keeps a job's status only for a while: a job that is gone may have run. Its outcome is
                // unknown — not a missing ticket — and the caller settles it by retrying with the same keys
                throw new CrmUnavailableException(
                        Errors.VENDOR,
                        404,
                        "JobGone",
                        what + ": the status of job " + id + " is no longer kept by Zendesk; the outcome is unknown,"
                                + " retrying with the same keys is safe",
                        gone);
            }
            Duration next = wait.multipliedBy(2);
            wait = next.compareTo(config.jobPollMax()) > 0 ? config.jobPollMax() : next;
        }
        LOG.debug("{}: job {} {} after {} poll(s)", what, id, Json.text(status, "status"), polls);
        return status;
    }

    /** The per-item results of an {@code update_many} job, by ticket id. */
    static Map<Long, JsonNode> resultsById(JsonNode status) {
        Map<Long, JsonNode> out = new HashMap<>();
        for (JsonNode r : status.path("results")) {
            if (r.hasNonNull("id")) {
                out.put(r.get("id").asLong(), r);
            }
        }
        return out;
    }

    /** The per-item results of a {@code create_many} job, by position in the request. */
    static Map<Integer, JsonNode> resultsByIndex(JsonNode status) {
        Map<Integer, JsonNode> out = new HashMap<>();
        for (JsonNode r : status.path("results")) {
            if (r.hasNonNull("index")) {
                out.put(r.get("index").asInt(), r);
            }
        }
        return out;
    }

    /**
     * True when a per-item result reports success. Results come in more than one shape: {@code update_many} items carry
     * {@code success} and {@code status}, while {@code create_many} items may name the new ticket by {@code index} and
     * {@code id} only; an item with an id and no error is a success.
     */
    static boolean succeeded(JsonNode result) {
        if (result.has("success")) {
            return result.get("success").asBoolean(false);
        }
        if (result.hasNonNull("error")) {
            return false;
        }
        String s = Json.text(result, "status").toLowerCase(Locale.ROOT);
        return s.isEmpty() ? result.hasNonNull("id") : s.equals("updated") || s.equals("created");
    }
}
