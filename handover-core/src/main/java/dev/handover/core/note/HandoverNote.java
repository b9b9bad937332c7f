package dev.handover.core.note;

import dev.handover.spi.model.Customer;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.TicketId;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The structured handover note: everything the receiver needs so that the customer repeats nothing. The engine writes
 * it in the CRM's preferred format (plain text, Markdown or HTML) and within its length limit ({@link
 * dev.handover.core.HandoverPlan#renderedNote()}); its machine-readable core is {@link #toRecord()}, which the written
 * note ends with as its {@link HandoverRecord#trailer() trailer}.
 *
 * @param id the handover
 * @param ticket the ticket
 * @param at when the handover happens
 * @param rule the rule that made it, or {@code manual}
 * @param reasonCode the reason's code
 * @param reasonLabel the reason's name
 * @param reasonDetail why, in this case ("Amelia Clarke's shift ends at 14:00")
 * @param sender who hands over
 * @param receiver who takes over
 * @param acknowledgeBy when the receiver must acknowledge, if required
 * @param reminderPolicy the reminder policy that follows the handover up
 * @param returnAt when the sender takes the ticket back (absences), if set
 * @param customer the customer and contact details
 * @param summary the issue in a few words
 * @param history what has happened and been tried
 * @param actionsTaken actions taken so far
 * @param promises promises made to the customer
 * @param actionsRequired actions required, with owners and deadlines
 * @param nextContactDue when the customer must next hear from us
 * @param authority limits of authority that matter for this ticket
 * @param links links for the receiver (label to address)
 * @param chain earlier handovers of this ticket, oldest first
 * @param whyReceiver why this receiver, in one or two sentences (who was weighed, who passed over and why), if known
 */
public record HandoverNote(
        HandoverId id,
        TicketId ticket,
        Instant at,
        String rule,
        String reasonCode,
        String reasonLabel,
        String reasonDetail,
        Party sender,
        Party receiver,
        Optional<Instant> acknowledgeBy,
        String reminderPolicy,
        Optional<Instant> returnAt,
        Customer customer,
        Optional<NoteItem> summary,
        List<NoteItem> history,
        List<NoteItem> actionsTaken,
        List<PromiseItem> promises,
        List<ActionItem> actionsRequired,
        Optional<Instant> nextContactDue,
        List<String> authority,
        Map<String, URI> links,
        List<HandoverRecord.Link> chain,
        Optional<String> whyReceiver) {

    /** Validates and copies. */
    public HandoverNote {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(reasonCode, "reason code");
        Objects.requireNonNull(reasonLabel, "reason label");
        Objects.requireNonNull(reasonDetail, "reason detail");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(acknowledgeBy, "acknowledge by");
        Objects.requireNonNull(reminderPolicy, "reminder policy");
        Objects.requireNonNull(returnAt, "return at");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(summary, "summary");
        history = List.copyOf(history);
        actionsTaken = List.copyOf(actionsTaken);
        promises = List.copyOf(promises);
        actionsRequired = List.copyOf(actionsRequired);
        Objects.requireNonNull(nextContactDue, "next contact due");
        authority = List.copyOf(authority);
        links = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(links));
        chain = List.copyOf(chain);
        Objects.requireNonNull(whyReceiver, "why receiver");
    }

    /** A note without an account of why its receiver was chosen. */
    public HandoverNote(
            HandoverId id,
            TicketId ticket,
            Instant at,
            String rule,
            String reasonCode,
            String reasonLabel,
            String reasonDetail,
            Party sender,
            Party receiver,
            Optional<Instant> acknowledgeBy,
            String reminderPolicy,
            Optional<Instant> returnAt,
            Customer customer,
            Optional<NoteItem> summary,
            List<NoteItem> history,
            List<NoteItem> actionsTaken,
            List<PromiseItem> promises,
            List<ActionItem> actionsRequired,
            Optional<Instant> nextContactDue,
            List<String> authority,
            Map<String, URI> links,
            List<HandoverRecord.Link> chain) {
        this(
                id,
                ticket,
                at,
                rule,
                reasonCode,
                reasonLabel,
                reasonDetail,
                sender,
                receiver,
                acknowledgeBy,
                reminderPolicy,
                returnAt,
                customer,
                summary,
                history,
                actionsTaken,
                promises,
                actionsRequired,
                nextContactDue,
                authority,
                links,
                chain,
                Optional.empty());
    }

    /** The machine-readable core the note's trailer carries (texts clipped, last {@value HandoverRecord#MAX_CHAIN} links). */
    public HandoverRecord toRecord() {
        List<HandoverRecord.Action> actions = new ArrayList<>();
        for (ActionItem a : actionsRequired) {
            actions.add(new HandoverRecord.Action(a.key(), a.owner().agent(), a.due(), HandoverRecord.clip(a.text())));
        }
        List<HandoverRecord.Promise> ps = new ArrayList<>();
        for (PromiseItem p : promises) {
            ps.add(new HandoverRecord.Promise(p.key(), p.due(), HandoverRecord.clip(p.text())));
        }
        List<HandoverRecord.Link> lastLinks =
                chain.size() <= HandoverRecord.MAX_CHAIN ? chain : keepFirstAndLatest(chain);
        return new HandoverRecord(
                        id,
                        ticket,
                        rule,
                        reasonCode,
                        sender.agent(),
                        receiver.agent(),
                        receiver.group(),
                        at,
                        acknowledgeBy,
                        nextContactDue,
                        reminderPolicy,
                        returnAt,
                        actions,
                        ps,
                        lastLinks,
                        summary.map(NoteItem::text),
                        did())
                .withinBudget();
    }

    /** What the sender had done, for the chain: the actions taken they gave, else those read from the ticket. */
    private Optional<String> did() {
        List<NoteItem> given = actionsTaken.stream().filter(i -> !i.derived()).toList();
        List<NoteItem> use = given.isEmpty() ? actionsTaken : given;
        if (use.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.join("; ", use.stream().map(NoteItem::text).toList()));
    }

    private static List<HandoverRecord.Link> keepFirstAndLatest(List<HandoverRecord.Link> chain) {
        List<HandoverRecord.Link> kept = new ArrayList<>();
        kept.add(chain.get(0));
        kept.addAll(chain.subList(chain.size() - (HandoverRecord.MAX_CHAIN - 1), chain.size()));
        return kept;
    }

    /** The required sections that are missing or empty, in section order. */
    public List<NoteSection> missing(Set<NoteSection> required) {
        EnumSet<NoteSection> missing = EnumSet.noneOf(NoteSection.class);
        for (NoteSection s : required) {
            if (isEmpty(s)) {
                missing.add(s);
            }
        }
        return List.copyOf(missing);
    }

    /** True when the section has nothing in it. */
    public boolean isEmpty(NoteSection section) {
        return switch (section) {
            case CUSTOMER ->
                customer.name().isBlank()
                        && customer.email().isBlank()
                        && customer.phone().isBlank();
            case SUMMARY -> summary.isEmpty();
            case HISTORY -> history.isEmpty() && chain.isEmpty();
            case ACTIONS_TAKEN -> actionsTaken.isEmpty();
            case PROMISES -> promises.isEmpty();
            case ACTIONS_REQUIRED -> actionsRequired.isEmpty();
            case REASON -> reasonDetail.isBlank() && reasonLabel.isBlank();
            case SENDER -> sender.name().isBlank();
            case RECEIVER -> receiver.name().isBlank();
            case NEXT_CONTACT -> nextContactDue.isEmpty();
            case AUTHORITY -> authority.isEmpty();
            case LINKS -> links.isEmpty();
        };
    }
}
