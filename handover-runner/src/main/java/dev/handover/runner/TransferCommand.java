package dev.handover.runner;

import dev.handover.core.HandoverPlan;
import dev.handover.core.HandoverRequest;
import dev.handover.core.HandoverResult;
import dev.handover.core.policy.HandoverReason;
import dev.handover.runner.config.RunnerConfig;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.TicketId;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code handover transfer}: a manual handover. */
@Command(
        name = "transfer",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = {
            "Hands one ticket over by hand: the receiver is checked first (active, present, on shift, skills, language,"
                    + " capacity); then one CRM write puts the structured note on the ticket and reassigns it, and the"
                    + " follow-up begins (acknowledgement, reminders, completion checks).",
            "The note is completed from the ticket; what you add here (summary, actions taken, promises, actions"
                    + " required) goes into its sections. Prints the note as written."
        })
final class TransferCommand extends ConfiguredCommand {
    TransferCommand(Context context) {
        super(context);
    }

    @Option(names = "--ticket", required = true, paramLabel = "ID", description = "The ticket.")
    String ticket;

    @Option(names = "--to", required = true, paramLabel = "TARGET", description = "To whom: " + Targets.FORMS + ".")
    String to;

    @Option(
            names = "--reason",
            required = true,
            paramLabel = "CODE",
            description = "Why: a reason code of the policy (shift-change, escalation, complaint, language, …).")
    String reason;

    @Option(names = "--from", paramLabel = "AGENT", description = "Who hands over (default: the current assignee).")
    String from;

    @Option(names = "--detail", paramLabel = "TEXT", description = "Why, in this case.")
    String detail = "";

    @Option(names = "--summary", paramLabel = "TEXT", description = "The issue in a few words.")
    String summary;

    @Option(names = "--history", paramLabel = "TEXT", description = "What has happened and been tried (repeatable).")
    List<String> history = new ArrayList<>();

    @Option(names = "--done", paramLabel = "TEXT", description = "An action already taken (repeatable).")
    List<String> done = new ArrayList<>();

    @Option(
            names = "--promise",
            paramLabel = "TEXT[@DUE]",
            description = "A promise made to the customer, with its due instant if any (repeatable).")
    List<String> promises = new ArrayList<>();

    @Option(
            names = "--action",
            paramLabel = "TEXT@WHEN[@OWNER]",
            description = "An action required, due within a business time (2h, 1d) or at an instant"
                    + " (2026-03-02T15:00:00Z), owned by the receiver unless an agent id follows (repeatable).")
    List<String> actions = new ArrayList<>();

    @Option(names = "--next-contact", paramLabel = "INSTANT", description = "When the customer must next hear from us.")
    String nextContact;

    @Option(
            names = "--notify",
            negatable = true,
            description = "Tell the customer who takes over and why (default: as the rule for the reason says).")
    Boolean notify;

    @Option(
            names = "--key",
            paramLabel = "KEY",
            description = "An idempotency key: retrying with it never hands over twice.")
    String key;

    @Option(names = "--dry-run", description = "Show the note and the receiver without writing anything.")
    boolean dryRun;

    @Override
    public Integer call() {
        RunnerConfig c = config.load();
        HandoverReason why = c.policy()
                .reason(reason)
                .orElseThrow(() -> new IllegalArgumentException(
                        "--reason '" + reason + "' is not a reason of the" + " policy; known: "
                                + String.join(", ", c.policy().reasons().keySet())));
        HandoverRequest.Builder r = HandoverRequest.builder(TicketId.of(ticket))
                .to(Targets.parse(to))
                .reason(why)
                .detail(detail);
        if (from != null) {
            r.from(AgentId.of(from));
        }
        if (summary != null) {
            r.summary(summary);
        }
        history.forEach(r::history);
        done.forEach(r::actionTaken);
        for (String p : promises) {
            int at = p.lastIndexOf('@');
            if (at > 0) {
                r.promise(p.substring(0, at).strip(), instant("--promise", p.substring(at + 1)));
            } else {
                r.promise(p.strip());
            }
        }
        for (String a : actions) {
            action(r, a);
        }
        if (nextContact != null) {
            r.nextContact(instant("--next-contact", nextContact));
        }
        if (notify != null) {
            r.notifyCustomer(notify);
        }
        if (key != null) {
            r.idempotencyKey(key);
        }
        HandoverRequest request = r.build();
        PrintWriter out = out();
        try (Engine engine = Engine.start(c, clock)) {
            HandoverResult result = dryRun ? engine.handovers.plan(request) : engine.handovers.handOver(request);
            print(out, result);
            return result.isHandedOver() || result.status() == HandoverResult.Status.PLANNED
                    ? ExitCodes.OK
                    : ExitCodes.FAILED;
        }
    }

    private static void action(HandoverRequest.Builder r, String spec) {
        String[] parts = spec.split("@");
        if (parts.length < 2 || parts.length > 3 || parts[0].isBlank()) {
            throw new IllegalArgumentException("--action '" + spec + "': give a deadline after @, such as 'Call the"
                    + " customer back@2h' or 'Call back@2026-03-02T15:00:00Z@agent-id'");
        }
        String text = parts[0].strip();
        String when = parts[1].strip();
        if (parts.length == 3) {
            r.action(text, AgentId.of(parts[2].strip()), instantOrWithin(spec, when));
        } else if (Character.isDigit(when.charAt(0)) && when.length() > 10) {
            r.action(text, instant("--action", when));
        } else {
            r.action(text, duration(spec, when));
        }
    }

    private static Instant instantOrWithin(String spec, String when) {
        if (when.length() > 10) {
            return instant("--action", when);
        }
        throw new IllegalArgumentException("--action '" + spec + "': an action with an owner needs a due instant such"
                + " as 2026-03-02T15:00:00Z");
    }

    private static Duration duration(String spec, String when) {
        try {
            String v = when.toLowerCase(java.util.Locale.ROOT);
            long n = Long.parseLong(v.substring(0, v.length() - 1));
            return switch (v.charAt(v.length() - 1)) {
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new NumberFormatException(v);
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--action '" + spec + "': '" + when + "' is neither a business time"
                    + " like 30m, 2h or 1d nor an instant like 2026-03-02T15:00:00Z");
        }
    }

    private static Instant instant(String option, String v) {
        try {
            return Instant.parse(v.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    option + ": '" + v.strip() + "' is not an instant like" + " 2026-03-02T15:00:00Z");
        }
    }

    static void print(PrintWriter out, HandoverResult result) {
        switch (result.status()) {
            case HANDED_OVER, REPLAYED, PLANNED -> {
                HandoverPlan p = result.plan().orElseThrow();
                String verb = switch (result.status()) {
                    case PLANNED -> "Would hand over";
                    case REPLAYED -> "Already handed over (a retry wrote nothing):";
                    default -> "Handed over";
                };
                out.println(verb + " ticket " + p.ticket().id() + " to "
                        + p.receiver().describe() + " — " + p.reason().label() + "; handover " + p.id() + ".");
                out.println("Why this receiver: " + p.selection().why());
                out.println();
                out.println("Internal note" + (result.status() == HandoverResult.Status.PLANNED ? " (not written)" : "")
                        + ":");
                p.renderedNote().forEach(part -> out.println(part.strip()));
                p.customerNotice().ifPresent(n -> {
                    out.println();
                    out.println("Customer notice:");
                    out.println(n);
                });
                p.warnings().forEach(w -> out.println("warning: " + w));
            }
            case NOT_APPLICABLE ->
                out.println("Ticket " + result.ticket() + ": nothing to do (" + result.message() + ").");
            case REFUSED ->
                out.println("Refused: ticket " + result.ticket() + " was not handed over. " + result.message());
            case FAILED ->
                out.println("Failed: ticket " + result.ticket() + " was not handed over. " + result.message()
                        + (result.isRetryable() ? " Retrying later with the same --key is safe." : ""));
        }
    }
}
