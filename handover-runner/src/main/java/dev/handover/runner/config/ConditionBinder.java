package dev.handover.runner.config;

import dev.handover.core.rule.AuthorityLimit;
import dev.handover.core.rule.Condition;
import dev.handover.spi.model.Channel;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.TicketPriority;
import dev.handover.spi.model.TicketStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Binds a rule's {@code when:}. A map of conditions means all of them; {@code all}, {@code any} and {@code not}
 * combine; a yes/no condition written {@code false} is negated.
 */
final class ConditionBinder {
    static final List<String> KEYS = List.of(
            "always",
            "all",
            "any",
            "not",
            "open",
            "status",
            "priorityAtLeast",
            "tag",
            "channel",
            "field",
            "customerTier",
            "organization",
            "keywords",
            "category",
            "complaint",
            "compliment",
            "languageNotSpokenByAssignee",
            "assigneeLacksSkill",
            "idleFor",
            "assigneeShiftEndsWithin",
            "assigneeOffShift",
            "assigneeAbsent",
            "assigneeOverloaded",
            "reopenedAtLeast",
            "exceedsAuthority",
            "inGroup",
            "unassigned");

    private static final List<String> COMPARISONS =
            List.of("equals", "notEquals", "above", "atLeast", "below", "present", "absent");

    private final Binder b;
    private final Function<String, Optional<AuthorityLimit>> limits;
    private final List<Reference> references;

    ConditionBinder(Binder b, Function<String, Optional<AuthorityLimit>> limits, List<Reference> references) {
        this.b = b;
        this.limits = limits;
        this.references = references;
    }

    /** The condition, or empty when it has problems (already recorded). */
    Optional<Condition> bind(Node node, String path) {
        if (node instanceof Node.ListNode l) {
            return combine(l.items(), path, true, l.location());
        }
        if (node instanceof Node.ScalarNode sc) {
            b.problem(
                    sc.location(),
                    path,
                    "expected conditions such as { complaint: true }, found " + sc.describe()
                            + Binder.suggestion(sc.text().strip(), new java.util.LinkedHashSet<>(KEYS))
                                    .map(k -> " (did you mean { " + k + ": true }?)")
                                    .orElse(""));
            return Optional.empty();
        }
        Optional<Binder.Section> s = b.section(node, path);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        Binder.Section sec = s.get();
        sec.allow(KEYS.toArray(String[]::new));
        if (sec.keys().isEmpty()) {
            b.problem(sec.location(), path, "expected at least one condition, such as complaint: true");
            return Optional.empty();
        }
        List<Condition> parts = new ArrayList<>();
        boolean ok = true;
        for (String key : sec.keys()) {
            if (!KEYS.contains(key)) {
                ok = false;
                continue;
            }
            Optional<Condition> c = one(sec, key);
            if (c.isPresent()) {
                parts.add(c.get());
            } else {
                ok = false;
            }
        }
        if (!ok) {
            return Optional.empty();
        }
        return Optional.of(parts.size() == 1 ? parts.get(0) : Condition.all(parts.toArray(Condition[]::new)));
    }

    private Optional<Condition> combine(List<Node> items, String path, boolean all, Location at) {
        if (items.isEmpty()) {
            b.problem(at, path, "expected at least one condition");
            return Optional.empty();
        }
        List<Condition> parts = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < items.size(); i++) {
            Optional<Condition> c = bind(items.get(i), path + "[" + i + "]");
            c.ifPresent(parts::add);
            ok &= c.isPresent();
        }
        if (!ok) {
            return Optional.empty();
        }
        Condition[] array = parts.toArray(Condition[]::new);
        return Optional.of(all ? Condition.all(array) : Condition.any(array));
    }

    private Optional<Condition> one(Binder.Section s, String key) {
        Node value = s.get(key).orElse(null);
        String path = s.path(key);
        if (value == null) {
            b.problem(s.at(key), path, "expected a value for the condition, found nothing");
            return Optional.empty();
        }
        return switch (key) {
            case "always" -> flag(s, key, Condition.always());
            case "all", "any" -> {
                if (value instanceof Node.ListNode l) {
                    yield combine(l.items(), path, key.equals("all"), l.location());
                }
                b.problem(value.location(), path, "expected a list of conditions, found " + value.describe());
                yield Optional.empty();
            }
            case "not" -> bind(value, path).map(Condition::not);
            case "open" -> flag(s, key, Condition.open());
            case "status" ->
                enums(s, key, TicketStatus.class).map(v -> Condition.status(v.toArray(TicketStatus[]::new)));
            case "priorityAtLeast" -> s.choice(key, TicketPriority.class).map(Condition::priorityAtLeast);
            case "tag" ->
                nonEmpty(s, key)
                        .map(tags -> tags.size() == 1
                                ? Condition.tag(tags.get(0))
                                : Condition.any(
                                        tags.stream().map(Condition::tag).toArray(Condition[]::new)));
            case "channel" -> channels(s, key);
            case "field" -> field(value, path);
            case "customerTier" -> nonEmpty(s, key).map(v -> Condition.customerTier(v.toArray(String[]::new)));
            case "organization" -> nonEmpty(s, key).map(v -> Condition.customerOrganization(v.toArray(String[]::new)));
            case "keywords" -> keywords(value, path);
            case "category" -> s.string(key).map(Condition::category);
            case "complaint" -> flag(s, key, Condition.complaint());
            case "compliment" -> flag(s, key, Condition.compliment());
            case "languageNotSpokenByAssignee" -> flag(s, key, Condition.languageNotSpokenByAssignee());
            case "assigneeLacksSkill" -> s.string(key).map(Condition::assigneeLacksSkill);
            case "idleFor" -> positive(s, key).map(Condition::idleFor);
            case "assigneeShiftEndsWithin" -> positive(s, key).map(Condition::assigneeShiftEndsWithin);
            case "assigneeOffShift" -> flag(s, key, Condition.assigneeOffShift());
            case "assigneeAbsent" -> flag(s, key, Condition.assigneeAbsent());
            case "assigneeOverloaded" -> share(s, key).map(Condition::assigneeOverloaded);
            case "reopenedAtLeast" -> s.integer(key, 1, 1000).map(Condition::reopenedAtLeast);
            case "exceedsAuthority" ->
                s.string(key).flatMap(name -> {
                    Optional<AuthorityLimit> l = limits.apply(name);
                    if (l.isEmpty()) {
                        b.problem(
                                value.location(),
                                path,
                                "no authority limit '" + name + "' is defined under policy.authorityLimits");
                    }
                    return l.map(Condition::exceedsAuthority);
                });
            case "inGroup" ->
                s.string(key).map(id -> {
                    references.add(new Reference(Reference.Kind.GROUP, id, value.location(), path));
                    return Condition.inGroup(GroupId.of(id));
                });
            case "unassigned" -> flag(s, key, Condition.unassigned());
            default -> Optional.empty();
        };
    }

    /** {@code complaint: true}, or {@code complaint: false} for its negation. */
    private Optional<Condition> flag(Binder.Section s, String key, Condition c) {
        return s.bool(key).map(yes -> yes ? c : Condition.not(c));
    }

    private Optional<List<String>> nonEmpty(Binder.Section s, String key) {
        List<String> v = s.strings(key);
        if (v.isEmpty()) {
            b.problem(s.at(key), s.path(key), "expected one or more values");
            return Optional.empty();
        }
        return Optional.of(v);
    }

    private <E extends Enum<E>> Optional<List<E>> enums(Binder.Section s, String key, Class<E> type) {
        Optional<List<String>> raw = nonEmpty(s, key);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        List<E> out = new ArrayList<>();
        Location at = s.get(key).orElseThrow().location();
        for (String v : raw.get()) {
            b.parseChoice(v, type, at, s.path(key)).ifPresent(out::add);
        }
        return out.size() == raw.get().size() ? Optional.of(out) : Optional.empty();
    }

    private Optional<Condition> channels(Binder.Section s, String key) {
        Optional<List<String>> raw = nonEmpty(s, key);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Condition.channel(raw.get().stream()
                    .map(c -> new Channel(c.toLowerCase(java.util.Locale.ROOT)))
                    .toArray(Channel[]::new)));
        } catch (IllegalArgumentException e) {
            b.problem(s.get(key).orElseThrow().location(), s.path(key), e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<Duration> positive(Binder.Section s, String key) {
        return s.duration(key).filter(d -> {
            if (d.isZero()) {
                b.problem(s.get(key).orElseThrow().location(), s.path(key), "expected a duration above zero");
            }
            return !d.isZero();
        });
    }

    /** {@code 0.9} or {@code 90%}. */
    private Optional<Double> share(Binder.Section s, String key) {
        return s.string(key).flatMap(raw -> {
            String v = raw.strip();
            try {
                double share = v.endsWith("%")
                        ? Double.parseDouble(v.substring(0, v.length() - 1).strip()) / 100
                        : Double.parseDouble(v);
                if (share > 0 && share <= 10) {
                    return Optional.of(share);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            b.problem(
                    s.get(key).orElseThrow().location(),
                    s.path(key),
                    "expected a share of capacity such as 0.9 or 90%, found '" + raw + "'");
            return Optional.empty();
        });
    }

    /** {@code field: {name: refund_amount, above: 100}}. */
    private Optional<Condition> field(Node value, String path) {
        Optional<Binder.Section> s = b.section(value, path);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        Binder.Section f = s.get();
        List<String> allowed = new ArrayList<>(COMPARISONS);
        allowed.add(0, "name");
        f.allow(allowed.toArray(String[]::new));
        Optional<String> name = f.required("name", "the custom field's name");
        List<String> given = COMPARISONS.stream().filter(f.keys()::contains).toList();
        if (given.size() != 1) {
            b.problem(
                    f.location(),
                    path,
                    "expected exactly one comparison of " + String.join(", ", COMPARISONS) + ", found "
                            + (given.isEmpty() ? "none" : String.join(" and ", given)));
            return Optional.empty();
        }
        String cmp = given.get(0);
        Condition.Comparison comparison = switch (cmp) {
            case "equals" -> Condition.Comparison.EQUALS;
            case "notEquals" -> Condition.Comparison.NOT_EQUALS;
            case "above" -> Condition.Comparison.ABOVE;
            case "atLeast" -> Condition.Comparison.AT_LEAST;
            case "below" -> Condition.Comparison.BELOW;
            case "present" -> Condition.Comparison.PRESENT;
            default -> Condition.Comparison.ABSENT;
        };
        String operand = "";
        if (comparison.needsValue()) {
            Optional<String> v = f.string(cmp);
            if (v.isEmpty()) {
                b.problem(f.at(cmp), f.path(cmp), "expected a value to compare with");
                return Optional.empty();
            }
            operand = v.get().strip();
            if (comparison.isNumeric()) {
                try {
                    new java.math.BigDecimal(operand);
                } catch (NumberFormatException e) {
                    b.problem(f.at(cmp), f.path(cmp), "expected a number, found '" + operand + "'");
                    return Optional.empty();
                }
            }
        } else if (!f.bool(cmp, true)) {
            comparison = comparison == Condition.Comparison.PRESENT
                    ? Condition.Comparison.ABSENT
                    : Condition.Comparison.PRESENT;
        }
        if (name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Condition.field(name.get(), comparison, operand));
    }

    /** {@code keywords: [refund, chargeback]} or {@code keywords: {in: subject, phrases: [...]}}. */
    private Optional<Condition> keywords(Node value, String path) {
        if (!(value instanceof Node.MapNode)) {
            List<String> phrases = b.scalars(value, path);
            if (phrases.isEmpty()) {
                b.problem(value.location(), path, "expected one or more words or phrases");
                return Optional.empty();
            }
            return Optional.of(Condition.keywords(phrases.toArray(String[]::new)));
        }
        Binder.Section k = b.section(value, path).orElseThrow().allow("in", "phrases");
        Condition.TextScope scope = k.string("in")
                .flatMap(v -> b.parseChoice(
                        v, Condition.TextScope.class, k.get("in").orElseThrow().location(), k.path("in")))
                .orElse(Condition.TextScope.SUBJECT_OR_DESCRIPTION);
        List<String> phrases = k.strings("phrases");
        if (phrases.isEmpty()) {
            b.problem(k.at("phrases"), k.path("phrases"), "expected one or more words or phrases");
            return Optional.empty();
        }
        return Optional.of(Condition.keywords(scope, phrases.toArray(String[]::new)));
    }
}
