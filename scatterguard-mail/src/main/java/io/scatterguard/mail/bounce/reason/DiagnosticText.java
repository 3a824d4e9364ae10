package io.scatterguard.mail.bounce.reason;

/**
 * Tidies an error message before classification, as Sisimai does: the repeated prefixes of a
 * multi-line reply ("550-5.7.1 ... 550-5.7.1 ... 550 5.7.1 ...") are removed so that phrases split
 * over lines match, HTML fragments are dropped and runs of spaces collapse.
 */
final class DiagnosticText {
    private DiagnosticText() {
    }

    /** Removes "550-5.1.1", "550 5.1.1", "550-" and "550 " when the message is a multi-line reply. */
    static String withoutContinuations(String diag, String reply, String status) {
        if (!diag.contains(reply + "-")) return diag;
        String s = diag;
        for (String sep : new String[] {"-", " "}) {
            if (!status.isEmpty()) s = s.replace(reply + sep + status, "");
            s = s.replace(reply + sep, "");
        }
        if (s.contains(reply)) s = reply + " " + status + " " + s;
        return s;
    }

    /** Drops an HTML fragment (&lt;html&gt; ... &lt;/html&gt;) some servers put in their reply. */
    static String withoutHtml(String s) {
        if (s.indexOf('<') < 0) return s;
        int p1 = indexOfIgnoreCase(s, "<html>");
        int p2 = indexOfIgnoreCase(s, "</html>");
        if (p1 > 0 && p2 > p1) return s.substring(0, p1) + " " + s.substring(p2 + 7);
        return s;
    }

    /** Collapses whitespace runs into one space and trims. */
    static String sweep(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                space = true;
                continue;
            }
            if (space && out.length() > 0) out.append(' ');
            space = false;
            out.append(c);
        }
        return out.toString();
    }

    private static int indexOfIgnoreCase(String s, String needle) {
        for (int i = 0; i + needle.length() <= s.length(); i++) {
            if (s.regionMatches(true, i, needle, 0, needle.length())) return i;
        }
        return -1;
    }
}
