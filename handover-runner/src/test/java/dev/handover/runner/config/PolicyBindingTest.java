package dev.handover.runner.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.core.note.NoteSection;
import dev.handover.core.policy.ActionOwner;
import dev.handover.core.policy.EscalationStep;
import dev.handover.core.policy.ExchangeMethod;
import dev.handover.core.policy.HandoverPolicy;
import dev.handover.core.policy.HandoverRule;
import dev.handover.core.policy.IncompleteNotes;
import dev.handover.core.policy.NoticeNaming;
import dev.handover.core.policy.ReminderPolicy;
import dev.handover.core.routing.Target;
import dev.handover.core.rule.Condition;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Channel;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.TicketPriority;
import dev.handover.spi.model.TicketStatus;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the YAML says is what the engine gets: each key bound to the same value the Java builders give. */
class PolicyBindingTest {

    static HandoverRule onlyRule(String ruleBody) {
        String yaml = ConfigErrorsTest.CRM + "policy:\n  rules:\n    - id: r1\n      reason: complaint\n      to:"
                + " line-manager\n" + ruleBody.indent(6);
        return ConfigErrorsTest.loads(yaml).policy().rules().get(0);
    }

    static Condition when(String condition) {
        return onlyRule("when: " + condition).condition();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{ complaint: true }                      | complaint",
                "{ complaint: false }                     | not-complaint",
                "{ always: true }                         | always",
                "{ open: true }                           | open",
                "{ unassigned: true }                     | unassigned",
                "{ assigneeAbsent: true }                 | absent",
                "{ assigneeOffShift: true }               | off-shift",
                "{ languageNotSpokenByAssignee: true }    | language",
                "{ compliment: true }                     | compliment",
            })
    void yesNoConditions(String yaml, String expected) {
        Condition c = switch (expected) {
            case "complaint" -> Condition.complaint();
            case "not-complaint" -> Condition.not(Condition.complaint());
            case "always" -> Condition.always();
            case "open" -> Condition.open();
            case "unassigned" -> Condition.unassigned();
            case "absent" -> Condition.assigneeAbsent();
            case "off-shift" -> Condition.assigneeOffShift();
            case "language" -> Condition.languageNotSpokenByAssignee();
            default -> Condition.compliment();
        };
        assertThat(when(yaml)).isEqualTo(c);
    }

    @Test
    void valuedConditions() {
        assertThat(when("{ status: [open, on-hold] }"))
                .isEqualTo(Condition.status(TicketStatus.OPEN, TicketStatus.ON_HOLD));
        assertThat(when("{ priorityAtLeast: high }")).isEqualTo(Condition.priorityAtLeast(TicketPriority.HIGH));
        assertThat(when("{ tag: vip }")).isEqualTo(Condition.tag("vip"));
        assertThat(when("{ tag: [vip, gold] }")).isEqualTo(Condition.any(Condition.tag("vip"), Condition.tag("gold")));
        assertThat(when("{ channel: [email, chat] }")).isEqualTo(Condition.channel(Channel.EMAIL, Channel.CHAT));
        assertThat(when("{ customerTier: [gold, platinum] }")).isEqualTo(Condition.customerTier("gold", "platinum"));
        assertThat(when("{ organization: Acme GmbH }")).isEqualTo(Condition.customerOrganization("Acme GmbH"));
        assertThat(when("{ keywords: [refund, chargeback] }")).isEqualTo(Condition.keywords("refund", "chargeback"));
        assertThat(when("{ keywords: { in: subject, phrases: [API] } }"))
                .isEqualTo(Condition.keywords(Condition.TextScope.SUBJECT, "API"));
        assertThat(when("{ category: billing }")).isEqualTo(Condition.category("billing"));
        assertThat(when("{ assigneeLacksSkill: api }")).isEqualTo(Condition.assigneeLacksSkill("api"));
        assertThat(when("{ idleFor: 1d }")).isEqualTo(Condition.idleFor(Duration.ofDays(1)));
        assertThat(when("{ assigneeShiftEndsWithin: 30m }"))
                .isEqualTo(Condition.assigneeShiftEndsWithin(Duration.ofMinutes(30)));
        assertThat(when("{ assigneeOverloaded: 90% }")).isEqualTo(Condition.assigneeOverloaded(0.9));
        assertThat(when("{ assigneeOverloaded: 1.2 }")).isEqualTo(Condition.assigneeOverloaded(1.2));
        assertThat(when("{ reopenedAtLeast: 2 }")).isEqualTo(Condition.reopenedAtLeast(2));
        assertThat(when("{ inGroup: \"42\" }")).isEqualTo(Condition.inGroup(GroupId.of("42")));
        assertThat(when("{ field: { name: refund_amount, above: 100 } }"))
                .isEqualTo(Condition.field("refund_amount", Condition.Comparison.ABOVE, "100"));
        assertThat(when("{ field: { name: vip, present: true } }"))
                .isEqualTo(Condition.field("vip", Condition.Comparison.PRESENT, ""));
        assertThat(when("{ field: { name: vip, present: false } }"))
                .isEqualTo(Condition.field("vip", Condition.Comparison.ABSENT, ""));
    }

    @Test
    void combinations() {
        assertThat(when("{ complaint: true, priorityAtLeast: high }"))
                .isEqualTo(Condition.all(Condition.complaint(), Condition.priorityAtLeast(TicketPriority.HIGH)));
        assertThat(when("{ any: [ { tag: a }, { not: { tag: b } } ] }"))
                .isEqualTo(Condition.any(Condition.tag("a"), Condition.not(Condition.tag("b"))));
        assertThat(when("[ { tag: a }, { tag: b } ]")).isEqualTo(Condition.all(Condition.tag("a"), Condition.tag("b")));
    }

    @Test
    void targetsAndFallbacks() {
        assertThat(onlyRule("when: { always: true }").target()).isEqualTo(Target.lineManager());
        HandoverRule r = onlyRule("""
                when: { always: true }
                orElse:
                  - next-shift
                  - original-owner
                  - { agent: "7" }
                  - { group: "8" }
                  - { nextShift: "9" }
                  - { bestAvailable: "10" }
                  - { bestAvailable: { group: "11", skills: [api, billing] } }
                  - approver
                  - { approver: "12" }
                """);
        assertThat(r.fallbacks())
                .containsExactly(
                        Target.nextShift(),
                        Target.originalOwner(),
                        Target.agent(AgentId.of("7")),
                        Target.group(GroupId.of("8")),
                        Target.nextShift(GroupId.of("9")),
                        Target.bestAvailable(GroupId.of("10")),
                        Target.bestAvailable(GroupId.of("11"), "api", "billing"),
                        Target.approver(),
                        Target.approver(GroupId.of("12")));
    }

    @Test
    void everyRuleSettingMatchesTheBuilder() {
        HandoverRule r = onlyRule("""
                description: Complaints go to the lead.
                order: 5
                when: { complaint: true }
                receiver: { language: false, skills: [refunds], capacity: false, availableWithin: 1h, authority: false }
                actions:
                  - { do: Call back, within: 2h }
                  - { do: Update the register, owner: sender, within: 1d }
                acknowledgeWithin: 45m
                notifyCustomer: true
                exchange: note
                nextContactWithin: 4h
                repeatable: true
                allowHandBack: true
                overriding: true
                """);
        HandoverRule expected = HandoverRule.builder("r1")
                .description("Complaints go to the lead.")
                .order(5)
                .when(Condition.complaint())
                .reason(dev.handover.core.policy.HandoverReason.COMPLAINT)
                .to(Target.lineManager())
                .requireLanguage(false)
                .requireSkills("refunds")
                .requireCapacity(false)
                .requireAuthority(false)
                .availableWithin(Duration.ofHours(1))
                .action("Call back", ActionOwner.RECEIVER, Duration.ofHours(2))
                .action("Update the register", ActionOwner.SENDER, Duration.ofDays(1))
                .acknowledgeWithin(Duration.ofMinutes(45))
                .notifyCustomer(true)
                .exchange(ExchangeMethod.NOTE)
                .nextContactWithin(Duration.ofHours(4))
                .repeatable()
                .allowHandBack()
                .overriding()
                .build();
        assertThat(r).isEqualTo(expected);
        assertThat(onlyRule("when: { always: true }\nacknowledgeWithin: none").acknowledgeWithin())
                .isEmpty();
    }

    @Test
    void noticesTakeARegisterPerLanguage() {
        HandoverPolicy p = ConfigErrorsTest.loads(ConfigErrorsTest.CRM + ConfigErrorsTest.RULE + """
                          notices:
                            register: { en: formal, de: informal }
                        """)
                .policy();
        assertThat(p.notices().register("en")).isEqualTo(dev.handover.core.notice.NoticeRegister.FORMAL);
        assertThat(p.notices().register("de")).isEqualTo(dev.handover.core.notice.NoticeRegister.INFORMAL);
        assertThat(p.notices().register("fr")).isEqualTo(dev.handover.core.notice.NoticeRegister.FORMAL);
    }

    @Test
    void policyLevelSettings() {
        HandoverPolicy p = ConfigErrorsTest.loads(ConfigErrorsTest.CRM + ConfigErrorsTest.RULE + """
                  name: Night desk
                  pingPongWindow: 2h
                  offHoursDeadlines: move
                  receiverStayMargin: 20m
                  notes:
                    required: [customer, summary, next-contact]
                    incomplete: block
                    historyComments: 5
                  notices:
                    naming: team-only
                    defaultLanguage: de
                    templates:
                      nl: "Hallo {customer}, {receiver} helpt u verder omdat {reason}."
                    phrases:
                      complaint: { nl: we uw klacht serieus nemen }
                  messages:
                    checkIn: "Hi {recipient}, how is {item} going?"
                  reminderPolicies:
                    urgent-care:
                      remindAfter: 10m
                      retargetAfter: 2
                      followUpLead: 15m
                      repeatEvery: 30m
                      maxReminders: 4
                      quietHours: "20:00-08:00"
                      faster: { urgent: 4 }
                      ladder:
                        - { after: 1h, to: line-manager }
                        - { after: 4h, to: head-of-team }
                        - { after: 1d, to: { agent: "99" } }
                        - { after: 2d, to: { group: "5" } }
                      acknowledgedBy: [task-completed]
                  holidays:
                    dates: [2026-12-25, { date: 2026-12-26, name: Boxing day }]
                  calendar: { zone: Europe/Berlin, hours: ["Mon-Fri 08:00-18:00", "Sat 09:00-13:00"] }
                """)
                .policy();
        assertThat(p.name()).isEqualTo("Night desk");
        assertThat(p.pingPongWindow()).hasHours(2);
        assertThat(p.offHoursDeadlines()).isEqualTo(dev.handover.core.policy.OffHoursDeadlines.MOVE);
        assertThat(p.receiverStayMargin()).contains(Duration.ofMinutes(20));
        assertThat(ConfigErrorsTest.loads(ConfigErrorsTest.CRM + ConfigErrorsTest.RULE + """
                          receiverStayMargin: none
                        """)
                        .policy()
                        .receiverStayMargin())
                .isEmpty();
        assertThat(p.requiredSections())
                .containsExactlyInAnyOrder(NoteSection.CUSTOMER, NoteSection.SUMMARY, NoteSection.NEXT_CONTACT);
        assertThat(p.incompleteNotes()).isEqualTo(IncompleteNotes.BLOCK);
        assertThat(p.historyComments()).isEqualTo(5);
        assertThat(p.noticeNaming()).isEqualTo(NoticeNaming.TEAM_ONLY);
        assertThat(p.notices().defaultLanguage()).isEqualTo("de");
        assertThat(p.notices().languages()).contains("nl", "en", "de");
        assertThat(p.notices().phrase(dev.handover.core.policy.HandoverReason.COMPLAINT, "nl"))
                .contains("we uw klacht serieus nemen");
        assertThat(p.followUpMessages().checkIn()).isEqualTo("Hi {recipient}, how is {item} going?");
        assertThat(p.reminderPolicy("urgent-care"))
                .isEqualTo(ReminderPolicy.builder("urgent-care")
                        .acknowledgementReminderAfter(Duration.ofMinutes(10))
                        .retargetAfterReminders(2)
                        .followUpLead(Duration.ofMinutes(15))
                        .repeatEvery(Duration.ofMinutes(30))
                        .maxReminders(4)
                        .quietHours(LocalTime.of(20, 0), LocalTime.of(8, 0))
                        .faster(TicketPriority.URGENT, 4)
                        .ladder(
                                EscalationStep.lineManager(Duration.ofHours(1)),
                                EscalationStep.headOfTeam(Duration.ofHours(4)),
                                EscalationStep.agent(Duration.ofDays(1), AgentId.of("99")),
                                EscalationStep.group(Duration.ofDays(2), GroupId.of("5")))
                        .implicitAcknowledgement(ReminderPolicy.AcknowledgementSignal.TASK_COMPLETED)
                        .build());
        assertThat(p.holidays())
                .extracting(h -> h.date().toString() + " " + h.name())
                .containsExactly("2026-12-25 holiday", "2026-12-26 Boxing day");
        // Christmas is a Friday in 2026: the calendar keeps it off; Saturday morning is on
        assertThat(p.defaultCalendar().isOpen(Instant.parse("2026-12-25T10:00:00Z")))
                .isFalse();
        assertThat(p.defaultCalendar().isOpen(Instant.parse("2026-12-19T10:00:00Z")))
                .isTrue();
        assertThat(p.defaultCalendar().isOpen(Instant.parse("2026-12-19T13:30:00Z")))
                .isFalse();
    }

    @Test
    void theTeamOverlayChangesOnlyWhatItNamesAndMatchesByIdOrEmail() {
        RunnerConfig c = ConfigErrorsTest.loads(ConfigErrorsTest.CRM + ConfigErrorsTest.RULE + """
                team:
                  agents:
                    ANNA@acme.com:
                      skills: [billing]
                      languages: [de, fr]
                      timeZone: Europe/Paris
                      shifts: ["Mon-Fri 06:00-14:00"]
                      manager: "m1"
                      capacity: 7
                      role: lead
                      absences:
                        - { from: 2026-03-02, until: 2026-03-03, reason: holiday, deputy: mia@acme.com }
                        - { from: 2026-04-06, until: 2026-04-06, deputy: nobody@acme.com }
                    "b2": { capacity: 3 }
                    ghost@acme.com: { capacity: 1 }
                """);
        var anna = dev.handover.spi.model.Agent.builder(AgentId.of("a1"))
                .name("Anna")
                .email("anna@acme.com")
                .speaks("en")
                .build();
        var bob = dev.handover.spi.model.Agent.builder(AgentId.of("b2"))
                .name("Bob")
                .email("bob@acme.com")
                .capacity(20)
                .build();
        var manager = dev.handover.spi.model.Agent.builder(AgentId.of("m1"))
                .name("Mia")
                .email("mia@acme.com")
                .build();
        var dir = dev.handover.spi.model.Directory.of(java.util.List.of(anna, bob, manager), java.util.List.of());
        var merged = c.team().apply(dir);
        var a = merged.agent(AgentId.of("a1")).orElseThrow();
        assertThat(a.skills()).containsExactly("billing");
        assertThat(a.languages()).containsExactlyInAnyOrder(Locale.GERMAN, Locale.FRENCH);
        assertThat(a.timeZone()).hasToString("Europe/Paris");
        assertThat(a.shifts()).singleElement().satisfies(s -> {
            assertThat(s.days()).contains(DayOfWeek.MONDAY).doesNotContain(DayOfWeek.SATURDAY);
            assertThat(s.start()).isEqualTo(LocalTime.of(6, 0));
        });
        assertThat(a.manager()).isEqualTo(Optional.of(AgentId.of("m1")));
        assertThat(a.capacity()).isEqualTo(7);
        assertThat(a.role()).isEqualTo("lead");
        // whole days in the agent's zone, the last day included
        assertThat(a.absences()).first().satisfies(x -> {
            assertThat(x.from()).isEqualTo(Instant.parse("2026-03-01T23:00:00Z"));
            assertThat(x.until()).isEqualTo(Instant.parse("2026-03-03T23:00:00Z"));
            assertThat(x.deputy()).contains(AgentId.of("m1")); // by e-mail address, as the manager
        });
        // a deputy who is nobody is reported, and the absence still counts
        assertThat(a.absences()).last().satisfies(x -> assertThat(x.deputy()).isEmpty());
        assertThat(merged.agent(AgentId.of("b2")).orElseThrow().capacity()).isEqualTo(3);
        assertThat(merged.agent(AgentId.of("m1")).orElseThrow()).isEqualTo(manager);
        assertThat(c.team().unmatched(dir))
                .hasSize(2)
                .anySatisfy(u -> assertThat(u).contains("ghost@acme.com").contains("handover.yaml:"))
                .anySatisfy(u -> assertThat(u).contains("deputy 'nobody@acme.com' is no agent in the CRM"));
        assertThat(Set.copyOf(merged.agents())).hasSize(3);
    }

    @Test
    void holidaysAreReadFromAnICalendarFileNextToTheConfiguration(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        java.nio.file.Files.writeString(
                dir.resolve("holidays.ics"),
                String.join(
                        "\r\n",
                        "BEGIN:VCALENDAR",
                        "VERSION:2.0",
                        "BEGIN:VEVENT",
                        "DTSTART;VALUE=DATE:20261003",
                        "DTEND;VALUE=DATE:20261004",
                        "SUMMARY:Tag der Deutschen Einheit",
                        "END:VEVENT",
                        "END:VCALENDAR",
                        ""));
        java.nio.file.Files.writeString(
                dir.resolve("handover.yaml"),
                ConfigErrorsTest.CRM + ConfigErrorsTest.RULE + "  holidays: { ical: holidays.ics }\n");
        HandoverPolicy p = ConfigLoader.with(k -> null, ExampleConfigsTest.CLOCK)
                .load(dir.resolve("handover.yaml"))
                .policy();
        assertThat(p.holidays())
                .extracting(h -> h.date() + " " + h.name())
                .containsExactly("2026-10-03 Tag der Deutschen Einheit");

        java.nio.file.Files.writeString(
                dir.resolve("handover.yaml"),
                ConfigErrorsTest.CRM + ConfigErrorsTest.RULE + "  holidays: { ical: missing.ics }\n");
        ConfigException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                ConfigException.class,
                () -> ConfigLoader.with(k -> null, ExampleConfigsTest.CLOCK).load(dir.resolve("handover.yaml")));
        assertThat(e.getMessage())
                .contains("policy.holidays.ical: the holiday calendar")
                .contains("missing.ics");
    }
}
