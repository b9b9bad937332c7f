package dev.handover.runner.procedure;

import dev.handover.core.calendar.BusinessCalendar;
import dev.handover.core.note.NoteSection;
import dev.handover.core.policy.EscalationStep;
import dev.handover.core.policy.ExchangeMethod;
import dev.handover.core.policy.HandoverPolicy;
import dev.handover.core.policy.HandoverRule;
import dev.handover.core.policy.IncompleteNotes;
import dev.handover.core.policy.OffHoursDeadlines;
import dev.handover.core.policy.ReminderPolicy;
import dev.handover.core.policy.ReminderPolicy.AcknowledgementSignal;
import dev.handover.core.policy.RequiredAction;
import dev.handover.core.routing.ReceiverRequirements;
import dev.handover.core.routing.Target;
import dev.handover.core.rule.AuthorityLimit;
import dev.handover.core.rule.Condition;
import dev.handover.runner.procedure.Procedure.Block;
import dev.handover.runner.procedure.Procedure.Item;
import dev.handover.runner.procedure.Procedure.Items;
import dev.handover.runner.procedure.Procedure.Paragraph;
import dev.handover.runner.procedure.Procedure.Rule;
import dev.handover.runner.procedure.Procedure.Section;
import dev.handover.spi.model.Channel;
import dev.handover.spi.model.Shift;
import dev.handover.spi.model.TicketPriority;
import dev.handover.spi.model.TicketStatus;
import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes a policy's procedure in plain English: every sentence the document can hold is made here, with counts,
 * articles, lists and durations agreeing ("1 hour", "2 reminders", "an agent", "a, b or c"), and every agent and
 * group named through {@link Names}.
 */
public final class ProcedureWriter {
    private static final Set<TicketStatus> OPEN =
            Arrays.stream(TicketStatus.values()).filter(TicketStatus::isOpen).collect(Collectors.toUnmodifiableSet());
    private static final Condition COMPLAINT = Condition.complaint();
    private static final Condition COMPLIMENT = Condition.compliment();

    private final Names names;

    private ProcedureWriter(Names names) {
        this.names = names;
    }

    /** The procedure of this policy, naming agents and groups as {@code names} does. */
    public static Procedure write(HandoverPolicy policy, Names names) {
        return new ProcedureWriter(names).procedure(policy);
    }

    private Procedure procedure(HandoverPolicy p) {
        List<Section> sections = new ArrayList<>();
        sections.add(new Section("", opening(p)));
        sections.add(new Section("Rules", rules(p)));
        sections.add(new Section("Reminders and escalations", reminders(p)));
        if (!p.authorityLimits().isEmpty()) {
            sections.add(new Section("Limits of authority", authority(p)));
        }
        sections.add(new Section("Working hours", hours(p)));
        sections.add(new Section("Customer notices", List.of(new Paragraph(notices(p)))));
        sections.add(new Section("Guards", guards(p)));
        return new Procedure("Handover procedure: " + p.name(), sections);
    }

    // ------------------------------------------------------------------------------------------ opening

    private List<Block> opening(HandoverPolicy p) {
        List<Block> out = new ArrayList<>();
        if (!names.fromCrm() && mentionsIds(p)) {
            out.add(new Paragraph(
                    "Agents and groups are shown by their CRM ids; handover check --connect shows" + " their names."));
        }
        out.add(new Paragraph("Every handover is written down in the CRM: one write puts a structured internal note on"
                + " the ticket and reassigns it. The note holds the customer and their contact details, a summary,"
                + " the history, the actions taken, the promises made, the actions required with their owners and"
                + " deadlines, the reason, the sender, the receiver, when the customer must next hear from us, the"
                + " limits of authority that matter, and links."));
        List<NoteSection> required = p.requiredSections().stream().sorted().toList();
        if (required.isEmpty()) {
            out.add(new Paragraph("No part of the note is required."));
        } else {
            out.add(new Paragraph(
                    required.size() == 1
                            ? "A note must not leave this part empty:"
                            : "A note must not" + " leave these parts empty:"));
            out.add(new Items(required.stream()
                    .map(s -> Item.of(English.capitalise(s.label())))
                    .toList()));
            out.add(new Paragraph(
                    p.incompleteNotes() == IncompleteNotes.BLOCK
                            ? "A handover whose note leaves one of them empty is refused until the information is"
                                    + " given."
                            : "A handover whose note leaves one of them empty goes through, and a warning names what"
                                    + " is missing."));
        }
        out.add(new Paragraph("The receiver is checked before anything moves: they must be active, not absent, on"
                + " shift in time, skilled, speaking the customer's language where the rule asks for it, and under"
                + " capacity. When nobody qualifies, the rule's fallback is tried; when no fallback is left, the"
                + " handover is refused with the reason."));
        return out;
    }

    private static boolean mentionsIds(HandoverPolicy p) {
        if (!p.teamCalendars().isEmpty()) {
            return true;
        }
        for (ReminderPolicy r : p.reminderPolicies().values()) {
            for (EscalationStep s : r.ladder()) {
                if (s.agent().isPresent() || s.group().isPresent()) {
                    return true;
                }
            }
        }
        for (HandoverRule r : p.rules()) {
            if (condMentionsIds(r.condition())) {
                return true;
            }
            for (Target t : r.targets()) {
                if (t instanceof Target.NamedAgent
                        || t instanceof Target.GroupQueue
                        || t instanceof Target.BestAvailable
                        || (t instanceof Target.NextShift n && n.team().isPresent())
                        || (t instanceof Target.Approver a && a.group().isPresent())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean condMentionsIds(Condition c) {
        if (c instanceof Condition.InGroup) {
            return true;
        }
        if (c instanceof Condition.All a) {
            return a.conditions().stream().anyMatch(ProcedureWriter::condMentionsIds);
        }
        if (c instanceof Condition.Any a) {
            return a.conditions().stream().anyMatch(ProcedureWriter::condMentionsIds);
        }
        return c instanceof Condition.Not n && condMentionsIds(n.condition());
    }

    // ------------------------------------------------------------------------------------------ rules

    private List<Block> rules(HandoverPolicy p) {
        if (p.rules().isEmpty()) {
            return List.of(new Paragraph("There are no rules: handovers are made by hand only."));
        }
        List<Block> out = new ArrayList<>();
        out.add(new Paragraph(
                p.rules().size() == 1
                        ? "One rule decides when a ticket is handed over:"
                        : "The rules are checked in this order, and the first that applies to a ticket decides:"));
        List<HandoverRule> rules = p.rules();
        boolean limits = !p.authorityLimits().isEmpty();
        for (int i = 0; i < rules.size(); i++) {
            out.add(rule(i + 1, rules.get(i), limits));
        }
        return out;
    }

    Rule rule(int number, HandoverRule r, boolean limits) {
        List<Item> items = new ArrayList<>();
        items.add(Item.labelled("When", English.sentence(condition(r.condition()))));
        // the reason's sentence continues its label: "Complaint — a complaint goes to …"
        items.add(Item.labelled(
                "Why", r.reason().label() + " — " + stop(r.reason().why().strip())));
        items.add(Item.labelled("To", English.sentence(targets(r))));
        items.add(Item.labelled("Receiver", English.sentence(requirements(r.requirements(), limits))));
        if (!r.actions().isEmpty()) {
            List<String> steps = new ArrayList<>();
            for (RequiredAction a : r.actions()) {
                steps.add(English.sentence(a.description().strip().replaceAll("\\.$", "") + " — "
                        + a.owner().describe() + ", within " + English.duration(a.deadline()) + " of working time"));
            }
            items.add(new Item(
                    "Then",
                    r.actions().size() == 1 ? "This action is required:" : "These actions are required:",
                    steps));
        }
        items.add(Item.labelled(
                "Acknowledgement",
                English.sentence(r.acknowledgeWithin()
                                .map(d -> "within " + English.duration(d) + " of working time")
                                .orElse("not asked")
                        + "; followed up by the reminder policy \"" + r.reminderPolicy() + "\"")));
        List<String> info = new ArrayList<>();
        info.add(exchange(
                r.actions().isEmpty() && r.exchange() == ExchangeMethod.NOTE_AND_TASK
                        ? ExchangeMethod.NOTE
                        : r.exchange()));
        info.add(r.notifyCustomer() ? "the customer is told who takes over and why" : "the customer is not told");
        r.nextContactWithin()
                .ifPresent(
                        d -> info.add("the customer hears from us within " + English.duration(d) + " of working time"));
        items.add(Item.labelled("Information", English.sentence(String.join("; ", info))));
        List<String> also = new ArrayList<>();
        if (r.repeatable()) {
            also.add("it may hand over the same ticket again");
        }
        if (r.allowHandBack()) {
            also.add("it may hand a ticket back to whoever just handed it over");
        }
        if (r.overriding()) {
            also.add("it may move a ticket that another rule has just placed");
        }
        if (!also.isEmpty()) {
            items.add(Item.labelled("Also", English.sentence(String.join("; ", also))));
        }
        // a rule without a description of its own gets "Label: target" from the builder, with the target's ids
        String description =
                r.description().equals(r.reason().label() + ": " + r.target().describe())
                        ? r.reason().label() + ": " + target(r.target())
                        : r.description().strip();
        String heading = r.id() + (description.isEmpty() ? "" : " — " + description);
        return new Rule(number, heading, items);
    }

    private String targets(HandoverRule r) {
        StringBuilder sb = new StringBuilder(target(r.target()));
        for (Target f : r.fallbacks()) {
            sb.append("; failing that, ").append(target(f));
        }
        Target only = r.target();
        boolean person = only instanceof Target.NamedAgent
                || only instanceof Target.Approver
                || only == Target.lineManager()
                || only == Target.originalOwner();
        sb.append(
                !r.fallbacks().isEmpty()
                        ? "; if nobody can take it, the handover is refused and reported"
                        : person
                                ? "; if they cannot take it, the handover is refused and reported"
                                : "; if nobody there can take it, the handover is refused and reported");
        return sb.toString();
    }

    String target(Target t) {
        if (t instanceof Target.NamedAgent a) {
            return names.agent(a.agent());
        }
        if (t instanceof Target.GroupQueue g) {
            return "the queue of " + names.group(g.group()) + ", for whoever picks it up next";
        }
        if (t instanceof Target.BestAvailable b) {
            return "the best available colleague in " + names.group(b.group())
                    + (b.skills().isEmpty() ? "" : " with " + skills(b.skills()));
        }
        if (t instanceof Target.NextShift n) {
            return "the next shift of " + n.team().map(names::group).orElse("the sender's team");
        }
        if (t instanceof Target.Approver a) {
            return "the nearest person allowed to approve what the ticket asks for: up the manager chain, then in "
                    + a.group().map(names::group).orElse("the sender's team");
        }
        if (t == Target.originalOwner()) {
            return "back to the ticket's original owner";
        }
        if (t == Target.lineManager()) {
            return "the assignee's line manager";
        }
        return t.describe();
    }

    private static String skills(Set<String> skills) {
        List<String> sorted = skills.stream().sorted().toList();
        return (sorted.size() == 1 ? "the skill " : "the skills ") + English.list(sorted, "and");
    }

    private static String requirements(ReceiverRequirements q, boolean limits) {
        List<String> needs = new ArrayList<>();
        if (q.language()) {
            needs.add("speak the customer's language");
        }
        if (!q.skills().isEmpty()) {
            needs.add("have " + skills(q.skills()));
        }
        needs.add(
                q.availableWithin().isZero()
                        ? "be on shift now"
                        : "be on shift within " + English.duration(q.availableWithin()));
        if (q.capacity()) {
            needs.add("have capacity left");
        }
        if (q.authority() && limits) {
            needs.add("be allowed to approve the amounts the ticket asks for");
        }
        return "they must " + English.list(needs, "and");
    }

    private static String exchange(ExchangeMethod m) {
        return switch (m) {
            case NOTE -> "a structured internal note on the ticket";
            case TASK -> "a task in the CRM for each required action";
            case NOTE_AND_TASK ->
                "a structured internal note on the ticket, and a task in the CRM for each required" + " action";
        };
    }

    // ------------------------------------------------------------------------------------------ conditions

    /** A condition in words, lower case, no full stop. */
    String condition(Condition c) {
        if (c.equals(COMPLAINT)) {
            return "the ticket is a complaint (by its category, or by complaint wording in English, German, French or"
                    + " Spanish in its subject or description)";
        }
        if (c.equals(COMPLIMENT)) {
            return "the ticket is a compliment (by its category, or by thanks and praise in English, German, French"
                    + " or Spanish in its subject or description)";
        }
        if (c instanceof Condition.Always) {
            return "any ticket";
        }
        if (c instanceof Condition.All a) {
            return English.list(a.conditions().stream().map(this::nested).toList(), "and");
        }
        if (c instanceof Condition.Any a) {
            return English.list(a.conditions().stream().map(this::nested).toList(), "or");
        }
        if (c instanceof Condition.Not n) {
            return negated(n.condition());
        }
        if (c instanceof Condition.StatusIn s) {
            if (s.statuses().equals(OPEN)) {
                return "the ticket is open (not solved or closed)";
            }
            return "the status is "
                    + English.list(
                            s.statuses().stream()
                                    .sorted()
                                    .map(ProcedureWriter::status)
                                    .toList(),
                            "or");
        }
        if (c instanceof Condition.PriorityAtLeast p) {
            return p.priority() == TicketPriority.URGENT
                    ? "the priority is urgent"
                    : "the priority is " + p.priority().name().toLowerCase(Locale.ROOT) + " or higher";
        }
        if (c instanceof Condition.HasTag t) {
            return "the ticket has the tag " + t.tag();
        }
        if (c instanceof Condition.ChannelIn ch) {
            return "the ticket came in by "
                    + English.list(
                            ch.channels().stream().map(Channel::name).sorted().toList(), "or");
        }
        if (c instanceof Condition.CustomField f) {
            return "the field " + f.name() + " " + comparison(f.comparison())
                    + (f.comparison().needsValue() ? " " + f.value() : "");
        }
        if (c instanceof Condition.CustomerTierIn t) {
            return "the customer's tier is " + English.list(sorted(t.tiers()), "or");
        }
        if (c instanceof Condition.CustomerOrganizationIn o) {
            return "the customer belongs to " + English.list(sorted(o.organizations()), "or");
        }
        if (c instanceof Condition.Keywords k) {
            return keywords(k);
        }
        if (c instanceof Condition.Category cat) {
            return "the ticket is " + English.withArticle(cat.category());
        }
        if (c instanceof Condition.LanguageNotSpokenByAssignee) {
            return "the assignee does not speak the customer's language";
        }
        if (c instanceof Condition.AssigneeLacksSkill s) {
            return "the assignee lacks the skill " + s.skill();
        }
        if (c instanceof Condition.IdleFor i) {
            return "nothing has happened on the ticket for " + English.duration(i.businessTime()) + " of working time";
        }
        if (c instanceof Condition.AssigneeShiftEndsWithin w) {
            return "the assignee's shift ends within " + English.duration(w.within());
        }
        if (c instanceof Condition.AssigneeOffShift) {
            return "the assignee is off shift";
        }
        if (c instanceof Condition.AssigneeAbsent) {
            return "the assignee is absent or no longer active";
        }
        if (c instanceof Condition.AssigneeOverloaded o) {
            return o.share() == 1.0
                    ? "the assignee is at capacity"
                    : "the assignee holds " + Math.round(o.share() * 100) + "% or more of their capacity";
        }
        if (c instanceof Condition.ReopenedAtLeast r) {
            return "the ticket was reopened " + (r.times() == 1 ? "at least once" : "at least " + r.times() + " times");
        }
        if (c instanceof Condition.ExceedsAuthority e) {
            return "the " + e.limit().field() + " is more than the assignee's role may approve (limit "
                    + e.limit().name() + ")";
        }
        if (c instanceof Condition.InGroup g) {
            return "the ticket is in " + names.group(g.group());
        }
        if (c instanceof Condition.Unassigned) {
            return "nobody owns the ticket";
        }
        return c.describe();
    }

    private String negated(Condition c) {
        if (c instanceof Condition.Not n) {
            return condition(n.condition());
        }
        if (c instanceof Condition.Unassigned) {
            return "somebody owns the ticket";
        }
        if (c instanceof Condition.HasTag t) {
            return "the ticket does not have the tag " + t.tag();
        }
        if (c instanceof Condition.Category cat && !c.equals(COMPLAINT)) {
            return "the ticket is not " + English.withArticle(cat.category());
        }
        if (c instanceof Condition.InGroup g) {
            return "the ticket is not in " + names.group(g.group());
        }
        if (c instanceof Condition.LanguageNotSpokenByAssignee) {
            return "the assignee speaks the customer's language";
        }
        if (c instanceof Condition.AssigneeOffShift) {
            return "the assignee is on shift";
        }
        if (c instanceof Condition.AssigneeLacksSkill s) {
            return "the assignee has the skill " + s.skill();
        }
        if (c instanceof Condition.CustomerTierIn t) {
            return "the customer's tier is not " + English.list(sorted(t.tiers()), "or");
        }
        if (c instanceof Condition.StatusIn s && s.statuses().equals(OPEN)) {
            return "the ticket is solved or closed";
        }
        return "it is not the case that " + nested(c);
    }

    private String nested(Condition c) {
        boolean composite = !c.equals(COMPLAINT)
                && !c.equals(COMPLIMENT)
                && ((c instanceof Condition.All a && a.conditions().size() > 1)
                        || (c instanceof Condition.Any o && o.conditions().size() > 1));
        return composite ? "(" + condition(c) + ")" : condition(c);
    }

    private static String keywords(Condition.Keywords k) {
        String where = switch (k.scope()) {
            case SUBJECT -> "the subject";
            case DESCRIPTION -> "the description";
            case SUBJECT_OR_DESCRIPTION -> "the subject or description";
        };
        List<String> quoted =
                k.phrases().stream().sorted().map(p -> "\"" + p + "\"").toList();
        return where + " mentions " + English.list(quoted, "or");
    }

    private static String status(TicketStatus s) {
        return s.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String comparison(Condition.Comparison c) {
        return switch (c) {
            case EQUALS -> "is";
            case NOT_EQUALS -> "is not";
            case ABOVE -> "is above";
            case AT_LEAST -> "is at least";
            case BELOW -> "is below";
            case PRESENT -> "is set";
            case ABSENT -> "is not set";
        };
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }

    // ------------------------------------------------------------------------------------------ reminders

    private List<Block> reminders(HandoverPolicy p) {
        List<Block> out = new ArrayList<>();
        out.add(new Paragraph("All times are the working time of the person reminded."));
        out.add(new Items(p.reminderPolicies().values().stream()
                .sorted(Comparator.comparing(ReminderPolicy::name))
                .map(r -> Item.labelled(r.name(), reminder(r)))
                .toList()));
        return out;
    }

    String reminder(ReminderPolicy r) {
        List<String> sentences = new ArrayList<>();
        String remind = "the receiver is reminded "
                + (r.acknowledgementReminderAfter().isZero()
                        ? "at the acknowledgement deadline"
                        : English.duration(r.acknowledgementReminderAfter()) + " after the acknowledgement deadline");
        if (r.retargetAfterReminders() > 0) {
            remind += ", and the ticket goes to someone else after "
                    + English.count(r.retargetAfterReminders(), "unanswered reminder", "unanswered reminders");
        }
        sentences.add(remind);
        String lead = r.followUpLead().isZero()
                ? "at its deadline"
                : English.duration(r.followUpLead()) + " before its deadline";
        sentences.add(
                r.maxReminders() == 0
                        ? "the sender checks in on each action " + lead + ", with no reminders after that"
                        : "the sender checks in on each action " + lead + ", and while it stays open reminders"
                                + " follow " + English.every(r.repeatEvery()) + ", up to "
                                + English.count(r.maxReminders(), "reminder", "reminders"));
        r.quietFrom()
                .ifPresent(from -> sentences.add("no reminders are sent in the quiet hours from " + from + " to "
                        + r.quietUntil().get()));
        if (!r.priorityScaling().isEmpty()) {
            sentences.add("reminders come faster for "
                    + English.list(
                            r.priorityScaling().entrySet().stream()
                                    .sorted(Map.Entry.<TicketPriority, Double>comparingByKey()
                                            .reversed())
                                    .map(e -> priority(e.getKey()) + " (" + factor(e.getValue()) + ")")
                                    .toList(),
                            "and"));
        }
        Set<AcknowledgementSignal> signals = r.implicitAcknowledgement();
        List<String> acks = new ArrayList<>();
        acks.add("an explicit acknowledgement");
        if (signals.contains(AcknowledgementSignal.TASK_COMPLETED)) {
            acks.add("completing the task");
        }
        if (signals.contains(AcknowledgementSignal.RECEIVER_COMMENTED)) {
            acks.add("a comment by the receiver");
        }
        sentences.add(
                acks.size() == 1
                        ? "only an explicit acknowledgement counts"
                        : English.list(acks, "or") + " counts as the acknowledgement");
        if (!r.ladder().isEmpty()) {
            List<String> steps = new ArrayList<>();
            for (EscalationStep s : r.ladder()) {
                steps.add((s.after().isZero() ? "at the deadline" : English.duration(s.after()) + " past the deadline")
                        + " to " + escalationTarget(s));
            }
            sentences.add("what is still overdue is escalated " + String.join(", then ", steps));
        }
        return sentences.stream().map(English::sentence).collect(Collectors.joining(" "));
    }

    private static String priority(TicketPriority p) {
        return p == TicketPriority.URGENT ? "urgent tickets" : p.name().toLowerCase(Locale.ROOT) + "-priority tickets";
    }

    private static String stop(String s) {
        return s.endsWith(".") ? s : s + ".";
    }

    private static String factor(double f) {
        String n = f == Math.rint(f) ? Long.toString(Math.round(f)) : Double.toString(f);
        return n + " times as fast";
    }

    private String escalationTarget(EscalationStep s) {
        return switch (s.level()) {
            case LINE_MANAGER -> "the owner's line manager";
            case HEAD_OF_TEAM -> "the head of team";
            case AGENT -> names.agent(s.agent().orElseThrow());
            case GROUP -> names.group(s.group().orElseThrow());
        };
    }

    // ------------------------------------------------------------------------------------------ limits

    private static List<Block> authority(HandoverPolicy p) {
        return List.of(new Items(p.authorityLimits().values().stream()
                .sorted(Comparator.comparing(AuthorityLimit::name))
                .map(l -> Item.labelled(l.name(), limit(l)))
                .toList()));
    }

    static String limit(AuthorityLimit l) {
        List<String> ceilings = l.ceilings().entrySet().stream()
                .sorted(Map.Entry.<String, java.math.BigDecimal>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(e -> English.withArticle(e.getKey()) + " may approve up to "
                        + e.getValue().toPlainString() + (l.unit().isEmpty() ? "" : " " + l.unit()))
                .toList();
        return English.sentence(
                "the amount is read from the field " + l.field() + "; " + English.list(ceilings, "and"));
    }

    // ------------------------------------------------------------------------------------------ hours

    private List<Block> hours(HandoverPolicy p) {
        List<Block> out = new ArrayList<>();
        out.add(new Paragraph("Agents work their own shifts where the CRM or the team section has them;"
                + (p.teamCalendars().isEmpty()
                        ? " everyone else works " + calendar(p.defaultCalendar()) + "."
                        : " everyone else works the hours of their team:")));
        if (!p.teamCalendars().isEmpty()) {
            List<Item> items = new ArrayList<>();
            p.teamCalendars().entrySet().stream()
                    .map(e -> Item.labelled(names.group(e.getKey()), English.sentence(calendar(e.getValue()))))
                    .sorted(Comparator.comparing(Item::label))
                    .forEach(items::add);
            items.add(Item.labelled("Everyone else", English.sentence(calendar(p.defaultCalendar()))));
            out.add(new Items(items));
        }
        if (!p.holidays().isEmpty()) {
            List<String> days = p.holidays().stream()
                    .sorted()
                    .map(h -> h.date()
                            // a holiday given by its date alone is named "holiday" by the configuration
                            + (h.name().isBlank() || h.name().strip().equalsIgnoreCase("holiday")
                                    ? ""
                                    : " (" + h.name().strip() + ")"))
                    .toList();
            out.add(new Paragraph(
                    (days.size() == 1 ? "The holiday is " : "The holidays are ") + English.list(days, "and") + "."));
        }
        return out;
    }

    private static String calendar(BusinessCalendar c) {
        if (c.isAlwaysOpen()) {
            return "around the clock, every day";
        }
        List<String> shifts = c.shifts().stream().map(ProcedureWriter::shift).toList();
        return (shifts.isEmpty() ? "no hours" : English.list(shifts, "and")) + ", "
                + c.zone().getId() + " time";
    }

    private static String shift(Shift s) {
        String days;
        if (s.days().equals(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY))) {
            days = "Mon–Fri";
        } else if (s.days().equals(EnumSet.allOf(DayOfWeek.class))) {
            days = "every day";
        } else if (s.days().equals(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY))) {
            days = "Sat and Sun";
        } else {
            days = English.list(
                    s.days().stream()
                            .sorted()
                            .map(d -> d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH))
                            .toList(),
                    "and");
        }
        return days + " " + s.start() + "–" + s.end();
    }

    // ------------------------------------------------------------------------------------------ notices

    private static String notices(HandoverPolicy p) {
        List<String> languages = p.notices().languages().stream()
                .map(ProcedureWriter::language)
                .sorted()
                .toList();
        String naming = switch (p.noticeNaming()) {
            case FULL_NAME -> "by their full name";
            case FIRST_NAME -> "by their first name";
            case TEAM_ONLY -> "by their team only";
        };
        return "Where a rule says so, the customer is told who takes over and why, in "
                + English.list(languages, "or") + " (" + language(p.notices().defaultLanguage()) + " when their"
                + " language is not among these); the notice names the receiver " + naming + ".";
    }

    private static String language(String tag) {
        String name = Locale.forLanguageTag(tag).getDisplayLanguage(Locale.ENGLISH);
        return name.isBlank() ? tag : name;
    }

    // ------------------------------------------------------------------------------------------ guards

    private static List<Block> guards(HandoverPolicy p) {
        List<String> s = new ArrayList<>();
        s.add("A rule hands a ticket over once, unless it is marked repeatable.");
        s.add(
                p.pingPongWindow().isZero()
                        ? "A ticket may be handed straight back to whoever handed it over (the ping-pong guard is"
                                + " off)."
                        : "A ticket is not handed back to whoever handed it over in the last "
                                + English.duration(p.pingPongWindow())
                                + ", unless the rule allows it (the ping-pong guard).");
        s.add(
                p.offHoursDeadlines() == OffHoursDeadlines.MOVE
                        ? "A deadline set outside its owner's working hours moves to their last working moment"
                                + " before it, and the note says so."
                        : "A deadline set outside its owner's working hours stays, and the note warns of it.");
        p.receiverStayMargin()
                .ifPresent(m -> s.add(
                        m.isZero()
                                ? "A receiver must stay at work until the acknowledgement deadline."
                                : "A receiver must stay at work until the acknowledgement deadline and "
                                        + English.duration(m) + " longer."));
        return List.of(new Items(s.stream().map(Item::of).toList()));
    }
}
