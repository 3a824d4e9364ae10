package io.scatterguard.gateway.smtp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The path argument of MAIL FROM / RCPT TO (RFC 5321 §4.1.2): {@code FROM:<addr> PARAM=VALUE ...}.
 * Source routes ({@code <@a,@b:user@host>}) are accepted and dropped, as RFC 5321 allows.
 *
 * @param address the mailbox, "" for the null path {@code <>}
 * @param params  ESMTP parameters as written
 */
record Path(String address, List<String> params) {
    private static final java.util.regex.Pattern BLANKS = java.util.regex.Pattern.compile("\\s+");

    /** Parses {@code arg} after the verb, which must start with {@code prefix} ("FROM:" or "TO:"); null if malformed. */
    static Path parse(String arg, String prefix) {
        if (!arg.regionMatches(true, 0, prefix, 0, prefix.length())) return null;
        String rest = arg.substring(prefix.length()).stripLeading();
        if (!rest.startsWith("<")) return null;
        int close = rest.indexOf('>');
        if (close < 0) return null;
        String addr = rest.substring(1, close).strip();
        int colon = addr.indexOf(':');
        if (addr.startsWith("@") && colon > 0) addr = addr.substring(colon + 1);
        if (!addr.isEmpty() && !valid(addr)) return null;
        List<String> params = new ArrayList<>();
        for (String p : BLANKS.split(rest.substring(close + 1).strip())) {
            if (!p.isEmpty()) params.add(p);
        }
        return new Path(addr, params);
    }

    private static boolean valid(String addr) {
        int at = addr.lastIndexOf('@');
        if (at <= 0 || at == addr.length() - 1 || addr.length() > 254) return false;
        for (int i = 0; i < addr.length(); i++) {
            char c = addr.charAt(i);
            if (c <= ' ' || c == '<' || c == '>' || c == ',' || c == 0x7f) return false;
        }
        return !addr.substring(at + 1).toLowerCase(Locale.ROOT).contains("..");
    }
}
