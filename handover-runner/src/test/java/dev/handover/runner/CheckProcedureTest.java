package dev.handover.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * {@code handover check}'s procedure through {@code Main}: wrapped, with the CRM's names under {@code --connect} (over
 * the fake Zendesk on loopback), in correct English for every sentence it can hold, without the CRM's secrets, and as
 * Markdown and HTML.
 */
class CheckProcedureTest extends OnFakeZendesk {
    /** A policy that makes every kind of sentence the procedure has, the plural forms and lists of several. */
    static final String RICH = """
            policy:
              name: Support desk
              calendar: { zone: Europe/London, hours: ["Mon-Fri 09:00-17:00"] }
              teamCalendars:
                "30001": { zone: Europe/Berlin, hours: ["Mon-Fri 08:00-16:00", "Sat 10:00-14:00"] }
              holidays:
                dates:
                  - { date: 2026-12-25, name: Christmas Day }
                  - 2026-12-26
              authorityLimits:
                refund:
                  field: refund_amount
                  unit: EUR
                  ceilings: { agent: 50, lead: 500, manager: 5000 }
              reminderPolicies:
                complaint:
                  remindAfter: 1h
                  retargetAfter: 2
                  followUpLead: 30m
                  repeatEvery: 2h
                  maxReminders: 1
                  quietHours: "20:00-08:00"
                  faster: { urgent: 4, high: 1.5 }
                  ladder:
                    - { after: 1h, to: line-manager }
                    - { after: 1d, to: { agent: "20005" } }
                    - { after: 2d, to: { group: "30001" } }
                  acknowledgedBy: [task-completed]
              notices: { naming: full-name }
              notes: { required: [customer], incomplete: block }
              pingPongWindow: 1h
              offHoursDeadlines: move
              receiverStayMargin: 2h
              rules:
                - id: complaint-to-lead
                  description: Complaints <b>& "escalations"</b> go to the lead
                  when: { complaint: true, priorityAtLeast: high }
                  reason: complaint
                  to: line-manager
                  orElse:
                    - { agent: "20005" }
                    - { group: "30001" }
                  actions:
                    - { do: Call the customer back, within: 2h }
                    - { do: Log the complaint, owner: sender, within: 1d }
                  acknowledgeWithin: 1h
                  reminders: complaint
                  notifyCustomer: true
                  nextContactWithin: 90m
                - id: tiers
                  description: Gold, silver and platinum customers, enquiries and refunds
                  when:
                    any:
                      - customerTier: [gold, silver, platinum]
                      - category: enquiry
                      - category: refund
                      - not: { unassigned: true }
                  reason: expertise
                  to: { bestAvailable: { group: "30001", skills: [billing, refunds] } }
                  receiver: { skills: [billing], language: false, capacity: false, availableWithin: 0m }
                  actions:
                    - { do: Check the invoice, within: 1h }
                  exchange: task
                  repeatable: true
                  allowHandBack: true
                  overriding: true
                - id: everything-else
                  when:
                    all:
                      - status: [new, pending]
                      - channel: [email, chat]
                      - field: { name: plan, equals: enterprise }
                      - field: { name: seats, above: "100" }
                      - field: { name: contract, present: true }
                      - organization: [acme, globex]
                      - keywords: { in: subject, phrases: [outage, down, "not working"] }
                      - assigneeLacksSkill: billing
                      - idleFor: 1h
                      - assigneeShiftEndsWithin: 2h
                      - assigneeOffShift: true
                      - assigneeAbsent: true
                      - assigneeOverloaded: 0.8
                      - reopenedAtLeast: 3
                      - exceedsAuthority: refund
                      - inGroup: "30001"
                      - not: { tag: vip }
                      - not: { not: { unassigned: true } }
                  reason: workload
                  to: { agent: "20002" }
                  acknowledgeWithin: 2h
                - id: once
                  when:
                    all:
                      - any: [{ reopenedAtLeast: 1 }, { idleFor: 1m }]
                      - unassigned: true
                  reason: shift-change
                  to: { nextShift: "30001" }
                  exchange: note
                  acknowledgeWithin: none
            """;

    /** One rule, one holiday, one of each: the singular forms. */
    static final String SINGLE = """
            policy:
              name: Small desk
              calendar: { zone: UTC, hours: ["Mon-Fri 09:00-17:00"] }
              holidays: { dates: [2026-12-25] }
              pingPongWindow: 0m
              rules:
                - id: solo
                  when: { category: order }
                  reason: complaint
                  to: original-owner
                  actions:
                    - { do: Call back., within: 1h }
            """;

    Scenario.Run cli(String... args) {
        return s.cli(args);
    }

    String config() {
        return s.config.toString();
    }

    /** The scenario's file with its policy section replaced. */
    void writePolicy(String policy) throws Exception {
        String text = Files.readString(s.config);
        int start = text.indexOf("policy:\n");
        int end = text.indexOf("worker:\n");
        Scenario.write(s.config, text.substring(0, start) + policy + text.substring(end));
    }

    /** The text with every run of white space made one space: the words as a reader reads them across lines. */
    static String flat(String text) {
        return text.replaceAll("\\s+", " ");
    }

    @Test
    void printsTheProcedureWithoutTheCrmSecretsAndNamesTheVariablesUnset() throws Exception {
        s.env.remove("ZD_TOKEN");
        s.env.remove("ZD_WEBHOOK_SECRET");
        List<String> lines = Files.readAllLines(s.config);
        int line = 1
                + lines.indexOf(lines.stream()
                        .filter(l -> l.contains("${ZD_TOKEN}"))
                        .findFirst()
                        .orElseThrow());
        int column = 1 + lines.get(line - 1).indexOf("${ZD_TOKEN}");

        Scenario.Run r = cli("check", "--config", config());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("is valid: 2 rules").contains("Handover procedure: Support desk");
        assertThat(r.err())
                .contains("handover: note: " + config() + ":" + line + ":" + column
                        + ": the environment variable ZD_TOKEN is not set; the procedure does not need it")
                .contains("the environment variable ZD_WEBHOOK_SECRET is not set")
                .doesNotContain(Scenario.TOKEN);
        assertThat(zendesk.requests()).isEmpty();
    }

    @Test
    void withConnectAMissingVariableIsAnErrorNamingItAndWhereItIsReferenced() throws Exception {
        s.env.remove("ZD_TOKEN");
        List<String> lines = Files.readAllLines(s.config);
        int line = 1
                + lines.indexOf(lines.stream()
                        .filter(l -> l.contains("${ZD_TOKEN}"))
                        .findFirst()
                        .orElseThrow());

        Scenario.Run r = cli("check", "--config", config(), "--connect");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err())
                .contains(config() + ":" + line + ":")
                .contains("crm.settings.auth.api-token")
                .contains("the environment variable ZD_TOKEN is not set");
        assertThat(r.out()).doesNotContain("Handover procedure");
        assertThat(zendesk.requests()).isEmpty();
    }

    @Test
    void allSecretsSetChecksTheFileInFullWithoutANote() {
        Scenario.Run r = cli("check", "--config", config());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(zendesk.requests()).isEmpty();
    }

    /** The procedure's lines: the first line, which names the file, is not wrapped. */
    static List<String> procedure(Scenario.Run r) {
        return r.out().lines().skip(1).toList();
    }

    static int longest(List<String> lines) {
        return lines.stream().mapToInt(String::length).max().orElseThrow();
    }

    @Test
    void wrapsAtTheWidthWithoutSplittingWordsAndIndentsContinuationLines() throws Exception {
        writePolicy(RICH.replace(
                "Log the complaint", "Log the complaint at https://complaints.example.com/register/new-entry-form"));
        Scenario.Run wide = cli("check", "--config", config(), "--width", "200");
        Scenario.Run narrow = cli("check", "--config", config(), "--width", "60");
        assertThat(narrow.code()).as(narrow.err()).isZero();

        List<String> lines = procedure(narrow);
        assertThat(lines)
                .allSatisfy(l -> assertThat(l.length() <= 60 || !l.strip().contains(" "))
                        .as("within 60 columns or a single word: '%s'", l)
                        .isTrue());
        // a word longer than the line keeps a line of its own, whole
        assertThat(lines).contains("         https://complaints.example.com/register/new-entry-form");
        assertThat(longest(lines)).isGreaterThan(50);
        // the same words in the same order: wrapping only moves line ends
        assertThat(flat(narrow.out())).isEqualTo(flat(wide.out()));
        // continuation lines of a rule's item start under its text, two columns in
        int when = lines.indexOf(lines.stream()
                .filter(l -> l.startsWith("    When: "))
                .findFirst()
                .orElseThrow());
        assertThat(lines.get(when + 1)).startsWith("      ").doesNotStartWith("       ");
        // a list item's continuation under its text, not its bullet
        int item = lines.indexOf(lines.stream()
                .filter(l -> l.startsWith("  - complaint: "))
                .findFirst()
                .orElseThrow());
        assertThat(lines.get(item + 1)).startsWith("    ").doesNotStartWith("     ");

        // without --width: the terminal's $COLUMNS, else 100
        assertThat(longest(procedure(cli("check", "--config", config())))).isBetween(81, 100);
        s.env.put("COLUMNS", "72");
        assertThat(longest(procedure(cli("check", "--config", config())))).isBetween(60, 72);
        assertThat(cli("check", "--config", config(), "--width", "5").err()).contains("--width: at least 20 columns");
    }

    @Test
    void withConnectNamesAgentsAndGroupsFromOneDirectoryRead() throws Exception {
        writePolicy(RICH);
        Scenario.Run offline = cli("check", "--config", config(), "--width", "1000");
        assertThat(offline.code()).as(offline.err()).isZero();
        assertThat(offline.out())
                .contains("Agents and groups are shown by their CRM ids; handover check --connect shows their names.")
                .contains("failing that, agent 20005; failing that, the queue of group 30001")
                .contains("The best available colleague in group 30001 with the skills billing and refunds")
                .contains("  - group 30001: Mon–Fri 08:00–16:00 and Sat 10:00–14:00, Europe/Berlin time.")
                .contains("then 1 day past the deadline to agent 20005, then 2 days past the deadline to group 30001.")
                .contains("the ticket is in group 30001")
                .contains("To: The next shift of group 30001;")
                .doesNotContain("Eve Moneypenny");
        assertThat(zendesk.requests()).isEmpty();

        Scenario.Run quiet = cli("check", "--config", config(), "--connect", "--quiet");
        assertThat(quiet.code()).as(quiet.err()).isZero();
        long quietCalls = zendesk.apiRequestCount();
        zendesk.clearRequests();
        Scenario.Run connected = cli("check", "--config", config(), "--connect", "--width", "1000");
        assertThat(connected.code()).as(connected.err()).isZero();
        // the names come from the directory the id check reads anyway: not one request more
        assertThat(zendesk.apiRequestCount()).isEqualTo(quietCalls);
        assertThat(connected.out())
                .contains("connected to zendesk")
                .contains("failing that, Eve Moneypenny; failing that, the queue of Support, for whoever picks it up")
                .contains("The best available colleague in Support with the skills billing and refunds")
                .contains("  - Support: Mon–Fri 08:00–16:00 and Sat 10:00–14:00, Europe/Berlin time.")
                .contains("then 1 day past the deadline to Eve Moneypenny, then 2 days past the deadline to Support.")
                .contains("the ticket is in Support")
                .contains("To: Jonas Weber;")
                .contains("To: The next shift of Support;")
                .doesNotContain("shown by their CRM ids")
                .doesNotContain("30001")
                .doesNotContain("20005");
    }

    @Test
    void withConnectAnIdTheDirectoryLacksIsRefusedBeforeTheProcedureIsPrinted() throws Exception {
        writePolicy(SINGLE.replace("to: original-owner", "to: { agent: \"20009\" }"));
        // the id check refuses it first: a procedure naming someone the CRM does not have is not printed as valid
        Scenario.Run r = cli("check", "--config", config(), "--connect");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no agent '20009' in the CRM's directory");

        // so are the escalation ladder's; the unit test of Names covers the note a missing name gets
        writePolicy(SINGLE.replace("""
                  pingPongWindow: 0m
                """, """
                  pingPongWindow: 0m
                  reminderPolicies:
                    standard:
                      ladder:
                        - { after: 1h, to: { agent: "20009" } }
                        - { after: 2h, to: { group: "39999" } }
                        - { after: 3h, to: { agent: "20005" } }
                """));
        Scenario.Run ladder = cli("check", "--config", config(), "--connect");
        assertThat(ladder.code()).isEqualTo(2);
        assertThat(ladder.err())
                .contains(
                        "policy.reminderPolicies.standard.ladder[0].to.agent: no agent '20009' in the CRM's directory")
                .contains(
                        "policy.reminderPolicies.standard.ladder[1].to.group: no group '39999' in the CRM's directory");
        assertThat(ladder.out()).doesNotContain("Handover procedure");
    }

    @Test
    void everySentenceTemplateReadsAsEnglish() throws Exception {
        writePolicy(RICH);
        Scenario.Run r = cli("check", "--config", config(), "--width", "1000");
        assertThat(r.code()).as(r.err()).isZero();
        String out = r.out();
        assertThat(out)
                // opening: the required parts as a list, blocking
                .contains("A note must not leave this part empty:\n\n  - Customer and contact details\n")
                .contains("A handover whose note leaves one of them empty is refused until the information is given.")
                // rules: plural lead-in, nested condition lists with "and" and "or"
                .contains("The rules are checked in this order, and the first that applies to a ticket decides:")
                .contains(" 1. complaint-to-lead — Complaints <b>& \"escalations\"</b> go to the lead\n")
                .contains("    When: The ticket is a complaint (by its category, or by complaint wording in English,"
                        + " German, French or Spanish in its subject or description) and the priority is high or"
                        + " higher.\n")
                .contains("    Why: Complaint — a complaint goes to someone with the authority")
                .contains("    To: The assignee's line manager; failing that, agent 20005; failing that, the queue of"
                        + " group 30001, for whoever picks it up next; if nobody can take it, the handover is refused"
                        + " and reported.\n")
                .contains("    Receiver: They must speak the customer's language, be on shift within 1 hour, have"
                        + " capacity left and be allowed to approve the amounts the ticket asks for.\n")
                .contains("    Then: These actions are required:\n"
                        + "      1. Call the customer back — the receiver, within 2 hours of working time.\n"
                        + "      2. Log the complaint — the sender, within 1 day of working time.\n")
                .contains("    Acknowledgement: Within 1 hour of working time; followed up by the reminder policy"
                        + " \"complaint\".\n")
                .contains("    Information: A structured internal note on the ticket, and a task in the CRM for each"
                        + " required action; the customer is told who takes over and why; the customer hears from us"
                        + " within 1 hour 30 minutes of working time.\n")
                .contains("    When: The customer's tier is gold, platinum or silver, the ticket is an enquiry, the"
                        + " ticket is a refund or somebody owns the ticket.\n")
                .contains("    To: The best available colleague in group 30001 with the skills billing and refunds; if"
                        + " nobody there can take it, the handover is refused and reported.\n")
                .contains("    Receiver: They must have the skill billing, be on shift now and be allowed to approve"
                        + " the amounts the ticket asks for.\n")
                .contains("    Then: This action is required:\n      1. Check the invoice — the receiver, within 1"
                        + " hour of working time.\n")
                .contains("    Information: A task in the CRM for each required action; the customer is not told.\n")
                .contains("    Also: It may hand over the same ticket again; it may hand a ticket back to whoever just"
                        + " handed it over; it may move a ticket that another rule has just placed.\n")
                .contains("    When: The status is new or pending, the ticket came in by chat or email, the field plan"
                        + " is enterprise, the field seats is above 100, the field contract is set, the customer"
                        + " belongs to acme or globex, the subject mentions \"down\", \"not working\" or \"outage\", the"
                        + " assignee lacks the skill billing, nothing has happened on the ticket for 1 hour of working"
                        + " time, the assignee's shift ends within 2 hours, the assignee is off shift, the assignee is"
                        + " absent or no longer active, the assignee holds 80% or more of their capacity, the ticket"
                        + " was reopened at least 3 times, the refund_amount is more than the assignee's role may"
                        + " approve (limit refund), the ticket is in group 30001, the ticket does not have the tag vip"
                        + " and nobody owns the ticket.\n")
                .contains(" 3. everything-else — Workload: agent 20002\n")
                .contains("    Acknowledgement: Within 2 hours of working time;")
                .contains(" 4. once — Shift change: the next shift of group 30001\n")
                // a sentence that opens with a bracket has its capital after it
                .contains("    When: (The ticket was reopened at least once or nothing has happened on the ticket for 1"
                        + " minute of working time) and nobody owns the ticket.\n")
                .contains("    Acknowledgement: Not asked; followed up by the reminder policy \"standard\".\n")
                .contains("    Information: A structured internal note on the ticket; the customer is not told.\n")
                // reminders: counts, "every 2 hours", factors, acknowledgement signals, the ladder
                .contains("  - complaint: The receiver is reminded 1 hour after the acknowledgement deadline, and the"
                        + " ticket goes to someone else after 2 unanswered reminders. The sender checks in on each"
                        + " action 30 minutes before its deadline, and while it stays open reminders follow every 2"
                        + " hours, up to 1 reminder. No reminders are sent in the quiet hours from 20:00 to 08:00."
                        + " Reminders come faster for urgent tickets (4 times as fast) and high-priority tickets (1.5"
                        + " times as fast). An explicit acknowledgement or completing the task counts as the"
                        + " acknowledgement. What is still overdue is escalated 1 hour past the deadline to the owner's"
                        + " line manager, then 1 day past the deadline to agent 20005, then 2 days past the deadline to"
                        + " group 30001.\n")
                .contains("  - standard: The receiver is reminded at the acknowledgement deadline, and the ticket goes"
                        + " to someone else after 1 unanswered reminder. The sender checks in on each action at its"
                        + " deadline, and while it stays open reminders follow every hour, up to 3 reminders.")
                // limits: "a" and "an"
                .contains("  - refund: The amount is read from the field refund_amount; an agent may approve up to 50"
                        + " EUR, a lead may approve up to 500 EUR and a manager may approve up to 5000 EUR.\n")
                // hours, holidays (plural), notices, guards with durations
                .contains("  - Everyone else: Mon–Fri 09:00–17:00, Europe/London time.\n")
                .contains("The holidays are 2026-12-25 (Christmas Day) and 2026-12-26.\n")
                .contains("in English, French, German or Spanish (English when their language is not among these);"
                        + " the notice names the receiver by their full name.")
                .contains("  - A ticket is not handed back to whoever handed it over in the last 1 hour, unless the"
                        + " rule allows it (the ping-pong guard).\n")
                .contains("  - A deadline set outside its owner's working hours moves to their last working moment"
                        + " before it, and the note says so.\n")
                .contains("  - A receiver must stay at work until the acknowledgement deadline and 2 hours longer.\n")
                .doesNotContain(" 1 hours")
                .doesNotContain(" a agent")
                .doesNotContain(" an lead")
                .doesNotContain(" h ")
                .doesNotContain(" min ")
                .doesNotContain("not nobody");
        // every item of a rule starts with a capital letter and ends with a full stop or a colon
        List<String> items =
                out.lines().filter(l -> l.matches(" {4}[A-Z][a-z]+: .*")).toList();
        assertThat(items).hasSizeGreaterThan(20).allSatisfy(l -> {
            String text = l.substring(l.indexOf(": ") + 2);
            assertThat(Character.isUpperCase(text.replaceFirst("^[(\"]+", "").charAt(0)))
                    .as(l)
                    .isTrue();
            assertThat(text).as(l).matches(".*[.:]$");
        });
    }

    @Test
    void theSingularFormsOfAPolicyWithOneOfEach() throws Exception {
        writePolicy(SINGLE);
        Scenario.Run r = cli("check", "--config", config(), "--width", "1000");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("is valid: 1 rule, 1 reminder policy")
                .contains("One rule decides when a ticket is handed over:")
                .contains(" 1. solo — Complaint: back to the ticket's original owner\n")
                .contains("    When: The ticket is an order.\n")
                .contains("    To: Back to the ticket's original owner; if they cannot take it, the handover is"
                        + " refused and reported.\n")
                // no limits of authority: nobody is asked to approve amounts, and the section is left out
                .contains("    Receiver: They must speak the customer's language, be on shift within 30 minutes and"
                        + " have capacity left.\n")
                .contains("    Then: This action is required:\n      1. Call back — the receiver, within 1 hour of"
                        + " working time.\n")
                .contains("everyone else works Mon–Fri 09:00–17:00, UTC time.")
                .contains("The holiday is 2026-12-25.\n")
                .contains("A note must not leave these parts empty:")
                .contains("goes through, and a warning names what is missing.")
                .contains("  - A ticket may be handed straight back to whoever handed it over (the ping-pong guard is"
                        + " off).\n")
                .contains("  - A deadline set outside its owner's working hours stays, and the note warns of it.\n")
                .doesNotContain("Limits of authority")
                .doesNotContain("shown by their CRM ids");
    }

    @Test
    void markdownHasHeadingsListsAndShowsMarkupAsWritten() throws Exception {
        writePolicy(RICH);
        Scenario.Run r = cli("check", "--config", config(), "--format", "markdown");
        assertThat(r.code()).as(r.err()).isZero();
        // the document alone on standard output, what check found on standard error
        String md = r.out();
        assertThat(r.err()).contains("is valid: 4 rules, 2 reminder policies");
        List<String> lines = md.lines().toList();
        assertThat(lines.get(0)).isEqualTo("# Handover procedure: Support desk");
        assertThat(lines.stream().filter(l -> l.startsWith("## ")))
                .containsExactly(
                        "## Rules",
                        "## Reminders and escalations",
                        "## Limits of authority",
                        "## Working hours",
                        "## Customer notices",
                        "## Guards");
        assertThat(lines.stream().filter(l -> l.startsWith("### ")))
                .containsExactly(
                        "### 1. complaint-to-lead — Complaints \\<b\\>\\& \"escalations\"\\</b\\> go to the lead",
                        "### 2. tiers — Gold, silver and platinum customers, enquiries and refunds",
                        "### 3. everything-else — Workload: agent 20002",
                        "### 4. once — Shift change: the next shift of group 30001");
        assertThat(lines)
                .contains("- **When:** (The ticket was reopened at least once or nothing has happened on the ticket"
                        + " for 1 minute of working time) and nobody owns the ticket.")
                .contains("  1. Call the customer back — the receiver, within 2 hours of working time.")
                .contains("- **refund:** The amount is read from the field refund\\_amount; an agent may approve up to"
                        + " 50 EUR, a lead may approve up to 500 EUR and a manager may approve up to 5000 EUR.")
                .contains("- Customer and contact details");
        // a heading and a list each follow a blank line, as CommonMark needs for a list after a paragraph
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).startsWith("#")
                    || (lines.get(i).startsWith("- ")
                            && !lines.get(i - 1).startsWith("- ")
                            && !lines.get(i - 1).startsWith("  "))) {
                assertThat(lines.get(i - 1)).as("line before %s", lines.get(i)).isEmpty();
            }
        }
        assertThat(md).doesNotContain("<b>").doesNotContain("\n\n\n");
    }

    @Test
    void htmlIsOneSelfContainedPageWithEverythingEscaped() throws Exception {
        writePolicy(RICH.replace("name: Support desk", "name: \"Support <script>alert(1)</script> & co\""));
        Path file = dir.resolve("procedure.html");
        Scenario.Run r = cli("check", "--config", config(), "--format", "html", "--out", file.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("is valid")
                .contains("The procedure is in " + file + " (html).")
                .doesNotContain("<html");
        String html = Files.readString(file);
        Document doc = Jsoup.parse(html);
        assertThat(doc.select("script")).isEmpty();
        assertThat(doc.select("link, img, iframe, [src]")).isEmpty();
        assertThat(doc.select("style")).hasSize(1);
        assertThat(doc.charset().name()).isEqualTo("UTF-8");
        assertThat(doc.title()).isEqualTo("Handover procedure: Support <script>alert(1)</script> & co");
        assertThat(doc.selectFirst("h1").text()).isEqualTo(doc.title());
        assertThat(doc.select("h2").eachText())
                .containsExactly(
                        "Rules",
                        "Reminders and escalations",
                        "Limits of authority",
                        "Working hours",
                        "Customer notices",
                        "Guards");
        Element first = doc.selectFirst("section.rule#rule-1");
        assertThat(first.selectFirst("h3").text())
                .isEqualTo("1. complaint-to-lead — Complaints <b>& \"escalations\"</b> go to the lead");
        assertThat(first.select("h3 b")).isEmpty();
        assertThat(first.select("> ul > li > strong").eachText())
                .containsExactly("When:", "Why:", "To:", "Receiver:", "Then:", "Acknowledgement:", "Information:");
        assertThat(first.select("ol > li").eachText())
                .containsExactly(
                        "Call the customer back — the receiver, within 2 hours of working time.",
                        "Log the complaint — the sender, within 1 day of working time.");
        assertThat(doc.select("section.rule")).hasSize(4);
        assertThat(html).contains("&lt;script&gt;").contains("&amp; co");
    }

    @Test
    void outIntoADirectoryThatDoesNotExistSaysSo() {
        Path file = dir.resolve("missing").resolve("procedure.md");
        Scenario.Run r = cli("check", "--config", config(), "--format", "markdown", "--out", file.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err())
                .contains(
                        "handover: --out " + file + ": the procedure cannot be written: its directory does not exist");
        assertThat(Files.exists(file)).isFalse();
    }

    @Test
    void aFormatItDoesNotKnowIsAUsageError() {
        Scenario.Run r = cli("check", "--config", config(), "--format", "pdf");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("expected text, markdown or html, was 'pdf'");
        assertThat(Arrays.asList(r.out().split("\n"))).noneMatch(l -> l.startsWith("Handover procedure"));
    }
}
