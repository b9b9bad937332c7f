package dev.handover.runner.demo;

/** The parts of the demo day, in the order the timeline tells them. */
enum Scenario {
    SCENE(
            "scene",
            "Setting the scene",
            "The demo team's Monday begins. Each scenario takes its tickets from the demo data; where this seed's"
                    + " data has none that fits as it is, one is given to the scenario's agent now, and the line says"
                    + " so."),
    LANGUAGE(
            "language",
            "A German-speaking customer gets a German speaker",
            "The worker's rule pass finds a German customer with an agent who does not speak German."),
    COMPLAINT(
            "complaint",
            "A complaint goes to the line manager",
            "The customer asks for a manager; the agent hands the ticket up with what was promised."),
    ABSENCE(
            "absence",
            "An absence, and the hand-back on return",
            "Sophie Martin is called to a training from 10:00 to 12:00; her open tickets go to colleagues and"
                    + " come back when she returns."),
    OUTAGE(
            "outage",
            "The CRM goes down in the middle of the day, and nothing is lost",
            "From 12:30 to 12:50 every write to the CRM fails. Two tickets are due to go to the specialists."),
    /** On the days without an outage (all but the first and about one in five): the same tickets, written at once. */
    SPECIALISTS(
            "specialists",
            "Tickets for the specialists",
            "The worker's rule pass at 12:30 finds two tickets that need a specialist, and the CRM takes the writes."),
    UNDONE(
            "undone-action",
            "An action left undone: check-in, reminders, escalation",
            "A refund above the agent's limit goes to Billing L2 with a promise to the customer; the receiver"
                    + " acknowledges but does not do it."),
    SHIFT_CHANGE(
            "shift-change",
            "The 14:00 shift change",
            "Amelia Clarke's early shift ends at 14:00: her open tickets go to the colleagues who work on."),
    NO_ACK(
            "no-acknowledgement",
            "A receiver who never acknowledges",
            "A billing question goes to Billing L2, and the receiver never answers.");

    private final String id;
    private final String title;
    private final String intro;

    Scenario(String id, String title, String intro) {
        this.id = id;
        this.title = title;
        this.intro = intro;
    }

    /** The id used in JSON output. */
    String id() {
        return id;
    }

    String title() {
        return title;
    }

    String intro() {
        return intro;
    }
}
