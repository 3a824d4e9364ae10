package io.scatterguard.console.internal;

/**
 * Builds an HTML document in which every piece of text and every attribute value is escaped: the
 * only way to add markup is through tag and attribute names, which are constants in the code. So a
 * message's headers, text or envelope can never become markup on a page, whatever they contain.
 */
final class Html {
    private final StringBuilder sb = new StringBuilder(8192);

    /** Escapes text for an element's content or a quoted attribute value. */
    static String escape(String s) {
        if (s == null) return "";
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (rep != null || out != null) {
                if (out == null) out = new StringBuilder(s.length() + 16).append(s, 0, i);
                if (rep != null) out.append(rep);
                else out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }

    /** Opens an element; {@code attrs} are name/value pairs, a null value leaves the attribute out. */
    Html open(String tag, String... attrs) {
        sb.append('<').append(tag);
        attributes(attrs);
        sb.append('>');
        return this;
    }

    /** An element without content ({@code input}, {@code meta}, {@code link}). */
    Html empty(String tag, String... attrs) {
        return open(tag, attrs);
    }

    Html close(String tag) {
        sb.append("</").append(tag).append('>');
        return this;
    }

    Html text(String s) {
        sb.append(escape(s));
        return this;
    }

    /** An element whose whole content is this text. */
    Html el(String tag, String text, String... attrs) {
        return open(tag, attrs).text(text).close(tag);
    }

    /** A link to a path of the console. */
    Html a(String href, String text, String... attrs) {
        String[] all = new String[attrs.length + 2];
        all[0] = "href";
        all[1] = href;
        System.arraycopy(attrs, 0, all, 2, attrs.length);
        return el("a", text, all);
    }

    /** A hidden form field. */
    Html hidden(String name, String value) {
        return empty("input", "type", "hidden", "name", name, "value", value);
    }

    /** A form's CSRF field. */
    Html csrf(String token) {
        return hidden("_csrf", token);
    }

    private void attributes(String[] attrs) {
        if (attrs.length % 2 != 0) throw new IllegalArgumentException("attributes come in name/value pairs");
        for (int i = 0; i < attrs.length; i += 2) {
            if (attrs[i + 1] == null) continue;
            sb.append(' ').append(attrs[i]).append("=\"").append(escape(attrs[i + 1])).append('"');
        }
    }

    /** The doctype: the only markup not made of elements. */
    Html doctype() {
        sb.append("<!DOCTYPE html>\n");
        return this;
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
