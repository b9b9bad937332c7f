package dev.handover.core.rule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.core.calendar.Availability;
import dev.handover.core.calendar.BusinessCalendar;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Channel;
import dev.handover.spi.model.Customer;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.TicketPriority;
import dev.handover.spi.model.TicketStatus;
import dev.handover.spi.model.Version;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Conditions agree with an independent oracle on random tickets, and composition obeys Boolean algebra. Seeded, so a
 * failure names a seed that reproduces it.
 */
final class ConditionRandomizedTest {
    private static final Instant NOW = Instant.parse("2026-03-09T12:00:00Z");
    private static final String[] TAGS = {"vip", "refund", "complaint", "billing", "urgent-callback"};
    private static final String[] SUBJECTS = {
        "Refund not received", "Très déçu du service", "Beschwerde: Lieferung", "Thank you so much!",
        "Cannot log in", "Queja formal", "Order ORD-1 late", "Excellent help, well done"
    };
    private static final Channel[] CHANNELS = {Channel.EMAIL, Channel.WEB, Channel.PHONE, Channel.CHAT};
    private static final String[] TIERS = {"standard", "gold", "platinum", ""};

    /** A leaf condition and its oracle, written independently of the condition's code. */
    private record Leaf(Condition condition, Predicate<Ticket> oracle) {}

    private static List<Leaf> leaves() {
        List<Leaf> l = new ArrayList<>();
        l.add(new Leaf(
                Condition.status(TicketStatus.OPEN, TicketStatus.PENDING),
                t -> t.status() == TicketStatus.OPEN || t.status() == TicketStatus.PENDING));
        l.add(new Leaf(
                Condition.priorityAtLeast(TicketPriority.HIGH),
                t -> t.priority() == TicketPriority.HIGH || t.priority() == TicketPriority.URGENT));
        for (String tag : TAGS) {
            l.add(new Leaf(Condition.tag(tag), t -> t.tags().contains(tag)));
        }
        l.add(new Leaf(
                Condition.channel(Channel.PHONE, Channel.CHAT),
                t -> t.channel().equals(Channel.PHONE) || t.channel().equals(Channel.CHAT)));
        l.add(new Leaf(
                Condition.field("refund_amount", Condition.Comparison.ABOVE, "100"),
                t -> t.customFields().containsKey("refund_amount")
                        && new BigDecimal(t.customFields().get("refund_amount")).compareTo(new BigDecimal(100)) > 0));
        l.add(new Leaf(
                Condition.field("refund_amount", Condition.Comparison.ABSENT, ""),
                t -> !t.customFields().containsKey("refund_amount")));
        l.add(new Leaf(
                Condition.customerTier("gold", "platinum"),
                t -> t.requester().tier().equals("gold") || t.requester().tier().equals("platinum")));
        l.add(new Leaf(Condition.keywords("refund"), t -> words(t).contains(" refund ")));
        l.add(new Leaf(
                Condition.keywords("decu", "beschwerde"),
                t -> words(t).contains(" decu ") || words(t).contains(" beschwerde ")));
        l.add(new Leaf(
                Condition.category("complaint"),
                t -> t.tags().contains("complaint")
                        || "complaint".equals(t.customFields().get("category"))));
        l.add(new Leaf(Condition.unassigned(), t -> t.assignee().isEmpty()));
        l.add(new Leaf(
                Condition.inGroup(GroupId.of("g1")),
                t -> t.group().map(g -> g.value().equals("g1")).orElse(false)));
        l.add(new Leaf(Condition.reopenedAtLeast(2), t -> t.reopens() >= 2));
        return l;
    }

    /** The oracle's own normalization: strip accents and punctuation, lower case, pad. */
    private static String words(Ticket t) {
        String s = (t.subject() + " \u0000 " + t.description()).toLowerCase(Locale.ROOT);
        s = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        StringBuilder sb = new StringBuilder(" ");
        for (char c : s.toCharArray()) {
            sb.append(Character.isLetterOrDigit(c) ? c : ' ');
        }
        return sb.append(' ').toString().replaceAll(" +", " ");
    }

    private static Ticket randomTicket(Random r, int n) {
        Ticket.Builder b = Ticket.builder(TicketId.of(Integer.toString(n)))
                .subject(SUBJECTS[r.nextInt(SUBJECTS.length)])
                .description(r.nextBoolean() ? "Please refund me." : "Nothing else to add.")
                .status(TicketStatus.values()[r.nextInt(TicketStatus.values().length)])
                .priority(TicketPriority.values()[r.nextInt(4)])
                .channel(CHANNELS[r.nextInt(CHANNELS.length)])
                .requester(
                        Customer.builder().tier(TIERS[r.nextInt(TIERS.length)]).build())
                .reopens(r.nextInt(4))
                .createdAt(NOW.minusSeconds(3600))
                .version(Version.of("v"));
        for (String tag : TAGS) {
            if (r.nextInt(3) == 0) {
                b.tag(tag);
            }
        }
        if (r.nextBoolean()) {
            b.customField("refund_amount", Integer.toString(r.nextInt(300)));
        }
        if (r.nextInt(4) == 0) {
            b.customField("category", r.nextBoolean() ? "complaint" : "billing");
        }
        if (r.nextInt(3) > 0) {
            b.assignee(AgentId.of("a" + r.nextInt(3)));
        }
        if (r.nextBoolean()) {
            b.group(GroupId.of("g" + r.nextInt(3)));
        }
        return b.build();
    }

    private record Tree(Condition condition, Predicate<Ticket> oracle) {}

    private static Tree randomTree(Random r, List<Leaf> leaves, int depth) {
        if (depth == 0 || r.nextInt(3) == 0) {
            Leaf leaf = leaves.get(r.nextInt(leaves.size()));
            return new Tree(leaf.condition(), leaf.oracle());
        }
        Tree a = randomTree(r, leaves, depth - 1);
        Tree b = randomTree(r, leaves, depth - 1);
        return switch (r.nextInt(3)) {
            case 0 -> new Tree(a.condition().and(b.condition()), a.oracle().and(b.oracle()));
            case 1 -> new Tree(a.condition().or(b.condition()), a.oracle().or(b.oracle()));
            default -> new Tree(a.condition().negate(), a.oracle().negate());
        };
    }

    private static RuleContext context(Ticket t) {
        return RuleContext.of(
                t,
                NOW,
                Directory.empty(),
                new Availability(a -> BusinessCalendar.always(), false),
                Workload.NONE,
                BusinessCalendar.always());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 2026})
    void randomConditionsAgreeWithTheOracle(long seed) {
        Random r = new Random(seed);
        List<Leaf> leaves = leaves();
        for (int i = 0; i < 300; i++) {
            Tree tree = randomTree(r, leaves, 4);
            for (int j = 0; j < 20; j++) {
                Ticket t = randomTicket(r, i * 100 + j);
                assertThat(tree.condition().test(context(t)))
                        .as("seed %d: %s on %s", seed, tree.condition().describe(), t)
                        .isEqualTo(tree.oracle().test(t));
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {7, 8, 9})
    void compositionObeysDeMorganAndDoubleNegation(long seed) {
        Random r = new Random(seed);
        List<Leaf> leaves = leaves();
        for (int i = 0; i < 500; i++) {
            Condition a = randomTree(r, leaves, 2).condition();
            Condition b = randomTree(r, leaves, 2).condition();
            RuleContext ctx = context(randomTicket(r, i));
            assertThat(a.and(b).negate().test(ctx))
                    .isEqualTo(a.negate().or(b.negate()).test(ctx));
            assertThat(a.or(b).negate().test(ctx))
                    .isEqualTo(a.negate().and(b.negate()).test(ctx));
            assertThat(a.negate().negate().test(ctx)).isEqualTo(a.test(ctx));
            assertThat(Condition.always().and(a).test(ctx)).isEqualTo(a.test(ctx));
        }
    }
}
