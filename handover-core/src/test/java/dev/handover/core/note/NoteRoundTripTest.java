package dev.handover.core.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handover.core.marker.Markers;
import dev.handover.core.rendering.NoteRenderer;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Customer;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.NoteFormat;
import dev.handover.spi.model.TicketId;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Notes survive rendering in every format and length limit, and their trailers read back exactly. */
final class NoteRoundTripTest {
    private static final Instant AT = Instant.parse("2026-03-09T13:45:00Z");
    private static final String[] NASTY = {
        "Übergabe an Zoë — 请回电 ✓ 🚀",
        "[handover v1 id=ho-0000000000000000 ticket=1 rule=manual reason=x to=y at=20260101T000000Z reminders=s crc=deadbeef]",
        "]]]] %%% 100% :,;= <script>alert(1)</script> & \"quotes\" 'single'",
        "line one\nline two\r\nline three",
        "مرحبا بالعالم — RTL text",
        "tab\tand\u0000null",
        "*markdown* _emph_ # heading [link](http://x) | table |"
    };

    private static String randomText(Random r, int maxLength) {
        StringBuilder sb = new StringBuilder();
        int target = 1 + r.nextInt(maxLength);
        while (sb.length() < target) {
            int kind = r.nextInt(5);
            if (kind == 0) {
                sb.append(NASTY[r.nextInt(NASTY.length)]);
            } else if (kind == 1) {
                sb.appendCodePoint(0x1F300 + r.nextInt(200)); // emoji: 4 UTF-8 bytes, 2 chars
            } else if (kind == 2) {
                sb.append((char) ('À' + r.nextInt(200)));
            } else {
                sb.append("word").append(r.nextInt(1000)).append(' ');
            }
        }
        return sb.toString().replace("\u0000", " ");
    }

    private static HandoverNote randomNote(Random r, int textSize) {
        int actions = r.nextInt(6);
        List<ActionItem> as = new ArrayList<>();
        Party lukas = new Party(
                Optional.of(AgentId.of("lukas")),
                Optional.of(GroupId.of("emea")),
                "Lukas Becker",
                "EMEA Support",
                Optional.of(ZoneId.of("Europe/London")));
        for (int i = 1; i <= actions; i++) {
            as.add(new ActionItem("action-" + i, randomText(r, textSize), lukas, AT.plusSeconds(3600L * i)));
        }
        List<PromiseItem> ps = new ArrayList<>();
        for (int i = 1; i <= r.nextInt(4); i++) {
            ps.add(new PromiseItem(
                    "promise-" + i,
                    randomText(r, textSize),
                    r.nextBoolean() ? Optional.of(AT.plusSeconds(86_400L * i)) : Optional.empty(),
                    r.nextBoolean()));
        }
        List<NoteItem> history = new ArrayList<>();
        for (int i = 0; i < r.nextInt(8); i++) {
            history.add(NoteItem.derived(randomText(r, textSize * 2), AT.minusSeconds(600L * i)));
        }
        List<HandoverRecord.Link> chain = new ArrayList<>();
        for (int i = 0; i < r.nextInt(4); i++) {
            chain.add(new HandoverRecord.Link(
                    HandoverId.of("ho-" + Long.toHexString(r.nextLong() & 0xffffffffL)),
                    Optional.of(AgentId.of("a" + i)),
                    r.nextBoolean() ? Optional.empty() : Optional.of(AgentId.of("b" + i)),
                    AT.minusSeconds(3600L * (i + 1)),
                    "shift-change"));
        }
        return new HandoverNote(
                HandoverId.of("ho-" + Long.toHexString(r.nextLong() & 0xffffffffffffL)),
                TicketId.of(Integer.toString(1000 + r.nextInt(9000))),
                AT,
                r.nextBoolean() ? "manual" : "shift-change",
                "shift-change",
                "Shift change",
                randomText(r, 80),
                new Party(Optional.of(AgentId.of("amelia")), Optional.empty(), "Amelia Clarke", "", Optional.empty()),
                lukas,
                r.nextBoolean() ? Optional.of(AT.plusSeconds(1800)) : Optional.empty(),
                "standard",
                r.nextBoolean() ? Optional.of(AT.plusSeconds(172_800)) : Optional.empty(),
                Customer.builder()
                        .name(randomText(r, 30))
                        .email("x@example.org")
                        .language(Locale.GERMAN)
                        .build(),
                Optional.of(NoteItem.given(randomText(r, textSize * 3))),
                history,
                List.of(NoteItem.derived(randomText(r, textSize), AT)),
                ps,
                as,
                ps.stream().flatMap(p -> p.due().stream()).findFirst(),
                List.of("refund_amount is 450 EUR: " + randomText(r, 40)),
                Map.of("Ticket", URI.create("https://acme.zendesk.com/agent/tickets/1")),
                chain);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 99, 2026})
    void trailersReadBackExactlyInEveryFormat(long seed) {
        Random r = new Random(seed);
        for (int i = 0; i < 60; i++) {
            HandoverNote note = randomNote(r, 200);
            HandoverRecord expected = note.toRecord();
            assertThat(HandoverRecord.parse(expected.trailer())).isEqualTo(expected);
            for (NoteFormat f : NoteFormat.values()) {
                assertThat(HandoverRecord.find(NoteRenderer.render(note, f)))
                        .as("seed %d, note %d, %s", seed, i, f)
                        .contains(expected);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13, 14})
    void longNotesFitTheLimitWithoutLosingActionsOrPromises(long seed) {
        Random r = new Random(seed);
        for (int i = 0; i < 40; i++) {
            HandoverNote note = randomNote(r, 1500);
            int limit = 4000;
            for (NoteFormat f : NoteFormat.values()) {
                List<String> parts = NoteRenderer.render(note, f, limit);
                for (String part : parts) {
                    assertThat(part.getBytes(StandardCharsets.UTF_8).length)
                            .as("seed %d note %d %s", seed, i, f)
                            .isLessThanOrEqualTo(limit);
                }
                String last = parts.get(parts.size() - 1);
                assertThat(HandoverRecord.find(last)).contains(note.toRecord());
                String all = String.join("", parts)
                        .replaceAll("Handover ho-[0-9a-f]+ · part \\d+ of \\d+", "")
                        .replaceAll("\\s+", "");
                if (f == NoteFormat.PLAIN_TEXT) {
                    for (ActionItem a : note.actionsRequired()) {
                        assertThat(all)
                                .contains(Markers.neutralize(a.text())
                                        .replace("\r", "")
                                        .replaceAll("\\s+", ""));
                    }
                    for (PromiseItem p : note.promises()) {
                        assertThat(all)
                                .contains(Markers.neutralize(p.text())
                                        .replace("\r", "")
                                        .replaceAll("\\s+", ""));
                    }
                }
            }
        }
    }

    @Test
    void hostileTextImitatingATrailerCannotPassForOne() {
        Random r = new Random(3);
        HandoverNote note = randomNote(r, 50);
        String fake = "[handover v1 id=ho-1111111111111111 ticket=1 rule=manual reason=x to=evil at=20260101T000000Z"
                + " reminders=standard crc=00000000]";
        String rendered = NoteRenderer.render(note, NoteFormat.PLAIN_TEXT) + "\n" + fake;
        assertThat(HandoverRecord.find(rendered)).isEmpty(); // a wrong checksum is not a trailer
        // a correct checksum in the customer's words is defused when quoted in a note
        String forged = note.toRecord().trailer();
        assertThat(Markers.neutralize("please see " + forged)).doesNotContain("[handover");
    }

    @Test
    void aTamperedTrailerIsRejectedWithAReason() {
        HandoverRecord rec = randomNote(new Random(1), 20).toRecord();
        String line = rec.trailer();
        String tampered = line.replace("reminders=standard", "reminders=complaint");
        assertThatThrownBy(() -> HandoverRecord.parse(tampered)).hasMessageContaining("checksum does not match");
        assertThatThrownBy(() -> HandoverRecord.parse("[handover v1 id=x]")).hasMessageContaining("no checksum");
        assertThat(HandoverRecord.find(tampered)).isEmpty();
        assertThat(HandoverRecord.find(line + "\nAnd some text after it")).isEmpty();
        assertThat(HandoverRecord.find("<p>" + line + "</p>\n")).contains(rec);
    }

    @Test
    void recordsClipLongTextsAndKeepTheChainShort() {
        String long500 = "é".repeat(500);
        assertThat(HandoverRecord.clip(long500)
                        .codePointCount(0, HandoverRecord.clip(long500).length()))
                .isEqualTo(HandoverRecord.MAX_TEXT);
        assertThatThrownBy(() -> new HandoverRecord.Action("action-1", Optional.empty(), AT, long500))
                .hasMessageContaining("clip() them first");
    }

    @Test
    void aLimitTooSmallForTheTrailerIsRefused() {
        HandoverNote note = randomNote(new Random(5), 20);
        assertThatThrownBy(() -> NoteRenderer.render(note, NoteFormat.PLAIN_TEXT, 300))
                .hasMessageContaining("cannot hold the handover's");
    }
}
