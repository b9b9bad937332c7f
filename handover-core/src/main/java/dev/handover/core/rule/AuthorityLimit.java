package dev.handover.core.rule;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A limit of authority: how far each role may go on one measure, such as the refund amount a role may grant. A ticket
 * whose field value is above the assignee's ceiling needs more authority than the assignee has.
 *
 * @param name the limit's name, referred to by rules ({@code refund})
 * @param field the ticket custom field holding the amount ({@code refund_amount})
 * @param unit what the amount is in, for people ({@code EUR}); may be empty
 * @param ceilings the highest value each role may approve; a role not listed has no authority (ceiling zero)
 */
public record AuthorityLimit(String name, String field, String unit, Map<String, BigDecimal> ceilings) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    /** Validates and copies. */
    public AuthorityLimit {
        Objects.requireNonNull(name, "limit name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "authority limit name must be lower-case letters, digits or hyphens," + " was '" + name + "'");
        }
        Objects.requireNonNull(field, "limit " + name + ": field");
        if (field.isBlank()) {
            throw new IllegalArgumentException("authority limit " + name + ": field must not be blank");
        }
        Objects.requireNonNull(unit, "limit " + name + ": unit");
        Map<String, BigDecimal> copy = new LinkedHashMap<>();
        Objects.requireNonNull(ceilings, "limit " + name + ": ceilings").forEach((role, ceiling) -> {
            Objects.requireNonNull(role, "limit " + name + ": role");
            Objects.requireNonNull(ceiling, "limit " + name + ": ceiling of role " + role);
            if (ceiling.signum() < 0) {
                throw new IllegalArgumentException("authority limit " + name + ": ceiling of role " + role
                        + " must not be negative, was " + ceiling);
            }
            copy.put(role, ceiling);
        });
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("authority limit " + name + " needs at least one role's ceiling");
        }
        ceilings = Collections.unmodifiableMap(copy);
    }

    /** The ceiling of a role: zero for a role not listed. */
    public BigDecimal ceilingOf(String role) {
        return ceilings.getOrDefault(role, BigDecimal.ZERO);
    }

    /** The roles, lowest ceiling first, whose ceiling covers this amount. */
    public Optional<String> lowestRoleCovering(BigDecimal amount) {
        return ceilings.entrySet().stream()
                .filter(e -> e.getValue().compareTo(amount) >= 0)
                .min(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey);
    }

    /** The amount a ticket asks for, when its field holds a number. */
    public Optional<BigDecimal> amountOf(Map<String, String> customFields) {
        String raw = customFields.get(field);
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(raw.strip().replace(",", "")));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** In words: {@code refund (field refund_amount, EUR): agent up to 100, senior up to 500}. */
    public String describe() {
        StringBuilder sb = new StringBuilder(name).append(" (field ").append(field);
        if (!unit.isEmpty()) {
            sb.append(", ").append(unit);
        }
        sb.append("): ");
        ceilings.entrySet().stream()
                .sorted(Map.Entry.<String, BigDecimal>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sb.append(e.getKey())
                        .append(" up to ")
                        .append(e.getValue().toPlainString())
                        .append(", "));
        sb.setLength(sb.length() - 2);
        return sb.toString();
    }
}
