package dev.handover.runner.config;

import dev.handover.core.calendar.BusinessCalendar;
import dev.handover.core.calendar.Holiday;
import dev.handover.core.calendar.ICalendarHolidays;
import dev.handover.core.note.NoteSection;
import dev.handover.core.notice.CustomerNotices;
import dev.handover.core.notice.NoticeRegister;
import dev.handover.core.notice.NoticeTemplate;
import dev.handover.core.policy.ActionOwner;
import dev.handover.core.policy.EscalationStep;
import dev.handover.core.policy.ExchangeMethod;
import dev.handover.core.policy.FollowUpMessages;
import dev.handover.core.policy.HandoverPolicy;
import dev.handover.core.policy.HandoverReason;
import dev.handover.core.policy.HandoverRule;
import dev.handover.core.policy.IncompleteNotes;
import dev.handover.core.policy.NoticeNaming;
import dev.handover.core.policy.OffHoursDeadlines;
import dev.handover.core.policy.ReminderPolicy;
import dev.handover.core.routing.Target;
import dev.handover.core.rule.AuthorityLimit;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.Shift;
import dev.handover.spi.model.TicketPriority;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** Binds the {@code policy:} section to a {@link HandoverPolicy}. */
final class PolicyBinder {
    private static final java.util.regex.Pattern RULE_ID = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final Set<String> TARGET_WORDS = Set.of("line-manager", "next-shift", "original-owner", "approver");

    private final Binder b;
    private final Path baseDir;
    private final int untilYear;
    private final List<Reference> references;
    private final Map<String, HandoverReason> reasons = new LinkedHashMap<>();
    private final Map<String, AuthorityLimit> limits = new LinkedHashMap<>();
    private final Set<String> reminderPolicies = new LinkedHashSet<>();
    private final List<Holiday> holidays = new ArrayList<>();

    PolicyBinder(Binder b, Path baseDir, int untilYear, List<Reference> references) {
        this.b = b;
        this.baseDir = baseDir;
        this.untilYear = untilYear;
        this.references = references;
        HandoverReason.BUILT_IN.forEach(r -> reasons.put(r.code(), r));
        reminderPolicies.add(ReminderPolicy.STANDARD.name());
    }

    /** The policy, or empty when a problem was recorded. */
    Optional<HandoverPolicy> bind(Binder.Section p) {
        p.allow(
                "name",
                "calendar",
                "teamCalendars",
                "holidays",
                "reasons",
                "authorityLimits",
                "reminderPolicies",
                "notices",
                "notes",
                "pingPongWindow",
                "offHoursDeadlines",
                "receiverStayMargin",
                "messages",
                "rules");
        HandoverPolicy.Builder policy = HandoverPolicy.builder();
        attempt(p.location(), p.path("name"), () -> p.string("name").map(policy::name));
        p.section("holidays").ifPresent(this::holidays);
        attempt(p.location(), p.path("holidays"), () -> policy.holidays(holidays));
        p.section("calendar").flatMap(this::calendar).ifPresent(policy::defaultCalendar);
        p.section("teamCalendars").ifPresent(tc -> {
            for (String team : tc.keys()) {
                tc.section(team).flatMap(this::calendar).ifPresent(c -> {
                    references.add(new Reference(Reference.Kind.GROUP, team, tc.at(team), tc.path(team)));
                    attempt(tc.at(team), tc.path(team), () -> policy.teamCalendar(GroupId.of(team), c));
                });
            }
        });
        p.section("reasons").ifPresent(rs -> {
            for (String code : rs.keys()) {
                rs.section(code).ifPresent(r -> {
                    r.allow("label", "why");
                    Optional<String> label = r.required("label", "how the reason is named in notes and reports");
                    Optional<String> why = r.required("why", "one sentence on when this reason applies");
                    if (label.isPresent() && why.isPresent()) {
                        attempt(rs.at(code), rs.path(code), () -> {
                            HandoverReason reason = HandoverReason.custom(code, label.get(), why.get());
                            reasons.put(code, reason);
                            return policy.reason(reason);
                        });
                    }
                });
            }
        });
        p.section("authorityLimits").ifPresent(ls -> {
            for (String name : ls.keys()) {
                ls.section(name).flatMap(l -> limit(name, l)).ifPresent(l -> {
                    limits.put(name, l);
                    attempt(ls.at(name), ls.path(name), () -> policy.authorityLimit(l));
                });
            }
        });
        p.section("reminderPolicies").ifPresent(rp -> {
            for (String name : rp.keys()) {
                rp.section(name).flatMap(r -> reminderPolicy(name, r)).ifPresent(r -> {
                    reminderPolicies.add(name);
                    attempt(rp.at(name), rp.path(name), () -> policy.reminderPolicy(r));
                });
            }
        });
        p.section("notices").ifPresent(n -> {
            n.allow("defaultLanguage", "naming", "templates", "phrases", "register");
            n.choice("naming", NoticeNaming.class).ifPresent(policy::noticeNaming);
            notices(n).ifPresent(policy::notices);
        });
        p.section("notes").ifPresent(n -> {
            n.allow("required", "incomplete", "historyComments");
            if (n.has("required")) {
                Location at = n.get("required").orElseThrow().location();
                Set<NoteSection> required = EnumSet.noneOf(NoteSection.class);
                for (String s : n.strings("required")) {
                    b.parseChoice(s, NoteSection.class, at, n.path("required")).ifPresent(required::add);
                }
                attempt(at, n.path("required"), () -> policy.requiredSections(required));
            }
            n.choice("incomplete", IncompleteNotes.class).ifPresent(policy::incompleteNotes);
            n.integer("historyComments", 0, 50).ifPresent(policy::historyComments);
        });
        p.duration("pingPongWindow").ifPresent(policy::pingPongWindow);
        p.choice("offHoursDeadlines", OffHoursDeadlines.class).ifPresent(policy::offHoursDeadlines);
        p.string("receiverStayMargin").ifPresent(v -> {
            if (v.strip().equalsIgnoreCase("none")) {
                policy.noReceiverStayCheck();
            } else {
                p.duration("receiverStayMargin").ifPresent(policy::receiverStayMargin);
            }
        });
        p.section("messages").ifPresent(m -> messages(m).ifPresent(policy::followUpMessages));
        rules(p, policy);
        if (!b.problems.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(policy.build());
        } catch (IllegalArgumentException | IllegalStateException e) {
            b.problem(p.location(), p.path, e.getMessage());
            return Optional.empty();
        }
    }

    private void rules(Binder.Section p, HandoverPolicy.Builder policy) {
        List<Node> rules = p.list("rules", "rules");
        if (rules.isEmpty() && !(p.get("rules").orElse(null) instanceof Node.MapNode)) {
            b.problem(
                    p.at("rules"),
                    p.path("rules"),
                    "expected at least one rule: a policy without rules hands nothing" + " over");
        }
        Map<String, Location> ids = new LinkedHashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            String path = p.path("rules") + "[" + i + "]";
            Optional<Binder.Section> rs = b.section(rules.get(i), path);
            if (rs.isEmpty()) {
                continue;
            }
            Binder.Section r = rs.get();
            Optional<String> id = r.required("id", "a lower-case name such as complaint-to-lead");
            if (id.isPresent() && !RULE_ID.matcher(id.get()).matches()) {
                b.problem(
                        r.at("id"),
                        r.path("id"),
                        "expected 1–40 lower-case letters, digits or hyphens such as" + " complaint-to-lead, found '"
                                + id.get() + "'");
                id = Optional.empty();
            } else if (id.isPresent() && ids.containsKey(id.get())) {
                Location first = ids.get(id.get());
                b.problem(
                        r.at("id"),
                        r.path("id"),
                        "rule id '" + id.get() + "' is used by an earlier rule (at " + first.line() + ":"
                                + first.column() + "); every rule needs its own id");
                // bound to find its own problems, but not added: the engine would report the same id again
                rule(r, id.get());
                continue;
            }
            id.ifPresent(x -> ids.put(x, r.at("id")));
            rule(r, id.orElse("rule-" + i)).ifPresent(rule -> attempt(r.location(), path, () -> policy.rule(rule)));
        }
    }

    private Optional<HandoverRule> rule(Binder.Section r, String id) {
        r.allow(
                "id",
                "description",
                "order",
                "when",
                "reason",
                "to",
                "orElse",
                "receiver",
                "actions",
                "acknowledgeWithin",
                "reminders",
                "notifyCustomer",
                "notice",
                "exchange",
                "nextContactWithin",
                "repeatable",
                "allowHandBack",
                "overriding");
        int before = b.problems.size();
        HandoverRule.Builder rule;
        try {
            rule = HandoverRule.builder(id);
        } catch (IllegalArgumentException e) {
            b.problem(r.at("id"), r.path("id"), e.getMessage());
            return Optional.empty();
        }
        r.string("description")
                .ifPresent(d -> attempt(r.at("description"), r.path("description"), () -> rule.description(d)));
        r.integer("order", -100_000, 100_000).ifPresent(rule::order);
        if (r.has("when")) {
            new ConditionBinder(b, n -> Optional.ofNullable(limits.get(n)), references)
                    .bind(r.get("when").orElseThrow(), r.path("when"))
                    .ifPresent(rule::when);
        } else {
            b.problem(r.location(), r.path("when"), "is required: the condition under which the rule hands over");
        }
        r.required("reason", "a reason code such as complaint or shift-change").ifPresent(code -> {
            HandoverReason reason = reasons.get(code);
            if (reason == null) {
                b.problem(
                        r.at("reason"),
                        r.path("reason"),
                        "unknown reason '" + code + "'"
                                + Binder.suggestion(code, reasons.keySet())
                                        .map(s -> " (did you mean '" + s + "'?)")
                                        .orElse("; define it under policy.reasons or use one of "
                                                + String.join(", ", reasons.keySet())));
            } else {
                rule.reason(reason);
            }
        });
        if (r.has("to")) {
            target(r.get("to").orElseThrow(), r.path("to")).ifPresent(rule::to);
        } else {
            b.problem(
                    r.location(),
                    r.path("to"),
                    "is required: to whom the ticket goes (line-manager, next-shift,"
                            + " original-owner, {agent: ID}, {group: ID}, {bestAvailable: {group: ID}}, {nextShift: ID})");
        }
        List<Node> orElse = r.list("orElse", "targets");
        for (int i = 0; i < orElse.size(); i++) {
            target(orElse.get(i), r.path("orElse") + "[" + i + "]").ifPresent(rule::orElse);
        }
        r.section("receiver").ifPresent(rc -> {
            rc.allow("language", "skills", "capacity", "availableWithin", "authority");
            rc.bool("authority").ifPresent(rule::requireAuthority);
            rc.bool("language").ifPresent(rule::requireLanguage);
            List<String> skills = rc.strings("skills");
            if (!skills.isEmpty()) {
                attempt(rc.at("skills"), rc.path("skills"), () -> rule.requireSkills(skills.toArray(String[]::new)));
            }
            rc.bool("capacity").ifPresent(rule::requireCapacity);
            rc.duration("availableWithin")
                    .ifPresent(d -> attempt(
                            rc.at("availableWithin"), rc.path("availableWithin"), () -> rule.availableWithin(d)));
        });
        List<Node> actions = r.list("actions", "actions");
        for (int i = 0; i < actions.size(); i++) {
            String path = r.path("actions") + "[" + i + "]";
            b.section(actions.get(i), path).ifPresent(a -> {
                a.allow("do", "owner", "within");
                Optional<String> what = a.required("do", "what must be done, such as 'Call the customer back'");
                ActionOwner owner = a.choice("owner", ActionOwner.class).orElse(ActionOwner.RECEIVER);
                Optional<Duration> within = a.duration("within");
                if (!a.has("within")) {
                    b.problem(
                            a.location(),
                            a.path("within"),
                            "is required: the business time the action is due" + " within, such as 2h");
                }
                if (what.isPresent() && within.isPresent()) {
                    attempt(a.location(), path, () -> rule.action(what.get(), owner, within.get()));
                }
            });
        }
        r.string("acknowledgeWithin").ifPresent(v -> {
            if (v.strip().equalsIgnoreCase("none") || v.strip().equalsIgnoreCase("false")) {
                rule.noAcknowledgement();
            } else {
                r.duration("acknowledgeWithin")
                        .ifPresent(d -> attempt(
                                r.at("acknowledgeWithin"),
                                r.path("acknowledgeWithin"),
                                () -> rule.acknowledgeWithin(d)));
            }
        });
        r.string("reminders").ifPresent(name -> {
            if (!reminderPolicies.contains(name)) {
                b.problem(
                        r.at("reminders"),
                        r.path("reminders"),
                        "no reminder policy '" + name + "'"
                                + Binder.suggestion(name, reminderPolicies)
                                        .map(s -> " (did you mean '" + s + "'?)")
                                        .orElse("; defined: " + String.join(", ", reminderPolicies)));
            } else {
                rule.reminders(name);
            }
        });
        r.bool("notifyCustomer").ifPresent(rule::notifyCustomer);
        r.section("notice").ifPresent(n -> {
            n.allow("defaultLanguage", "templates", "phrases", "register");
            notices(n).ifPresent(rule::notifyCustomer);
        });
        r.choice("exchange", ExchangeMethod.class).ifPresent(rule::exchange);
        r.duration("nextContactWithin")
                .ifPresent(d -> attempt(
                        r.at("nextContactWithin"), r.path("nextContactWithin"), () -> rule.nextContactWithin(d)));
        if (r.bool("repeatable", false)) {
            rule.repeatable();
        }
        if (r.bool("overriding", false)) {
            rule.overriding();
        }
        if (r.bool("allowHandBack", false)) {
            rule.allowHandBack();
        }
        if (b.problems.size() > before) {
            return Optional.empty();
        }
        try {
            return Optional.of(rule.build());
        } catch (IllegalArgumentException | IllegalStateException | NullPointerException e) {
            b.problem(r.location(), r.path, e.getMessage());
            return Optional.empty();
        }
    }

    /** A scalar ({@code line-manager}) or a one-key map ({@code agent: 123}). */
    private Optional<Target> target(Node node, String path) {
        String expected = "line-manager, next-shift, original-owner, approver, {agent: ID}, {group: ID},"
                + " {bestAvailable: {group: ID, skills: [...]}}, {nextShift: GROUP-ID} or {approver: GROUP-ID}";
        if (node instanceof Node.ScalarNode s) {
            String v = s.text().strip();
            return switch (v) {
                case "line-manager" -> Optional.of(Target.lineManager());
                case "next-shift" -> Optional.of(Target.nextShift());
                case "original-owner" -> Optional.of(Target.originalOwner());
                case "approver" -> Optional.of(Target.approver());
                default -> {
                    b.problem(
                            s.location(),
                            path,
                            "expected " + expected + ", found '" + v + "'"
                                    + Binder.suggestion(v, TARGET_WORDS)
                                            .map(x -> " (did you mean '" + x + "'?)")
                                            .orElse(""));
                    yield Optional.empty();
                }
            };
        }
        Optional<Binder.Section> ms = b.section(node, path);
        if (ms.isEmpty()) {
            return Optional.empty();
        }
        Binder.Section m = ms.get();
        m.allow("agent", "group", "bestAvailable", "nextShift", "approver");
        if (m.keys().size() != 1) {
            b.problem(m.location(), path, "expected exactly one target: " + expected);
            return Optional.empty();
        }
        String kind = m.keys().iterator().next();
        switch (kind) {
            case "agent" -> {
                return m.string("agent").map(id -> {
                    references.add(new Reference(Reference.Kind.AGENT, id, m.at("agent"), m.path("agent")));
                    return Target.agent(AgentId.of(id));
                });
            }
            case "group" -> {
                return m.string("group").map(id -> {
                    references.add(new Reference(Reference.Kind.GROUP, id, m.at("group"), m.path("group")));
                    return Target.group(GroupId.of(id));
                });
            }
            case "approver" -> {
                return m.string("approver").map(id -> {
                    references.add(new Reference(Reference.Kind.GROUP, id, m.at("approver"), m.path("approver")));
                    return Target.approver(GroupId.of(id));
                });
            }
            case "nextShift" -> {
                return m.string("nextShift").map(id -> {
                    references.add(new Reference(Reference.Kind.GROUP, id, m.at("nextShift"), m.path("nextShift")));
                    return Target.nextShift(GroupId.of(id));
                });
            }
            case "bestAvailable" -> {
                Node v = m.get("bestAvailable").orElse(null);
                if (v instanceof Node.ScalarNode s) {
                    references.add(new Reference(Reference.Kind.GROUP, s.text(), s.location(), m.path(kind)));
                    return Optional.of(Target.bestAvailable(GroupId.of(s.text().strip())));
                }
                return m.section("bestAvailable").flatMap(ba -> {
                    ba.allow("group", "skills");
                    List<String> skills = ba.strings("skills");
                    return ba.required("group", "the group to choose from").map(g -> {
                        references.add(new Reference(Reference.Kind.GROUP, g, ba.at("group"), ba.path("group")));
                        return Target.bestAvailable(GroupId.of(g), skills.toArray(String[]::new));
                    });
                });
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private Optional<BusinessCalendar> calendar(Binder.Section c) {
        c.allow("zone", "hours");
        Optional<ZoneId> zone = c.required("zone", "a time zone such as Europe/Berlin")
                .flatMap(z -> b.zone(z, c.at("zone"), c.path("zone")));
        List<String> hours = c.strings("hours");
        if (hours.isEmpty() && !c.keys().contains("hours")) {
            b.problem(c.location(), c.path("hours"), "is required: " + Hours.EXPECTED);
        }
        List<Shift> shifts = new ArrayList<>();
        List<Location> where = Hours.locations(c.get("hours"), hours.size(), c.location());
        for (int i = 0; i < hours.size(); i++) {
            Hours.parse(hours.get(i), where.get(i), c.path("hours"), b).ifPresent(shifts::add);
        }
        if (zone.isEmpty() || shifts.size() != hours.size() || shifts.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(BusinessCalendar.of(
                zone.get(), shifts, holidays.stream().map(Holiday::date).toList()));
    }

    private void holidays(Binder.Section h) {
        h.allow("dates", "ical");
        List<Node> dates = h.list("dates", "dates");
        for (int i = 0; i < dates.size(); i++) {
            String path = h.path("dates") + "[" + i + "]";
            Node n = dates.get(i);
            if (n instanceof Node.ScalarNode s) {
                date(s.text(), s.location(), path).ifPresent(d -> holidays.add(new Holiday(d, "holiday")));
            } else {
                b.section(n, path).ifPresent(d -> {
                    d.allow("date", "name");
                    Optional<String> name = d.string("name");
                    d.required("date", "a date such as 2026-12-25")
                            .flatMap(v -> date(v, d.at("date"), d.path("date")))
                            .ifPresent(day -> holidays.add(new Holiday(day, name.orElse("holiday"))));
                });
            }
        }
        for (String file : h.strings("ical")) {
            Path f = baseDir.resolve(file);
            try (Reader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                holidays.addAll(ICalendarHolidays.read(in, file, untilYear));
            } catch (IOException e) {
                b.problem(
                        h.at("ical"),
                        h.path("ical"),
                        "the holiday calendar " + f + " cannot be read: " + e.getMessage());
            } catch (IllegalArgumentException e) {
                b.problem(h.at("ical"), h.path("ical"), e.getMessage());
            }
        }
    }

    private Optional<LocalDate> date(String raw, Location at, String path) {
        try {
            return Optional.of(LocalDate.parse(raw.strip()));
        } catch (DateTimeParseException e) {
            b.problem(at, path, "expected a date like 2026-12-25, found '" + raw + "'");
            return Optional.empty();
        }
    }

    private Optional<AuthorityLimit> limit(String name, Binder.Section l) {
        l.allow("field", "unit", "ceilings");
        Optional<String> field = l.required("field", "the ticket field holding the amount");
        String unit = l.string("unit", "");
        Map<String, BigDecimal> ceilings = new LinkedHashMap<>();
        Optional<Binder.Section> cs = l.section("ceilings");
        if (cs.isEmpty()) {
            b.problem(
                    l.location(),
                    l.path("ceilings"),
                    "is required: the highest amount per role, such as" + " {agent: 50, lead: 500}");
        }
        cs.ifPresent(c -> {
            for (String role : c.keys()) {
                c.string(role).ifPresent(v -> {
                    try {
                        ceilings.put(role, new BigDecimal(v.strip()));
                    } catch (NumberFormatException e) {
                        b.problem(c.at(role), c.path(role), "expected an amount, found '" + v + "'");
                    }
                });
            }
        });
        if (field.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AuthorityLimit(name, field.get(), unit, ceilings));
        } catch (IllegalArgumentException e) {
            b.problem(l.location(), l.path, e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<ReminderPolicy> reminderPolicy(String name, Binder.Section r) {
        r.allow(
                "remindAfter",
                "retargetAfter",
                "followUpLead",
                "repeatEvery",
                "maxReminders",
                "quietHours",
                "faster",
                "ladder",
                "acknowledgedBy");
        int before = b.problems.size();
        ReminderPolicy.Builder rp;
        try {
            rp = ReminderPolicy.builder(name);
        } catch (IllegalArgumentException e) {
            b.problem(r.location(), r.path, e.getMessage());
            return Optional.empty();
        }
        r.duration("remindAfter")
                .ifPresent(d ->
                        attempt(r.at("remindAfter"), r.path("remindAfter"), () -> rp.acknowledgementReminderAfter(d)));
        r.integer("retargetAfter", 0, 100)
                .ifPresent(n ->
                        attempt(r.at("retargetAfter"), r.path("retargetAfter"), () -> rp.retargetAfterReminders(n)));
        r.duration("followUpLead")
                .ifPresent(d -> attempt(r.at("followUpLead"), r.path("followUpLead"), () -> rp.followUpLead(d)));
        r.duration("repeatEvery")
                .ifPresent(d -> attempt(r.at("repeatEvery"), r.path("repeatEvery"), () -> rp.repeatEvery(d)));
        r.integer("maxReminders", 0, 100)
                .ifPresent(n -> attempt(r.at("maxReminders"), r.path("maxReminders"), () -> rp.maxReminders(n)));
        r.string("quietHours")
                .ifPresent(q -> Hours.window(q, r.at("quietHours"), r.path("quietHours"), b)
                        .ifPresent(w ->
                                attempt(r.at("quietHours"), r.path("quietHours"), () -> rp.quietHours(w[0], w[1]))));
        r.section("faster").ifPresent(f -> {
            for (String p : f.keys()) {
                Optional<TicketPriority> priority = b.parseChoice(p, TicketPriority.class, f.at(p), f.path(p));
                Optional<Double> factor = f.number(p);
                if (priority.isPresent() && factor.isPresent()) {
                    attempt(f.at(p), f.path(p), () -> rp.faster(priority.get(), factor.get()));
                }
            }
        });
        List<Node> ladder = r.list("ladder", "escalation steps");
        List<EscalationStep> steps = new ArrayList<>();
        for (int i = 0; i < ladder.size(); i++) {
            String path = r.path("ladder") + "[" + i + "]";
            b.section(ladder.get(i), path).ifPresent(s -> {
                s.allow("after", "to");
                Optional<Duration> after = s.duration("after");
                if (!s.has("after")) {
                    b.problem(s.location(), s.path("after"), "is required: how long past the deadline, such as 2h");
                }
                if (!s.has("to")) {
                    b.problem(
                            s.location(),
                            s.path("to"),
                            "is required: line-manager, head-of-team, {agent: ID} or" + " {group: ID}");
                }
                after.flatMap(a -> s.get("to").flatMap(to -> step(a, to, s.path("to"))))
                        .ifPresent(steps::add);
            });
        }
        if (!steps.isEmpty()) {
            attempt(r.at("ladder"), r.path("ladder"), () -> rp.ladder(steps.toArray(EscalationStep[]::new)));
        }
        if (r.has("acknowledgedBy")) {
            Location at = r.get("acknowledgedBy").orElseThrow().location();
            List<ReminderPolicy.AcknowledgementSignal> signals = new ArrayList<>();
            for (String s : r.strings("acknowledgedBy")) {
                b.parseChoice(s, ReminderPolicy.AcknowledgementSignal.class, at, r.path("acknowledgedBy"))
                        .ifPresent(signals::add);
            }
            attempt(
                    at,
                    r.path("acknowledgedBy"),
                    () -> rp.implicitAcknowledgement(signals.toArray(ReminderPolicy.AcknowledgementSignal[]::new)));
        }
        if (b.problems.size() > before) {
            return Optional.empty();
        }
        try {
            return Optional.of(rp.build());
        } catch (IllegalArgumentException | IllegalStateException e) {
            b.problem(r.location(), r.path, e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<EscalationStep> step(Duration after, Node to, String path) {
        if (to instanceof Node.ScalarNode s) {
            switch (s.text().strip()) {
                case "line-manager" -> {
                    return Optional.of(EscalationStep.lineManager(after));
                }
                case "head-of-team" -> {
                    return Optional.of(EscalationStep.headOfTeam(after));
                }
                default -> {
                    b.problem(
                            s.location(),
                            path,
                            "expected line-manager, head-of-team, {agent: ID} or {group: ID}," + " found '" + s.text()
                                    + "'");
                    return Optional.empty();
                }
            }
        }
        return b.section(to, path).flatMap(m -> {
            m.allow("agent", "group");
            if (m.keys().size() != 1) {
                b.problem(m.location(), path, "expected exactly one of agent or group");
                return Optional.empty();
            }
            if (m.has("agent")) {
                return m.string("agent").map(id -> {
                    references.add(new Reference(Reference.Kind.AGENT, id, m.at("agent"), m.path("agent")));
                    return EscalationStep.agent(after, AgentId.of(id));
                });
            }
            return m.string("group").map(id -> {
                references.add(new Reference(Reference.Kind.GROUP, id, m.at("group"), m.path("group")));
                return EscalationStep.group(after, GroupId.of(id));
            });
        });
    }

    /** Customer notices: the built-in languages plus the templates and phrases given. */
    private Optional<CustomerNotices> notices(Binder.Section n) {
        if (!n.has("defaultLanguage") && !n.has("templates") && !n.has("phrases") && !n.has("register")) {
            return Optional.empty();
        }
        int before = b.problems.size();
        CustomerNotices.Builder nb = CustomerNotices.builder();
        n.string("defaultLanguage")
                .ifPresent(
                        l -> attempt(n.at("defaultLanguage"), n.path("defaultLanguage"), () -> nb.defaultLanguage(l)));
        n.section("templates").ifPresent(t -> {
            for (String lang : t.keys()) {
                boolean known = t.get(lang)
                        .map(v -> b.placeholders(
                                v,
                                t.path(lang),
                                "customer notice template (" + lang + ")",
                                NoticeTemplate.PLACEHOLDERS))
                        .orElse(true);
                if (known) {
                    t.string(lang).ifPresent(text -> attempt(t.at(lang), t.path(lang), () -> nb.template(lang, text)));
                }
            }
        });
        n.section("register").ifPresent(rg -> {
            for (String lang : rg.keys()) {
                rg.string(lang)
                        .flatMap(v -> b.parseChoice(v, NoticeRegister.class, rg.at(lang), rg.path(lang)))
                        .ifPresent(reg -> attempt(rg.at(lang), rg.path(lang), () -> nb.register(lang, reg)));
            }
        });
        n.section("phrases").ifPresent(ps -> {
            for (String reason : ps.keys()) {
                if (!reasons.containsKey(reason)) {
                    b.problem(
                            ps.at(reason),
                            ps.path(reason),
                            "unknown reason '" + reason + "'"
                                    + Binder.suggestion(reason, reasons.keySet())
                                            .map(s -> " (did you mean '" + s + "'?)")
                                            .orElse(""));
                    continue;
                }
                ps.section(reason).ifPresent(byLang -> {
                    for (String lang : byLang.keys()) {
                        byLang.string(lang)
                                .ifPresent(text -> attempt(
                                        byLang.at(lang), byLang.path(lang), () -> nb.phrase(reason, lang, text)));
                    }
                });
            }
        });
        if (b.problems.size() > before) {
            return Optional.empty();
        }
        try {
            return Optional.of(nb.build());
        } catch (IllegalArgumentException | IllegalStateException e) {
            b.problem(n.location(), n.path, e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<FollowUpMessages> messages(Binder.Section m) {
        m.allow("checkIn", "overdue", "acknowledgement", "contact", "escalation", "retarget");
        boolean known = true;
        for (String key : m.keys()) {
            Optional<Node> v = m.get(key);
            if (v.isPresent()) {
                known &= b.placeholders(
                        v.get(), m.path(key), "follow-up template " + key, FollowUpMessages.PLACEHOLDERS);
            }
        }
        if (!known) {
            return Optional.empty();
        }
        FollowUpMessages d = FollowUpMessages.DEFAULT;
        try {
            return Optional.of(new FollowUpMessages(
                    m.string("checkIn", d.checkIn()),
                    m.string("overdue", d.overdue()),
                    m.string("acknowledgement", d.acknowledgement()),
                    m.string("contact", d.contact()),
                    m.string("escalation", d.escalation()),
                    m.string("retarget", d.retarget())));
        } catch (IllegalArgumentException e) {
            b.problem(m.location(), m.path, e.getMessage());
            return Optional.empty();
        }
    }

    /** Runs a builder call, turning the engine's validation error into a located problem. */
    private void attempt(Location at, String path, Supplier<?> call) {
        try {
            call.get();
        } catch (IllegalArgumentException | IllegalStateException e) {
            b.problem(at, path, e.getMessage());
        }
    }
}
