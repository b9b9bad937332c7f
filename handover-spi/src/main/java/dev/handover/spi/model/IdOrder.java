package dev.handover.spi.model;

/** Natural order of CRM ids: numbers by value, everything else as text, numbers first. */
final class IdOrder {
    private IdOrder() {}

    static int compare(String a, String b) {
        boolean an = isDigits(a);
        boolean bn = isDigits(b);
        if (an && bn) {
            String sa = stripZeros(a);
            String sb = stripZeros(b);
            int byLength = Integer.compare(sa.length(), sb.length());
            int byValue = byLength != 0 ? byLength : sa.compareTo(sb);
            // "007" and "7" are the same number but different ids: keep the order consistent with equals
            return byValue != 0 ? byValue : a.compareTo(b);
        }
        if (an != bn) {
            return an ? -1 : 1;
        }
        return a.compareTo(b);
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return !s.isEmpty();
    }

    private static String stripZeros(String s) {
        int i = 0;
        while (i < s.length() - 1 && s.charAt(i) == '0') {
            i++;
        }
        return s.substring(i);
    }
}
