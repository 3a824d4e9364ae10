package io.scatterguard.store.internal;

import io.scatterguard.mail.model.Headers;
import io.scatterguard.mail.parse.MessageReader;
import io.scatterguard.mail.parse.ParsedMessage;
import io.scatterguard.mail.parse.Part;
import io.scatterguard.store.MessageView;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a raw message into a {@link MessageView}: decoded headers, the text of textual parts (the
 * reader already reduces HTML to text), attachments by type and name only; control characters
 * other than newline and tab are removed so that nothing can reach a terminal or a page as markup
 * or escape sequences.
 */
final class SafeText {
    private static final MessageReader READER = new MessageReader();

    private SafeText() {}

    static MessageView view(byte[] raw, int maxTextChars) {
        if (maxTextChars < 1) throw new IllegalArgumentException("maxTextChars must be positive");
        ParsedMessage m = READER.read(raw);
        List<Headers.Field> headers = new ArrayList<>();
        for (Headers.Field f : m.headers().fields()) headers.add(new Headers.Field(clean(f.name()), clean(f.value())));
        StringBuilder text = new StringBuilder();
        List<String> attachments = new ArrayList<>();
        boolean truncated = false;
        for (Part p : m.parts()) {
            if (p.isText() && !isAttachment(p)) {
                if (!text.isEmpty()) text.append("\n\n");
                if (p.messageDepth() > 0) text.append("[").append(p.mimeType()).append(" of an attached message]\n");
                text.append(clean(p.text()));
                if (text.length() > maxTextChars) {
                    text.setLength(maxTextChars);
                    truncated = true;
                    break;
                }
            } else {
                String name = filename(p);
                attachments.add(clean(p.mimeType() + (name.isEmpty() ? "" : " \"" + name + "\"")));
            }
        }
        return new MessageView(headers, text.toString(), attachments, truncated, m.notes());
    }

    private static boolean isAttachment(Part p) {
        return p.headers().lower("Content-Disposition").startsWith("attachment");
    }

    private static String filename(Part p) {
        String cd = p.headers().get("Content-Disposition");
        String ct = p.headers().get("Content-Type");
        for (String h : new String[] {cd, ct}) {
            for (String key : new String[] {"filename=", "name="}) {
                int i = h.toLowerCase(java.util.Locale.ROOT).indexOf(key);
                if (i >= 0) {
                    String v = h.substring(i + key.length()).strip();
                    int end = v.startsWith("\"") ? v.indexOf('"', 1) : v.indexOf(';');
                    if (v.startsWith("\"")) return end > 0 ? v.substring(1, end) : v.substring(1);
                    return end > 0 ? v.substring(0, end).strip() : v;
                }
            }
        }
        return "";
    }

    /** Keeps printable text, newlines and tabs; drops other control characters (ESC, NUL, bidi overrides). */
    static String clean(String s) {
        if (s == null) return "";
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\t') sb.append(c);
            else if (c == '\r') continue;
            else if (Character.isISOControl(c)) continue;
            else if (c >= '\u202a' && c <= '\u202e' || c >= '\u2066' && c <= '\u2069') continue; // bidi embedding/override
            else sb.append(c);
        }
        return sb.toString();
    }
}
