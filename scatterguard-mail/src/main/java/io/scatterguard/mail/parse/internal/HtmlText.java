package io.scatterguard.mail.parse.internal;

import java.util.Locale;
import java.util.Map;

/**
 * Reduces HTML to plain text for pattern matching, in one pass: drops scripts, styles, the head and
 * comments, turns block tags into line breaks, removes other tags and decodes the common entities.
 * It never renders or fetches anything; it only has to make bounce text visible to the parsers.
 */
public final class HtmlText {
    private HtmlText() {}

    private static final Map<String, String> ENTITIES = Map.of(
            "nbsp", " ", "lt", "<", "gt", ">", "quot", "\"", "apos", "'", "amp", "&");

    public static String toText(String html) {
        StringBuilder out = new StringBuilder(html.length() / 2);
        int n = html.length();
        int i = 0;
        boolean space = false;
        while (i < n) {
            char c = html.charAt(i);
            if (c == '<') {
                if (html.startsWith("<!--", i)) {
                    int end = html.indexOf("-->", i + 4);
                    i = end < 0 ? n : end + 3;
                    continue;
                }
                int close = html.indexOf('>', i + 1);
                if (close < 0 || close - i > 2000) { // a lone '<' is text
                    space = append(out, c, space);
                    i++;
                    continue;
                }
                String name = tagName(html, i + 1, close);
                if (name.equals("script") || name.equals("style") || name.equals("head")) {
                    int end = indexOfIgnoreCase(html, "</" + name, close + 1);
                    int endClose = end < 0 ? -1 : html.indexOf('>', end);
                    i = endClose < 0 ? n : endClose + 1;
                    continue;
                }
                if (isBreak(name)) {
                    trimTrailingSpace(out);
                    if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') out.append('\n');
                    space = false;
                } else if (name.equals("td") || name.equals("th") || name.equals("/td") || name.equals("/th")) {
                    space = append(out, ' ', space);
                }
                i = close + 1;
            } else if (c == '&') {
                int semi = html.indexOf(';', i + 1);
                if (semi > i + 1 && semi - i <= 10) {
                    String decoded = entity(html.substring(i + 1, semi));
                    if (decoded != null) {
                        for (int k = 0; k < decoded.length(); k++) space = append(out, decoded.charAt(k), space);
                        i = semi + 1;
                        continue;
                    }
                }
                space = append(out, c, space);
                i++;
            } else {
                space = append(out, c, space);
                i++;
            }
        }
        trimTrailingSpace(out);
        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') out.append('\n');
        return out.toString();
    }

    /** Appends a character, folding runs of white space (line breaks in HTML source are spaces). */
    private static boolean append(StringBuilder out, char c, boolean lastWasSpace) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u00a0') {
            if (!lastWasSpace && out.length() > 0 && out.charAt(out.length() - 1) != '\n') out.append(' ');
            return true;
        }
        out.append(c);
        return false;
    }

    private static void trimTrailingSpace(StringBuilder out) {
        while (out.length() > 0 && out.charAt(out.length() - 1) == ' ') out.setLength(out.length() - 1);
    }

    private static String tagName(String html, int from, int close) {
        int i = from;
        if (i < close && html.charAt(i) == '/') i++;
        int start = i;
        while (i < close && Character.isLetterOrDigit(html.charAt(i))) i++;
        String name = html.substring(start, i).toLowerCase(Locale.ROOT);
        return html.charAt(from) == '/' ? "/" + name : name;
    }

    private static boolean isBreak(String name) {
        return switch (name) {
            case "br", "p", "/p", "/div", "div", "/tr", "/li", "li", "/h1", "/h2", "/h3", "/h4", "/h5", "/h6",
                    "/table", "hr", "/blockquote", "/pre" -> true;
            default -> false;
        };
    }

    private static String entity(String name) {
        if (name.startsWith("#")) {
            try {
                int cp = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X')
                        ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name.substring(1));
                return Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : " ";
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return ENTITIES.get(name.toLowerCase(Locale.ROOT));
    }

    private static int indexOfIgnoreCase(String s, String needle, int from) {
        int n = needle.length();
        for (int i = from; i <= s.length() - n; i++) {
            if (s.regionMatches(true, i, needle, 0, n)) return i;
        }
        return -1;
    }
}
