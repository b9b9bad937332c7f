package dev.handover.core.routing;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a receiver must offer to take a ticket. Checked for every agent target; a queue takes anything.
 *
 * @param language the receiver speaks the customer's language (when the ticket's language is known)
 * @param skills skills the receiver needs, lower case
 * @param capacity the receiver holds fewer open tickets than their capacity
 * @param availableWithin the receiver is available (active, present, not absent, on shift) at some point within this
 *     time from now
 * @param authority the receiver's role may approve the amounts the ticket asks for (the policy's limits of authority)
 * @param staysFor once available, the receiver stays at least this long before their shift ends or an absence
 *     begins — able to act, not leaving in fifteen minutes; zero for no such check
 */
public record ReceiverRequirements(
        boolean language,
        Set<String> skills,
        boolean capacity,
        Duration availableWithin,
        boolean authority,
        Duration staysFor) {

    /** The defaults: language, capacity, authority, available within 30 minutes, no particular skill or stay. */
    public static final ReceiverRequirements DEFAULT =
            new ReceiverRequirements(true, Set.of(), true, Duration.ofMinutes(30));

    /** Requirements with the authority check and no stay required. */
    public ReceiverRequirements(boolean language, Set<String> skills, boolean capacity, Duration availableWithin) {
        this(language, skills, capacity, availableWithin, true, Duration.ZERO);
    }

    /** Validates and lower-cases. */
    public ReceiverRequirements {
        skills = Objects.requireNonNull(skills, "skills").stream()
                .map(s -> s.strip().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        Objects.requireNonNull(availableWithin, "available within");
        if (availableWithin.isNegative()) {
            throw new IllegalArgumentException("available within must not be negative, was " + availableWithin);
        }
        Objects.requireNonNull(staysFor, "stays for");
        if (staysFor.isNegative()) {
            throw new IllegalArgumentException("stays for must not be negative, was " + staysFor);
        }
    }

    /** These requirements with the receiver staying at least this long. */
    public ReceiverRequirements withStay(Duration stay) {
        return new ReceiverRequirements(language, skills, capacity, availableWithin, authority, stay);
    }

    /** These requirements with the authority check on or off. */
    public ReceiverRequirements withAuthority(boolean required) {
        return new ReceiverRequirements(language, skills, capacity, availableWithin, required, staysFor);
    }

    /** These requirements with more skills. */
    public ReceiverRequirements withSkills(Set<String> more) {
        if (more.isEmpty()) {
            return this;
        }
        java.util.HashSet<String> all = new java.util.HashSet<>(skills);
        more.forEach(s -> all.add(s.toLowerCase(Locale.ROOT)));
        return new ReceiverRequirements(language, all, capacity, availableWithin, authority, staysFor);
    }
}
