package io.scatterguard.tools.probe;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One SMTP reply: its code and the text of each line (after "250-" / "250 "). */
public record Reply(int code, List<String> lines) {
    private static final Pattern ENHANCED = Pattern.compile("^([245])\\.(\\d{1,3})\\.(\\d{1,3})\\b");

    public Reply {
        lines = List.copyOf(lines);
    }

    public boolean positive() {
        return code >= 200 && code < 300;
    }

    public boolean transientFailure() {
        return code >= 400 && code < 500;
    }

    public boolean permanentFailure() {
        return code >= 500 && code < 600;
    }

    /** All lines joined with spaces. */
    public String text() {
        return String.join(" ", lines);
    }

    /** The RFC 3463 enhanced status code at the start of the first line, or "". */
    public String enhancedStatus() {
        if (lines.isEmpty()) return "";
        Matcher m = ENHANCED.matcher(lines.get(0));
        return m.find() ? m.group() : "";
    }

    /** True when an EHLO reply lists this extension keyword (case-insensitive, first word of a line). */
    public boolean hasExtension(String keyword) {
        for (int i = 1; i < lines.size(); i++) {
            String l = lines.get(i).strip().toUpperCase(Locale.ROOT);
            if (l.equals(keyword) || l.startsWith(keyword + " ")) return true;
        }
        return false;
    }

    @Override
    public String toString() {
        return code + (lines.isEmpty() ? "" : " " + text());
    }
}
