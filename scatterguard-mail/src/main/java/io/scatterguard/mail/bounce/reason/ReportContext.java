package io.scatterguard.mail.bounce.reason;

import io.scatterguard.mail.parse.ParsedMessage;
import java.util.List;
import java.util.Locale;

/**
 * What the bounce message itself says beyond the parser's per-recipient fields: the host names in
 * its newest Received header (the reporting side, used to recognise a provider's own bounces) and
 * the "diagnostic type" written before a recipient's Diagnostic-Code text ("X-Unix; 255",
 * "X-Postfix; ...", "smtp; 550 ..."), which tells a local delivery program's failure from a
 * remote server's reply.
 */
final class ReportContext {
    private ReportContext() {
    }

    /** "from" and "by" host names of the newest Received header, lower-cased, space separated. */
    static String localHosts(ParsedMessage message) {
        if (message == null) return "";
        List<String> received = message.headers().all("Received");
        if (received.isEmpty()) return "";
        String r = received.get(0).toLowerCase(Locale.ROOT);
        return (hostAfter(r, "from ") + " " + hostAfter(r, "by ")).strip();
    }

    /**
     * The type before the Diagnostic-Code text that starts like {@code diagnostic}, upper-cased
     * ("SMTP", "X-UNIX", "X-POSTFIX"), or "" when the message has no such field.
     */
    static String diagnosticType(ParsedMessage message, String diagnostic) {
        if (message == null || diagnostic.isEmpty()) return "";
        String body = message.body();
        if (body == null) return "";
        String head = diagnostic.length() > 24 ? diagnostic.substring(0, 24) : diagnostic;
        int from = 0;
        while (true) {
            int at = body.indexOf("iagnostic-", from);
            if (at < 1) at = body.indexOf("IAGNOSTIC-", from);
            if (at < 1) return "";
            from = at + 10;
            int colon = body.indexOf(':', at);
            int semi = body.indexOf(';', at);
            int eol = body.indexOf('\n', at);
            if (eol < 0) eol = body.length();
            if (colon < 0 || semi < 0 || semi > eol || colon > semi) continue;
            int textAt = semi + 1;
            while (textAt < eol && body.charAt(textAt) == ' ') textAt++;
            if (body.startsWith(head, textAt)) return body.substring(colon + 1, semi).strip().toUpperCase(Locale.ROOT);
        }
    }

    /**
     * The SMTP command Postfix names in its human-readable part for this recipient: "&lt;rcpt&gt;: host
     * mx said: 550 ... (in reply to RCPT TO command)". Looks in the paragraph that starts with the
     * recipient's address; "" when the report has no such sentence.
     */
    static String commandFor(ParsedMessage message, String recipient) {
        if (message == null || recipient.isEmpty()) return "";
        String body = message.body();
        if (body == null || !body.contains("(in reply to ")) return "";
        int at = body.indexOf(recipient);
        if (at < 0) return "";
        int end = body.indexOf("\n\n", at);
        if (end < 0) end = body.length();
        int p = body.indexOf("(in reply to ", at);
        if (p < 0 || p > end) return "";
        int q = body.indexOf(" command)", p);
        if (q < 0 || q - p > 40) return "";
        String what = body.substring(p + 13, q).replace('\n', ' ');
        if (what.startsWith("RCPT")) return "RCPT";
        if (what.startsWith("MAIL")) return "MAIL";
        if (what.contains("DATA")) return "DATA";
        if (what.startsWith("HELO") || what.startsWith("EHLO")) return what.substring(0, 4);
        return "";
    }

    private static String hostAfter(String received, String word) {
        int at = received.indexOf(word);
        if (at < 0) return "";
        int start = at + word.length();
        int end = start;
        while (end < received.length() && !Character.isWhitespace(received.charAt(end))
                && received.charAt(end) != '(' && received.charAt(end) != ';') end++;
        String h = received.substring(start, end);
        return h.indexOf('.') > 0 ? h : "";
    }
}
