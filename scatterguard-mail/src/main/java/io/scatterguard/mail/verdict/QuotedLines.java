package io.scatterguard.mail.verdict;

import java.util.function.Predicate;

/**
 * Finds header fields quoted in plain text: lines that start, after any blanks and {@code >}
 * quoting, with a given field name (SpamAssassin's {@code ^[> ]*Received:}). A field's value runs
 * on over folded continuation lines. Only the first {@link #SCAN_LIMIT} characters are looked at:
 * quoted originals follow the short human-readable part, and a huge attachment must not cost time.
 */
final class QuotedLines {
    /** How much of a body is scanned for quoted header lines. */
    static final int SCAN_LIMIT = 256 * 1024;

    private QuotedLines() {}

    /**
     * Hands the value of every quoted {@code field} (matched case-insensitively, without the colon)
     * to {@code visitor} until it returns true.
     *
     * @return whether the visitor stopped the scan
     */
    static boolean scan(String text, String field, Predicate<String> visitor) {
        if (text == null || text.isEmpty()) return false;
        int limit = Math.min(text.length(), SCAN_LIMIT);
        int n = field.length();
        int line = 0;
        while (line < limit) {
            int i = skipQuoting(text, line, limit);
            int eol = text.indexOf('\n', line);
            if (eol < 0 || eol > limit) eol = limit;
            if (i + n < eol && text.charAt(i + n) == ':' && text.regionMatches(true, i, field, 0, n)) {
                int end = fieldEnd(text, eol, limit);
                if (visitor.test(text.substring(i + n + 1, end))) return true;
                eol = end;
            }
            line = eol + 1;
        }
        return false;
    }

    private static int skipQuoting(String text, int from, int limit) {
        int i = from;
        while (i < limit) {
            char c = text.charAt(i);
            if (c != '>' && c != ' ' && c != '\t') break;
            i++;
        }
        return i;
    }

    /** The end of a field whose first line ends at {@code eol}: continuation lines start with a blank after quoting. */
    private static int fieldEnd(String text, int eol, int limit) {
        int end = eol;
        while (end + 1 < limit && isContinuation(text, end + 1, limit)) {
            int next = text.indexOf('\n', end + 1);
            end = next < 0 || next > limit ? limit : next;
        }
        return end;
    }

    private static boolean isContinuation(String text, int lineStart, int limit) {
        int i = lineStart;
        while (i < limit && text.charAt(i) == '>') i++;
        if (i > lineStart && i < limit && text.charAt(i) == ' ') i++; // "> " is quoting
        return i < limit && (text.charAt(i) == ' ' || text.charAt(i) == '\t');
    }
}
