package dev.handover.runner.report;

import dev.handover.core.CrmHistory;
import dev.handover.runner.config.RunnerConfig;
import dev.handover.runner.journal.JournalEntry;
import dev.handover.runner.journal.Labels;
import dev.handover.spi.CrmConnector;
import dev.handover.spi.CrmConnectors;
import dev.handover.spi.model.Group;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code report --from-crm}: the review's entries rebuilt from the handover notes and step markers on the CRM's
 * tickets ({@link CrmHistory}), labelled with the names of the CRM's directory as the worker labels its journal.
 */
final class CrmSource {
    private CrmSource() {}

    /**
     * What the CRM gave.
     *
     * @param entries the rebuilt events with their names
     * @param teamNames group names by id, from the directory
     * @param ticketsSearched tickets the search returned
     * @param ticketsRead handed-over tickets whose comments were read
     * @param warnings tickets whose comments could not be read
     */
    record Read(
            List<JournalEntry> entries,
            Map<String, String> teamNames,
            int ticketsSearched,
            int ticketsRead,
            List<String> warnings) {
        Read {
            entries = List.copyOf(entries);
            teamNames = Map.copyOf(teamNames);
            warnings = List.copyOf(warnings);
        }
    }

    /** Connects with the configuration's settings (and secrets) and reads from {@code since} on. */
    static Read read(RunnerConfig config, Instant since) {
        try (CrmConnector crm = CrmConnectors.builder().settings(config.crm()).build()) {
            return read(crm, since);
        }
    }

    /** Reads from {@code since} on through this connector. */
    static Read read(CrmConnector crm, Instant since) {
        CrmHistory.Result r = CrmHistory.read(crm, since);
        List<JournalEntry> entries = r.events().stream()
                .map(e -> new JournalEntry(e, Labels.of(e, r.directory())))
                .toList();
        Map<String, String> teams = new TreeMap<>();
        for (Group g : r.directory().groups()) {
            teams.put(g.id().value(), g.name());
        }
        return new Read(entries, teams, r.ticketsSearched(), r.ticketsRead(), r.failures());
    }
}
