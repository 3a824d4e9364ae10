package io.scatterguard.mail.bounce.reason;

/**
 * SMTP reply codes (RFC 5321 and its extensions: 1870, 2645, 3030, 3207, 4954, 5248, 6531, 7504):
 * validation and finding the code an error message carries, as Sisimai::SMTP::Reply does. The
 * search lists are in Sisimai's order of preference (550 before 554, and so on).
 */
public final class ReplyCodes {
    private static final String[] CLASS2 = {"211", "214", "220", "221", "235", "250", "251", "252", "253", "334", "354"};
    private static final String[] CLASS4 = {"421", "450", "451", "452", "422", "430", "432", "453", "454", "455", "458", "459"};
    private static final String[] CLASS5 = {
        "550", "552", "553", "551", "521", "525", "523", "524", "530", "533", "534", "535", "538", "555",
        "556", "554", "500", "501", "502", "503", "504",
    };

    private ReplyCodes() {
    }

    /** True for a reply code defined by the SMTP RFCs (the codes {@link #find} looks for). */
    public static boolean isKnown(String code) {
        if (code == null || code.length() != 3) return false;
        String[] list = switch (code.charAt(0)) {
            case '2' -> CLASS2;
            case '4' -> CLASS4;
            case '5' -> CLASS5;
            default -> new String[0];
        };
        for (String c : list) if (c.equals(code)) return true;
        return false;
    }

    /** True for a code that exists: 211-253 (and 235), 334, 354, 4yz, 5yz up to 556, with y ≤ 5. */
    public static boolean isValid(String code) {
        if (code == null || code.length() != 3) return false;
        int v;
        try {
            v = Integer.parseInt(code);
        } catch (NumberFormatException e) {
            return false;
        }
        if (v < 211 || v > 556 || v % 100 > 59) return false;
        int first = v / 100;
        if (first == 2) {
            if (v == 235) return true;
            return v <= 253 && !(v > 221 && v < 250);
        }
        return first != 3 || v == 334 || v == 354;
    }

    /**
     * Finds a reply code in an error message; with a class ('2', '4', '5', e.g. the first digit of
     * the status code) only codes of that class. Digits that belong to a longer number, a status
     * code or an address are ignored. Messages of local delivery agents (X-Unix) carry none.
     */
    public static String find(String text, char classHint) {
        if (text == null || text.length() < 3) return "";
        if (containsIgnoreCase(text, "x-unix")) return "";
        if (classHint == '5') return first(text, CLASS5);
        if (classHint == '4') return first(text, CLASS4);
        if (classHint == '2') return first(text, CLASS2);
        String r = first(text, CLASS5);
        if (r.isEmpty()) r = first(text, CLASS4);
        if (r.isEmpty()) r = first(text, CLASS2);
        return r;
    }

    /** Same as {@link #find(String, char)} with the class from a status/reply code ("" = any). */
    public static String find(String text, String classOf) {
        return find(text, classOf == null || classOf.isEmpty() ? ' ' : classOf.charAt(0));
    }

    private static String first(String text, String[] codes) {
        for (String code : codes) {
            int from = 0;
            while (true) {
                int at = text.indexOf(code, from);
                if (at < 0) break;
                char before = at == 0 ? ' ' : text.charAt(at - 1);
                char after = at + 3 >= text.length() ? ' ' : text.charAt(at + 3);
                if (!numberish(before) && !numberish(after)) return code;
                from = at + 1;
            }
        }
        return "";
    }

    /** '.', '/' and digits: the code is part of a status code, a number or a path. */
    private static boolean numberish(char c) {
        return c >= '.' && c <= '9';
    }

    private static boolean containsIgnoreCase(String text, String lowerNeedle) {
        int n = lowerNeedle.length();
        char first = lowerNeedle.charAt(0);
        for (int i = 0; i + n <= text.length(); i++) {
            if ((text.charAt(i) | 0x20) == first && text.regionMatches(true, i, lowerNeedle, 0, n)) return true;
        }
        return false;
    }
}
