package io.scatterguard.mail.verdict;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds our relays on the Received lines of a quoted original, the way SpamAssassin's
 * {@code whitelist_bounce_relays} does: every dotted token on a {@code Received:} line (host names
 * and IP addresses, wherever they stand) is matched against host-name globs ({@code *} any run of
 * host characters, {@code ?} one). Works on parsed header values and on plain text where the
 * original is only quoted, with lines like {@code > Received: from ...}. Immutable and thread-safe.
 */
final class RelayMatcher {
    private static final String HOST_CHARS = "[a-z0-9._-]";
    private static final String RECEIVED = "Received:";

    private final Pattern globs;

    RelayMatcher(List<String> hostGlobs) {
        this.globs = hostGlobs.isEmpty() ? null : compile(hostGlobs);
    }

    boolean isEmpty() {
        return globs == null;
    }

    /** The first token of these header values that is one of our relays. */
    Optional<String> matchValues(List<String> receivedValues) {
        if (globs == null) return Optional.empty();
        for (String v : receivedValues) {
            Optional<String> hit = matchLine(v);
            if (hit.isPresent()) return hit;
        }
        return Optional.empty();
    }

    /**
     * The first of our relays on a {@code Received:} line (and its folded continuation lines)
     * quoted in plain text; the prefix before the field name may only be blanks and {@code >}.
     */
    Optional<String> matchText(String text) {
        if (globs == null || text == null) return Optional.empty();
        int from = 0;
        int hit;
        while ((hit = text.indexOf(RECEIVED, from)) >= 0) {
            from = hit + RECEIVED.length();
            if (!atQuotedLineStart(text, hit)) continue;
            Optional<String> m = matchLine(field(text, from));
            if (m.isPresent()) return m;
        }
        return Optional.empty();
    }

    private Optional<String> matchLine(String line) {
        int n = line.length();
        int i = 0;
        while (i < n) {
            while (i < n && !isHostChar(line.charAt(i))) i++;
            int start = i;
            while (i < n && isHostChar(line.charAt(i))) i++;
            if (i > start) {
                String token = trimDots(line.substring(start, i).toLowerCase(Locale.ROOT));
                if (token.indexOf('.') > 0 && globs.matcher(token).matches()) return Optional.of(token);
            }
        }
        return Optional.empty();
    }

    /** The value after {@code Received:} up to the end of its last continuation line. */
    private static String field(String text, int valueStart) {
        int end = text.indexOf('\n', valueStart);
        while (end >= 0 && end + 1 < text.length() && isContinuation(text, end + 1)) {
            end = text.indexOf('\n', end + 1);
        }
        return end < 0 ? text.substring(valueStart) : text.substring(valueStart, end);
    }

    /** A line that continues a folded field: after any {@code >} quoting, it starts with a blank. */
    private static boolean isContinuation(String text, int lineStart) {
        int i = lineStart;
        while (i < text.length() && text.charAt(i) == '>') i++;
        if (i > lineStart && i < text.length() && text.charAt(i) == ' ') i++; // "> " is quoting
        return i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t');
    }

    private static boolean atQuotedLineStart(String text, int pos) {
        for (int i = pos - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (c == '\n') return true;
            if (c != ' ' && c != '>' && c != '\t') return false;
        }
        return true;
    }

    private static boolean isHostChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
    }

    private static String trimDots(String t) {
        int s = 0;
        int e = t.length();
        while (s < e && t.charAt(s) == '.') s++;
        while (e > s && t.charAt(e - 1) == '.') e--;
        return t.substring(s, e);
    }

    private static Pattern compile(List<String> hostGlobs) {
        StringBuilder re = new StringBuilder();
        for (String g : hostGlobs) {
            String glob = g.strip().toLowerCase(Locale.ROOT);
            if (glob.isEmpty()) continue;
            if (re.length() > 0) re.append('|');
            re.append("(?:");
            for (char c : glob.toCharArray()) {
                if (c == '*') re.append(HOST_CHARS).append('*');
                else if (c == '?') re.append(HOST_CHARS);
                else re.append(Pattern.quote(String.valueOf(c)));
            }
            re.append(')');
        }
        return re.length() == 0 ? Pattern.compile("(?!)") : Pattern.compile(re.toString());
    }
}
