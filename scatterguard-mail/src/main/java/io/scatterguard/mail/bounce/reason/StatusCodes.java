package io.scatterguard.mail.bounce.reason;

import io.scatterguard.mail.bounce.Reason;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 3463 enhanced status codes: finding them in free text (with Sisimai's rules for choosing one
 * when several appear), validating them, the standard code → reason table and Sisimai's internal
 * pseudo codes ({@code X.0.9NN}) for results whose message carried no code at all.
 *
 * <p>Tables follow the IANA SMTP enhanced status code registry as Sisimai::SMTP::Status maps it.
 */
public final class StatusCodes {
    private static final String IP_MASK = "***.***.***.***";
    private static final char[] ALL_CLASSES = {'5', '4', '2'};

    private StatusCodes() {
    }

    /** True for a syntactically valid code: class 2, 4 or 5, subject 0-7, any detail (e.g. 5.7.606). */
    public static boolean isValid(String code) {
        if (code == null || code.length() < 5 || code.length() > 7) return false;
        int d1 = code.indexOf('.');
        int d2 = code.indexOf('.', d1 + 1);
        if (d1 != 1 || d2 != 3 || code.indexOf('.', d2 + 1) >= 0) return false;
        char c = code.charAt(0);
        char s = code.charAt(2);
        if (c != '2' && c != '4' && c != '5') return false;
        if (s < '0' || s > '7') return false;
        for (int i = 4; i < code.length(); i++) {
            if (!Character.isDigit(code.charAt(i))) return false;
        }
        return true;
    }

    /** True for Sisimai's internal codes such as 5.0.911: not something a server said. */
    public static boolean isPseudo(String code) {
        return code != null && code.length() == 7 && code.startsWith(".0.9", 1);
    }

    /**
     * Finds the status code in an error message. With a class hint ('2', '4' or '5', e.g. the first
     * digit of the reply code) only codes of that class are considered. IPv4 addresses and version
     * numbers ("v1.2.3") are not mistaken for codes; X.0.0 and 4.4.7 are used only when nothing more
     * specific appears; several specific codes are reduced with {@link #prefer}.
     */
    public static String find(String text, char classHint) {
        if (text == null || text.length() < 7) return "";
        String s = " " + text + "   ";
        if (s.indexOf('.') < 0) return "";
        s = maskIpv4(s);
        char[] classes = (classHint == '2' || classHint == '4' || classHint == '5') ? new char[] {classHint} : ALL_CLASSES;

        List<String> codes = new ArrayList<>(3);
        String fallback = "";
        int n = s.length();
        for (int i = 1; i + 4 < n; i++) {
            char c = s.charAt(i);
            if (s.charAt(i + 1) != '.' || !isClass(c, classes)) continue;
            char before = s.charAt(i - 1);
            if ((before >= '.' && before <= '9') || before == 'V' || before == 'v') continue;
            char subject = s.charAt(i + 2);
            if (subject < '0' || subject > '7' || s.charAt(i + 3) != '.') continue;
            if (!isDigit(s.charAt(i + 4))) continue;
            String code = s.substring(i, i + 5);
            if (code.startsWith(".0.0", 1) || code.equals("4.4.7")) {
                fallback = code;
                continue;
            }
            if (!isDigit(charAt(s, i + 5))) { codes.add(code); continue; }
            if (!isDigit(charAt(s, i + 6))) { codes.add(s.substring(i, i + 6)); continue; }
            if (isDigit(charAt(s, i + 7))) continue;
            codes.add(s.substring(i, i + 7));
        }
        if (!fallback.isEmpty()) codes.add(fallback);
        if (codes.isEmpty()) return "";
        String chosen = codes.get(0);
        for (int i = 1; i < codes.size(); i++) chosen = prefer(chosen, codes.get(i), "");
        return chosen;
    }

    /** Same as {@link #find(String, char)} with the class taken from a reply or status code ("" = any). */
    public static String find(String text, String classOf) {
        return find(text, classOf == null || classOf.isEmpty() ? ' ' : classOf.charAt(0));
    }

    /**
     * Chooses between the code a report states (Status: field) and the code found in the error
     * message, as Sisimai does: a reply code's class decides first, then the more specific code wins
     * over X.0.0 / X.Y.0, and vague or protocol-level codes (4.4.7, 4.7.0, 5.3.*, X.5.1/2/4/5) give
     * way to the message's code.
     */
    public static String prefer(String stated, String inMessage, String reply) {
        if (stated == null || stated.isEmpty()) return inMessage == null ? "" : inMessage;
        if (inMessage == null || inMessage.isEmpty()) return stated;
        if (stated.length() < 5) return inMessage;
        if (inMessage.length() < 5) return stated;
        char r = reply == null || reply.isEmpty() ? '0' : reply.charAt(0);
        if (stated.charAt(0) != inMessage.charAt(0)) {
            if (r == stated.charAt(0)) return stated;
            if (r == inMessage.charAt(0)) return inMessage;
        }
        if (stated.equals(inMessage)) return stated;

        int zero1s = stated.indexOf(".0");
        int zero1m = inMessage.indexOf(".0");
        int zero2s = stated.indexOf(".0.0");
        int zero2m = inMessage.indexOf(".0.0");
        if (zero2s > 0) return zero2m < 0 ? inMessage : stated;
        if (zero1s > 0 && zero1m < 0) return inMessage;
        if (zero2m > 0) return stated;
        if (stated.equals("4.4.7") || stated.equals("4.7.0")) return inMessage;
        if (stated.startsWith("5.3.")) return inMessage;
        if (stated.startsWith(".5.1", 1) || stated.startsWith(".5.2", 1)
                || stated.startsWith(".5.4", 1) || stated.startsWith(".5.5", 1)) return inMessage;
        if (stated.equals("5.1.1")) {
            return zero1m > 0 || inMessage.startsWith("5.5.") ? stated : inMessage;
        }
        if (stated.equals("5.1.3") && inMessage.startsWith("5.7.")) return inMessage;
        return stated;
    }

    /** The reason a specific status code stands for, or null (X.0.0, unknown or invalid codes). */
    public static Reason reasonOf(String code) {
        if (code == null || !isValid(code)) return null;
        return NAMES.get(code);
    }

    /**
     * Sisimai's internal code for a reason when no code was found: 5.0.9NN for a permanent error,
     * 4.0.9NN for a temporary one. Empty for reasons without a code (delivered, feedback, vacation)
     * and, as in Sisimai, for a "temporary" userunknown, hostunknown or hasmoved, which cannot be.
     */
    public static String pseudo(Reason reason, boolean temporary) {
        Integer n = PSEUDO.get(reason);
        if (n == null) return "";
        if (!temporary) return "5.0." + n;
        if (reason.alwaysHard()) return "";
        return reason == Reason.FILTERED ? "4.0.924" : "4.0." + n;
    }

    /** Replaces dotted-quad IPv4 addresses with "***.***.***.***" so their digits are not read as codes. */
    static String maskIpv4(String s) {
        StringBuilder out = null;
        int copied = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            if (!isDigit(s.charAt(i)) || (i > 0 && (isDigit(s.charAt(i - 1)) || s.charAt(i - 1) == '.'))) continue;
            int end = dottedQuadEnd(s, i);
            if (end < 0) continue;
            if (out == null) out = new StringBuilder(n + 16);
            out.append(s, copied, i).append(IP_MASK);
            copied = end;
            i = end - 1;
        }
        if (out == null) return s;
        return out.append(s, copied, n).toString();
    }

    /** End index of a dotted quad starting at i (not followed by a digit), or -1. */
    private static int dottedQuadEnd(String s, int i) {
        int p = i;
        for (int part = 0; part < 4; part++) {
            int start = p;
            while (p < s.length() && isDigit(s.charAt(p)) && p - start < 4) p++;
            int len = p - start;
            if (len < 1 || len > 3) return -1;
            if (part < 3) {
                if (p >= s.length() || s.charAt(p) != '.') return -1;
                p++;
            }
        }
        return p < s.length() && isDigit(s.charAt(p)) ? -1 : p;
    }

    private static boolean isClass(char c, char[] classes) {
        for (char k : classes) if (k == c) return true;
        return false;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static char charAt(String s, int i) {
        return i < s.length() ? s.charAt(i) : ' ';
    }

    /** Standard code → reason (Sisimai::SMTP::Status "name"); X.0.0 and generic codes are absent. */
    private static final Map<String, Reason> NAMES = new HashMap<>();
    /** Sisimai internal code numbers: 5.0.NNN / 4.0.NNN. */
    private static final Map<Reason, Integer> PSEUDO = new EnumMap<>(Reason.class);

    private static void name(Reason r, String... codes) {
        for (String c : codes) NAMES.put(c, r);
    }

    static {
        name(Reason.DELIVERED, "2.1.5");
        // Temporary (4.x.x) codes
        name(Reason.HASMOVED, "4.1.6", "5.1.6", "5.7.17", "5.7.18");
        name(Reason.REJECTED, "4.1.7", "4.1.8", "5.1.7", "5.1.8");
        name(Reason.SYSTEMERROR, "4.1.9", "4.3.3", "4.3.5", "4.4.3", "4.5.3", "4.5.5",
                "5.1.9", "5.3.0", "5.3.3", "5.3.5", "5.4.3", "5.5.4", "5.5.5");
        name(Reason.BLOCKED, "4.2.1", "4.7.1", "4.7.2");
        name(Reason.MAILBOXFULL, "4.2.2", "5.2.2");
        name(Reason.EXCEEDLIMIT, "4.2.3", "5.2.3");
        name(Reason.FILTERED, "4.2.4", "5.1.4", "5.2.0", "5.2.1", "5.2.4");
        name(Reason.SYSTEMFULL, "4.3.1", "4.4.5", "5.3.1");
        name(Reason.NOTACCEPT, "4.3.2", "5.1.10", "5.3.2", "5.7.27");
        name(Reason.EXPIRED, "4.4.1", "4.4.7");
        name(Reason.NETWORKERROR, "4.4.2", "4.4.4", "4.4.6", "4.4.8", "5.4.0");
        name(Reason.CONTENTERROR, "4.6.0", "4.6.2", "4.6.5", "5.6.0", "5.6.1", "5.6.2", "5.6.3",
                "5.6.5", "5.6.6", "5.6.7", "5.6.8", "5.6.9");
        name(Reason.SECURITYERROR, "4.7.5", "4.7.6", "4.7.7", "4.7.12", "4.7.15",
                "5.7.0", "5.7.1", "5.7.2", "5.7.3", "5.7.4", "5.7.5", "5.7.6", "5.7.7", "5.7.8",
                "5.7.9", "5.7.10", "5.7.11", "5.7.14", "5.7.15", "5.7.19");
        name(Reason.MESGTOOBIG, "4.7.16", "5.3.4", "5.7.16");
        name(Reason.AUTHFAILURE, "4.7.24", "4.7.26", "5.7.20", "5.7.21", "5.7.22", "5.7.23",
                "5.7.24", "5.7.26", "5.7.29");
        name(Reason.REQUIREPTR, "4.7.25", "5.7.25");
        name(Reason.USERUNKNOWN, "5.1.0", "5.1.1", "5.1.3");
        name(Reason.HOSTUNKNOWN, "5.1.2", "5.4.4");
        name(Reason.SYNTAXERROR, "5.5.2", "5.5.6");
        name(Reason.TOOMANYCONN, "5.5.3");
        name(Reason.SUSPEND, "5.7.13");
        name(Reason.SPAMDETECTED, "5.7.28");
        name(Reason.FAILEDSTARTTLS, "5.7.30");

        Object[][] pseudo = {
            {Reason.AUTHFAILURE, 926}, {Reason.BADREPUTATION, 975}, {Reason.BLOCKED, 971},
            {Reason.CONTENTERROR, 960}, {Reason.EXCEEDLIMIT, 923}, {Reason.EXPIRED, 947},
            {Reason.FAILEDSTARTTLS, 976}, {Reason.FILTERED, 910}, {Reason.HASMOVED, 916},
            {Reason.HOSTUNKNOWN, 912}, {Reason.MAILBOXFULL, 922}, {Reason.MAILERERROR, 939},
            {Reason.MESGTOOBIG, 934}, {Reason.NETWORKERROR, 944}, {Reason.NORELAYING, 909},
            {Reason.NOTACCEPT, 932}, {Reason.NOTCOMPLIANTRFC, 974}, {Reason.ONHOLD, 901},
            {Reason.POLICYVIOLATION, 972}, {Reason.REJECTED, 918}, {Reason.REQUIREPTR, 973},
            {Reason.SECURITYERROR, 970}, {Reason.SPAMDETECTED, 980}, {Reason.SPEEDING, 946},
            {Reason.SUPPRESSED, 903}, {Reason.SUSPEND, 921}, {Reason.SYSTEMERROR, 930},
            {Reason.SYSTEMFULL, 931}, {Reason.SYNTAXERROR, 902}, {Reason.TOOMANYCONN, 945},
            {Reason.USERUNKNOWN, 911}, {Reason.UNDEFINED, 900}, {Reason.VIRUSDETECTED, 981},
        };
        for (Object[] p : pseudo) PSEUDO.put((Reason) p[0], (Integer) p[1]);
    }
}
