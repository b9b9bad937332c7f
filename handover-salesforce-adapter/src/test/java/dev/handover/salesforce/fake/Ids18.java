package dev.handover.salesforce.fake;

/** Salesforce's 18-character ids, as the fake org issues and accepts them. */
public final class Ids18 {
    private static final String SUFFIX = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

    private Ids18() {}

    /** The 18-character form of a 15-character id. */
    public static String of(String id15) {
        if (id15.length() != 15) {
            throw new IllegalArgumentException("a 15-character id is needed, was " + id15);
        }
        StringBuilder sb = new StringBuilder(id15);
        for (int chunk = 0; chunk < 15; chunk += 5) {
            int bits = 0;
            for (int i = 0; i < 5; i++) {
                if (Character.isUpperCase(id15.charAt(chunk + i))) {
                    bits |= 1 << i;
                }
            }
            sb.append(SUFFIX.charAt(bits));
        }
        return sb.toString();
    }

    /** An id with this key prefix and number: {@code of("500", 7)} is {@code 500000000000007AAA}. */
    public static String of(String prefix, long number) {
        return of(prefix + String.format("%0" + (15 - prefix.length()) + "d", number));
    }

    /** The 18-character form of a 15- or 18-character alphanumeric id, or null. */
    static String normalize(String id) {
        if (id == null || !id.matches("[A-Za-z0-9]{15}([A-Za-z0-9]{3})?")) {
            return null;
        }
        String full = of(id.substring(0, 15));
        return id.length() == 15 || full.equalsIgnoreCase(id) ? full : null;
    }
}
