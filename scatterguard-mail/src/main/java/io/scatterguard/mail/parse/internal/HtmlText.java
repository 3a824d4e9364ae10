package io.scatterguard.mail.parse.internal;

import java.util.regex.Pattern;

/**
 * Reduces HTML to plain text for pattern matching: drops scripts and styles, turns block tags
 * into line breaks, removes the other tags and decodes the common entities. It never renders or
 * fetches anything; it only has to make bounce text visible to the parsers.
 */
public final class HtmlText {
    private HtmlText() {}

    private static final Pattern SCRIPT = Pattern.compile("(?is)<(script|style|head)\\b.*?</\\1\\s*>");
    private static final Pattern COMMENT = Pattern.compile("(?s)<!--.*?-->");
    private static final Pattern BREAK = Pattern.compile("(?i)<\\s*(br|/p|p|/div|/tr|/li|/h[1-6]|/table|hr)\\b[^>]*>");
    private static final Pattern CELL = Pattern.compile("(?i)<\\s*/t[dh]\\s*>");
    private static final Pattern TAG = Pattern.compile("<[^>]{0,2000}>");
    private static final Pattern NUMERIC = Pattern.compile("&#(x?[0-9A-Fa-f]{1,6});");

    public static String toText(String html) {
        String s = SCRIPT.matcher(html).replaceAll(" ");
        s = COMMENT.matcher(s).replaceAll("");
        s = s.replace('\n', ' ');
        s = BREAK.matcher(s).replaceAll("\n");
        s = CELL.matcher(s).replaceAll(" ");
        s = TAG.matcher(s).replaceAll("");
        s = s.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&apos;", "'");
        s = NUMERIC.matcher(s).replaceAll(m -> {
            String v = m.group(1);
            try {
                int cp = v.startsWith("x") || v.startsWith("X") ? Integer.parseInt(v.substring(1), 16) : Integer.parseInt(v);
                return Character.isValidCodePoint(cp) ? java.util.regex.Matcher.quoteReplacement(new String(Character.toChars(cp))) : " ";
            } catch (NumberFormatException e) {
                return " ";
            }
        });
        s = s.replace("&amp;", "&");
        StringBuilder out = new StringBuilder(s.length());
        for (String line : s.split("\n", -1)) {
            String t = line.strip().replaceAll("[ \\t\\u00a0]{2,}", " ");
            if (!t.isEmpty()) out.append(t).append('\n');
        }
        return out.toString();
    }
}
