package io.scatterguard.tools.logaudit;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small string helpers shared by the MTA log readers: {@code key=value} fields and bracketed addresses. */
final class LogText {
    private LogText() {}

    /** Postfix's "queued as ID", Exim's "OK id=ID", Sendmail's "ID Message accepted for delivery". */
    private static final Pattern QUEUED_AS = Pattern.compile("queued as ([0-9A-Za-z]{5,30})"
            + "|\\bid=([0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4})"
            + "|\\b([0-9A-Za-z]{8,20}) Message accepted for delivery");
    private static final Pattern AUTORESPONDER = Pattern.compile(
            "(?i)vacation|auto[-_]?repl|auto[-_]?respon|out[-_]?of[-_]?office");

    /**
     * The value of {@code name=} in {@code text} from {@code from} on, up to {@code ", "} (or the
     * end); angle brackets around addresses are kept. Null when the field is absent.
     */
    static String field(String text, String name, int from) {
        int p = find(text, name + "=", from);
        if (p < 0) return null;
        int start = p + name.length() + 1;
        int end = text.indexOf(", ", start);
        return text.substring(start, end < 0 ? text.length() : end);
    }

    /** Position of {@code key} at a field boundary (start of text or after ", " / " "), or -1. */
    static int find(String text, String key, int from) {
        int p = from;
        while ((p = text.indexOf(key, p)) >= 0) {
            if (p == 0 || text.charAt(p - 1) == ' ' || text.charAt(p - 1) == ',') return p;
            p += key.length();
        }
        return -1;
    }

    /** {@code <a@b>} → {@code a@b}; {@code <>} → ""; anything else as it is. */
    static String unbracket(String s) {
        if (s == null) return null;
        String t = s.strip();
        if (t.length() >= 2 && t.charAt(0) == '<' && t.charAt(t.length() - 1) == '>') return t.substring(1, t.length() - 1);
        return t;
    }

    /** The address inside the last {@code [...]} of {@code host[ip]} or {@code host [ip]}, or "". */
    static String bracketIp(String hostAndIp) {
        if (hostAndIp == null) return "";
        int close = hostAndIp.lastIndexOf(']');
        int open = close < 0 ? -1 : hostAndIp.lastIndexOf('[', close);
        if (open < 0) return "";
        return hostAndIp.substring(open + 1, close);
    }

    /** The queue id another server (or our own re-injection port) gave in its acceptance reply, or "". */
    static String queuedAs(String replyText) {
        Matcher m = QUEUED_AS.matcher(replyText);
        if (!m.find()) return "";
        for (int g = 1; g <= m.groupCount(); g++) if (m.group(g) != null) return m.group(g);
        return "";
    }

    /** True when a transport, router, mailer or command name looks like a vacation program or autoresponder. */
    static boolean autoresponder(String name) {
        return name != null && AUTORESPONDER.matcher(name).find();
    }

    /** True when a queue-id-like token has at least one digit or capital (so "warning" is not one). */
    static boolean queueIdLike(String token) {
        if (token.isEmpty() || token.length() > 32) return false;
        boolean marked = false;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) return false;
            if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) marked = true;
        }
        return marked;
    }
}
