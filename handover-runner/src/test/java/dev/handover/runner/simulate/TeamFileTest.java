package dev.handover.runner.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.GroupKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code --directory} file, and the team an offline simulation puts together from what it has. */
class TeamFileTest {
    @TempDir
    Path dir;

    @Test
    void theDirectoryFileDescribesAgentsGroupsAndWorkload() {
        TeamFile f = TeamFile.read(TicketFileFormatsTest.fixture("team.yaml"));

        assertThat(f.directory().groups()).extracting(g -> g.kind()).containsExactly(GroupKind.TEAM, GroupKind.QUEUE);
        Agent jonas = f.directory().agent(AgentId.of("362")).orElseThrow();
        assertThat(jonas.speaks(Locale.GERMAN)).isTrue();
        assertThat(jonas.capacity()).isEqualTo(20);
        assertThat(jonas.timeZone().getId()).isEqualTo("Europe/Berlin");
        assertThat(jonas.shifts()).singleElement().satisfies(s -> {
            assertThat(s.days()).contains(DayOfWeek.MONDAY, DayOfWeek.FRIDAY).doesNotContain(DayOfWeek.SATURDAY);
            assertThat(s.start()).isEqualTo(LocalTime.of(6, 0));
        });
        assertThat(f.directory().agent(AgentId.of("361")).orElseThrow().manager())
                .contains(AgentId.of("363"));
        assertThat(f.openTickets()).containsEntry(AgentId.of("362"), 20).containsEntry(AgentId.of("361"), 4);
    }

    @Test
    void aWrongKeyOrValueNamesTheEntryAndTheKey() throws IOException {
        Path typo = dir.resolve("typo.yaml");
        Files.writeString(typo, "agents:\n  - { id: \"1\", langauges: [de] }\n");
        Path zone = dir.resolve("zone.json");
        Files.writeString(zone, "{\"agents\":[{\"id\":\"1\",\"timeZone\":\"Berlin\"}]}");

        assertThatThrownBy(() -> TeamFile.read(typo))
                .hasMessage(typo + ": agents[0]: unknown key 'langauges'; keys: active, canTakeTickets, capacity,"
                        + " email, groups, id, languages, manager, name, openTickets, role, shifts, skills, timeZone");
        assertThatThrownBy(() -> TeamFile.read(zone))
                .hasMessage(zone + ": agents[0] (1): timeZone: 'Berlin' is not a time zone like Europe/Berlin");
    }

    @Test
    void offlineTheTeamSectionAddsWhomNothingElseDescribesAndUnknownGroupsAreEmpty() {
        TicketFile.Contents tickets = TicketFile.read(TicketFileFormatsTest.fixture("tickets-per-line.jsonl"));

        OfflineTeam team = OfflineTeam.of(
                Optional.empty(), tickets, List.of("361", "jonas.weber@acme.com"), Set.of(GroupId.of("360000000001")));

        assertThat(team.directory().agents())
                .extracting(a -> a.id().value())
                .containsExactly("361", "jonas.weber@acme.com");
        assertThat(team.directory()
                        .agent(AgentId.of("jonas.weber@acme.com"))
                        .orElseThrow()
                        .email())
                .isEqualTo("jonas.weber@acme.com");
        assertThat(team.directory().group(GroupId.of("360000000001"))).isPresent();
        assertThat(team.directory().members(GroupId.of("360000000001"))).isEmpty();
        assertThat(team.unchecked())
                .contains("1 assignee(s) of the tickets are not in the team (362): rules about the assignee's language,"
                        + " shift or absence cannot judge their tickets");
    }

    @Test
    void pagesOfDifferentShapesInOneFileAreRefusedAtTheLineThatDiffers() throws IOException {
        Path f = dir.resolve("mixed.jsonl");
        Files.writeString(f, "{\"tickets\":[],\"end_of_stream\":false}\n{\"results\":[],\"count\":0}\n");

        assertThatThrownBy(() -> TicketFile.read(f))
                .hasMessageStartingWith(f + ":2: expected pages of an incremental ticket export")
                .hasMessageEndingWith("found pages of a ticket search: objects with \"results\" (each with"
                        + " \"result_type\") and \"count\"");
    }
}
