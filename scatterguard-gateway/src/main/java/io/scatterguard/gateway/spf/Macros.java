package io.scatterguard.gateway.spf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * SPF macro strings (RFC 7208 §7): syntax checks for domain-specs, explanation strings and unknown
 * modifiers, and expansion with transformers, delimiters and URL escaping. Strings are checked when
 * a record is parsed and expanded in place when evaluated, so there is no token list to allocate; a
 * string without '%' is returned as it is.
 */
final class Macros {
    /** The macro letters of a domain-spec; c, r and t are allowed only in explanation text (§7.3). */
    static final String DOMAIN_LETTERS = "slodipvh";
    static final String ALL_LETTERS = "slodipvhcrt";
    private static final String DELIMITERS = ".-+,/_=";
    /** More parts than any DNS name can have; larger transformer numbers mean "all" anyway. */
    private static final int MAX_PARTS = 128;

    /** Supplies macro values; {@code letter} is lower case, {@code domain} the current {@code <domain>}. */
    interface Values {
        String value(char letter, String domain) throws SpfException;
    }

    private Macros() {}

    /**
     * The length of the macro-expand that starts with the '%' at {@code s[i]}, or -1 when it is not
     * one: {@code "%{" letter *DIGIT ["r"] *delimiter "}"}, {@code "%%"}, {@code "%_"} or {@code "%-"}.
     */
    static int expandLength(String s, int i, String letters) {
        int end = s.length();
        if (i + 1 >= end) return -1;
        char c = s.charAt(i + 1);
        if (c == '%' || c == '_' || c == '-') return 2;
        if (c != '{' || i + 2 >= end || letters.indexOf(lower(s.charAt(i + 2))) < 0) return -1;
        int j = i + 3;
        int digits = j;
        boolean nonZero = false;
        while (j < end && s.charAt(j) >= '0' && s.charAt(j) <= '9') nonZero |= s.charAt(j++) != '0';
        if (j > digits && !nonZero) return -1; // "If a DIGIT is specified, the value MUST be nonzero"
        if (j < end && lower(s.charAt(j)) == 'r') j++;
        while (j < end && DELIMITERS.indexOf(s.charAt(j)) >= 0) j++;
        return j < end && s.charAt(j) == '}' ? j + 1 - i : -1;
    }

    /** macro-string (or explain-string when {@code spaces}): visible ASCII, every '%' a valid macro-expand. */
    static boolean isMacroString(String s, String letters, boolean spaces) {
        for (int i = 0; i < s.length(); ) {
            char c = s.charAt(i);
            if (c == '%') {
                int n = expandLength(s, i, letters);
                if (n < 0) return false;
                i += n;
            } else if ((c > 0x20 && c < 0x7f) || (spaces && c == ' ')) {
                i++;
            } else {
                return false;
            }
        }
        return true;
    }

    /**
     * domain-spec = macro-string domain-end; domain-end = ( "." toplabel [ "." ] ) / macro-expand
     * (§7.1). Checked before expansion: what a macro expands to is not subject to this syntax. One
     * deliberate leniency: a macro-expand followed by a final dot ({@code _spf.%{d2}.}) is accepted,
     * since a trailing dot is ignored on domains anyway (§7.3) and the intent is plain.
     */
    static boolean isDomainSpec(String s) {
        if (s.isEmpty()) return false;
        int tail = 0; // where the literal text after the last macro-expand starts
        for (int i = 0; i < s.length(); ) {
            char c = s.charAt(i);
            if (c == '%') {
                int n = expandLength(s, i, DOMAIN_LETTERS);
                if (n < 0) return false;
                i += n;
                tail = i;
            } else if (c > 0x20 && c < 0x7f) {
                i++;
            } else {
                return false;
            }
        }
        int end = s.length();
        if (s.charAt(end - 1) == '.') end--;
        if (tail == end) return tail > 0; // ends with a macro-expand
        int dot = s.lastIndexOf('.', end - 1);
        return dot >= tail && isToplabel(s, dot + 1, end);
    }

    /** toplabel = ( *alphanum ALPHA *alphanum ) / ( 1*alphanum "-" *( alphanum / "-" ) alphanum ) */
    private static boolean isToplabel(String s, int from, int to) {
        if (to <= from || !isAlnum(s.charAt(from)) || !isAlnum(s.charAt(to - 1))) return false;
        boolean letterOrDash = false;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '-' || (c | 0x20) >= 'a' && (c | 0x20) <= 'z') letterOrDash = true;
            else if (c < '0' || c > '9') return false;
        }
        return letterOrDash;
    }

    private static boolean isAlnum(char c) {
        return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c | 0x20) : c;
    }

    /** Expands a string already checked by {@link #isMacroString} or {@link #isDomainSpec}. */
    static String expand(String s, String domain, Values values) throws SpfException {
        if (s.indexOf('%') < 0) return s;
        StringBuilder sb = new StringBuilder(s.length() + 32);
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '%') {
                sb.append(c);
                i++;
                continue;
            }
            char next = s.charAt(i + 1);
            if (next != '{') {
                sb.append(next == '%' ? "%" : next == '_' ? " " : "%20");
                i += 2;
                continue;
            }
            char letter = s.charAt(i + 2);
            int j = i + 3;
            int parts = 0;
            while (s.charAt(j) >= '0' && s.charAt(j) <= '9') parts = Math.min(MAX_PARTS, parts * 10 + (s.charAt(j++) - '0'));
            boolean reverse = lower(s.charAt(j)) == 'r';
            if (reverse) j++;
            int delimiters = j;
            while (s.charAt(j) != '}') j++;
            String value = values.value(lower(letter), domain);
            value = transform(value, parts, reverse, s, delimiters, j);
            if (letter >= 'A' && letter <= 'Z') urlEscape(value, sb);
            else sb.append(value);
            i = j + 1;
        }
        return sb.toString();
    }

    /**
     * Splits on the delimiters ('.' when none), reverses if asked, keeps the rightmost {@code parts}
     * (all when 0 or more than there are) and joins with '.' (§7.3).
     */
    private static String transform(String value, int parts, boolean reverse, String spec, int dFrom, int dTo) {
        boolean dotsOnly = true;
        for (int k = dFrom; k < dTo; k++) dotsOnly &= spec.charAt(k) == '.';
        if (parts == 0 && !reverse && dotsOnly) return value;
        List<String> list = new ArrayList<>();
        int start = 0;
        for (int k = 0; k < value.length(); k++) {
            char c = value.charAt(k);
            if (dFrom == dTo ? c == '.' : isDelimiter(c, spec, dFrom, dTo)) {
                list.add(value.substring(start, k));
                start = k + 1;
            }
        }
        list.add(value.substring(start));
        if (reverse) java.util.Collections.reverse(list);
        int from = parts == 0 || parts >= list.size() ? 0 : list.size() - parts;
        return String.join(".", list.subList(from, list.size()));
    }

    private static boolean isDelimiter(char c, String spec, int from, int to) {
        for (int k = from; k < to; k++) {
            if (spec.charAt(k) == c) return true;
        }
        return false;
    }

    /** Appends {@code v} with everything but RFC 3986 "unreserved" characters percent-encoded (§7.3). */
    private static void urlEscape(String v, StringBuilder sb) {
        for (byte b : v.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
    }
}
