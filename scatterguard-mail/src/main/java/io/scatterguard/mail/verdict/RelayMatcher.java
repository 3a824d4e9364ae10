package io.scatterguard.mail.verdict;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds our relays on the Received lines of a quoted original, the way SpamAssassin's
 * {@code whitelist_bounce_relays} does: every dotted token on a {@code Received:} line (host names
 * and IP addresses, wherever they stand) is matched against host-name globs ({@code *} any run of
 * host characters, {@code ?} one), case-insensitively. Works on parsed header values and on plain
 * text where the original is only quoted, with lines like {@code > Received: from ...}.
 * Immutable and thread-safe.
 */
final class RelayMatcher {
    private static final String HOST_CHARS = "[a-z0-9._-]";

    private final Pattern globs;

    RelayMatcher(List<String> hostGlobs) {
        this.globs = compile(hostGlobs);
    }

    boolean isEmpty() {
        return globs == null;
    }

    /** The first token of these header values that is one of our relays. */
    Optional<String> matchValues(List<String> receivedValues) {
        if (globs == null) return Optional.empty();
        for (String v : receivedValues) {
            String hit = matchLine(v);
            if (hit != null) return Optional.of(hit);
        }
        return Optional.empty();
    }

    /** The first of our relays on a {@code Received:} field quoted in plain text (see {@link QuotedLines}). */
    Optional<String> matchText(String text) {
        if (globs == null) return Optional.empty();
        String[] hit = new String[1];
        QuotedLines.scan(text, "Received", value -> (hit[0] = matchLine(value)) != null);
        return Optional.ofNullable(hit[0]);
    }

    /** The first dotted token of {@code line} that matches a glob, lower-cased, or null. */
    private String matchLine(String line) {
        Matcher m = globs.matcher(line);
        int n = line.length();
        int i = 0;
        while (i < n) {
            while (i < n && !isHostChar(line.charAt(i))) i++;
            int start = i;
            boolean dotted = false;
            while (i < n && isHostChar(line.charAt(i))) dotted |= line.charAt(i++) == '.';
            if (!dotted) continue;
            int s = start;
            int e = i;
            while (s < e && line.charAt(s) == '.') s++;
            while (e > s && line.charAt(e - 1) == '.') e--;
            if (e > s && m.region(s, e).matches()) return line.substring(s, e).toLowerCase(Locale.ROOT);
        }
        return null;
    }

    private static boolean isHostChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
    }

    /** One alternation of all globs, or null when there are none. */
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
                else if (Character.isLetterOrDigit(c)) re.append(c);
                else re.append('\\').append(c);
            }
            re.append(')');
        }
        return re.length() == 0 ? null : Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE);
    }
}
