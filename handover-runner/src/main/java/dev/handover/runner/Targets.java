package dev.handover.runner;

import dev.handover.core.routing.Target;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.GroupId;
import java.util.Arrays;

/** Reads a target written on the command line. */
final class Targets {
    static final String FORMS = "agent:ID, group:ID, best:GROUP-ID[:skill,skill], next-shift[:GROUP-ID], line-manager"
            + " or original-owner";

    private Targets() {}

    static Target parse(String raw) {
        String v = raw.strip();
        int colon = v.indexOf(':');
        String kind = colon < 0 ? v : v.substring(0, colon);
        String rest = colon < 0 ? "" : v.substring(colon + 1).strip();
        switch (kind) {
            case "line-manager" -> {
                return noArgument(kind, rest, Target.lineManager());
            }
            case "original-owner" -> {
                return noArgument(kind, rest, Target.originalOwner());
            }
            case "next-shift" -> {
                return rest.isEmpty() ? Target.nextShift() : Target.nextShift(GroupId.of(rest));
            }
            case "agent" -> {
                return Target.agent(AgentId.of(required(kind, rest)));
            }
            case "group" -> {
                return Target.group(GroupId.of(required(kind, rest)));
            }
            case "best" -> {
                String[] parts = required(kind, rest).split(":", 2);
                String[] skills = parts.length == 2
                        ? Arrays.stream(parts[1].split(","))
                                .map(String::strip)
                                .filter(s -> !s.isEmpty())
                                .toArray(String[]::new)
                        : new String[0];
                return Target.bestAvailable(GroupId.of(parts[0].strip()), skills);
            }
            default -> throw new IllegalArgumentException("--to '" + raw + "' is not a target; use " + FORMS);
        }
    }

    private static Target noArgument(String kind, String rest, Target t) {
        if (!rest.isEmpty()) {
            throw new IllegalArgumentException("--to " + kind + " takes no id, found '" + rest + "'");
        }
        return t;
    }

    private static String required(String kind, String rest) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(
                    "--to " + kind + ": needs an id after the colon, such as " + kind + ":12345");
        }
        return rest;
    }
}
