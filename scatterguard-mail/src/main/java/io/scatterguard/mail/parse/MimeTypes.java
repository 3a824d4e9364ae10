package io.scatterguard.mail.parse;

import java.util.Locale;

/** Parsing of Content-Type values (RFC 2045 §5.1), tolerant of the junk found in real mail. */
public final class MimeTypes {
    private MimeTypes() {}

    /** {@code type/subtype} lower-cased; "text/plain" for an empty or broken value. */
    public static String mimeType(String contentType) {
        if (contentType == null) return "text/plain";
        int semi = contentType.indexOf(';');
        String t = (semi >= 0 ? contentType.substring(0, semi) : contentType).strip().toLowerCase(Locale.ROOT);
        int sp = t.indexOf(' ');
        if (sp > 0) t = t.substring(0, sp);
        return t.indexOf('/') > 0 ? t : "text/plain";
    }

    /** The value of parameter {@code name}, unquoted, or "" when absent. */
    public static String param(String contentType, String name) {
        if (contentType == null) return "";
        String lower = contentType.toLowerCase(Locale.ROOT);
        String key = name.toLowerCase(Locale.ROOT);
        int from = 0;
        while (true) {
            int i = lower.indexOf(key, from);
            if (i < 0) return "";
            int j = i + key.length();
            boolean boundaryBefore = i == 0 || ";\t ".indexOf(lower.charAt(i - 1)) >= 0;
            while (j < lower.length() && lower.charAt(j) == ' ') j++;
            if (boundaryBefore && j < lower.length() && lower.charAt(j) == '=') {
                j++;
                while (j < lower.length() && lower.charAt(j) == ' ') j++;
                if (j < contentType.length() && contentType.charAt(j) == '"') {
                    int end = contentType.indexOf('"', j + 1);
                    return end < 0 ? contentType.substring(j + 1) : contentType.substring(j + 1, end);
                }
                int end = j;
                while (end < contentType.length() && ";\t \r\n".indexOf(contentType.charAt(end)) < 0) end++;
                return contentType.substring(j, end);
            }
            from = i + 1;
        }
    }
}
