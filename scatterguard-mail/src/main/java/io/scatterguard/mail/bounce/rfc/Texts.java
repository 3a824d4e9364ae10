package io.scatterguard.mail.bounce.rfc;

/** Small text helpers shared by the bounce parsers. */
public final class Texts {
    private Texts() {}

    /**
     * Joins the lines of {@code text} into one line, dropping blank lines, MIME boilerplate
     * ({@code Content-*} headers, boundaries, "This is a MIME..." prologues) and decoration lines;
     * runs of white space collapse to one space. At most {@code max} characters are kept.
     */
    public static String sweepLines(String text, int max) {
        StringBuilder sb = new StringBuilder(Math.min(text.length(), max + 16));
        int start = 0;
        int n = text.length();
        while (start < n && sb.length() < max) {
            int end = text.indexOf('\n', start);
            if (end < 0) end = n;
            String line = text.substring(start, end).strip();
            start = end + 1;
            if (line.isEmpty() || isBoilerplate(line)) continue;
            if (sb.length() > 0) sb.append(' ');
            sb.append(line);
        }
        return collapse(sb.length() > max ? sb.substring(0, max) : sb.toString());
    }

    private static boolean isBoilerplate(String line) {
        return line.startsWith("Content-") || line.startsWith("--") || line.startsWith("This is a MIME")
                || line.startsWith("This is a multi") || line.startsWith("This multi-part")
                || line.startsWith("###") || line.startsWith("***") || line.startsWith("===")
                || line.startsWith("MIME-Version:");
    }

    /** How much of a flattened body the format parsers scan. */
    public static final int HEAD = 64 * 1024;

    /** The first {@link #HEAD} characters of {@code body}: where a report's own text is. */
    public static String head(String body) {
        return body.length() <= HEAD ? body : body.substring(0, HEAD);
    }

    private static final java.nio.charset.Charset ISO_2022_JP = java.nio.charset.Charset.forName("ISO-2022-JP");

    /**
     * Text that still carries ISO-2022-JP escape sequences (a part sent without a charset, as Lotus
     * Notes/Domino and Japanese appliances do) decoded as ISO-2022-JP; other text unchanged.
     */
    public static String decodeIso2022Jp(String s) {
        if (s == null || s.indexOf('\u001b') < 0) return s;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7f) return s;
        }
        return new String(s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), ISO_2022_JP);
    }

    /** Collapses runs of white space into single spaces and strips the ends. */
    public static String collapse(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                space = sb.length() > 0;
            } else {
                if (space) sb.append(' ');
                space = false;
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
