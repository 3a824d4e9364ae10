package io.scatterguard.mail.model;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Small helpers for RFC 5321/5322 addresses as they appear in headers and DSN fields:
 * pulling the addr-spec out of display names, angle brackets and {@code rfc822;} prefixes.
 */
public final class Addresses {
    private Addresses() {}

    // Lenient: real bounces quote addresses in every way imaginable.
    private static final Pattern ADDR = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~.\\-\"]+@[A-Za-z0-9](?:[A-Za-z0-9\\-.]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9\\-]+)*|"
                    + "[A-Za-z0-9!#$%&'*+/=?^_`{|}~.\\-]+@\\[[0-9.:A-Fa-f]+\\]");
    private static final Pattern ANGLE = Pattern.compile("<([^<>\\s]+@[^<>\\s]+)>");

    /** The first address in {@code text}, lower-cased domain, without brackets; "" when none. */
    public static String extract(String text) {
        if (text == null || text.isEmpty()) return "";
        String t = text.strip();
        int semi = t.indexOf(';');
        if (semi > 0 && semi < 12 && t.substring(0, semi).matches("(?i)\\s*(rfc822|x400|utf-8|x-[a-z0-9-]+)\\s*")) {
            t = t.substring(semi + 1).strip();
        }
        Matcher a = ANGLE.matcher(t);
        String candidate = a.find() ? a.group(1) : t;
        Matcher m = ADDR.matcher(candidate);
        if (!m.find()) return "";
        return normalise(m.group());
    }

    /** Strips quotes/dots at the edges and lower-cases the domain (local parts are case-sensitive). */
    public static String normalise(String addr) {
        String s = addr.strip();
        while (!s.isEmpty() && (s.charAt(0) == '.' || s.charAt(0) == '\'' || s.charAt(0) == '"' || s.charAt(0) == '<')) {
            s = s.substring(1);
        }
        while (!s.isEmpty() && ".'\">,;:".indexOf(s.charAt(s.length() - 1)) >= 0) {
            s = s.substring(0, s.length() - 1);
        }
        int at = s.lastIndexOf('@');
        if (at <= 0) return s;
        return s.substring(0, at) + "@" + s.substring(at + 1).toLowerCase(Locale.ROOT);
    }
    /** The domain part, lower-cased, or "". */
    public static String domain(String addr) {
        int at = addr == null ? -1 : addr.lastIndexOf('@');
        return at < 0 ? "" : addr.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    /** The local part, or the whole string when there is no '@'. */
    public static String localPart(String addr) {
        int at = addr == null ? -1 : addr.lastIndexOf('@');
        return at < 0 ? (addr == null ? "" : addr) : addr.substring(0, at);
    }
}
