package io.scatterguard.mail.bounce.reason;

import java.util.ArrayList;
import java.util.List;

/**
 * SMTP command names (RFC 5321 plus STARTTLS, AUTH, XFORWARD, and the pseudo command CONN for a
 * refusal at connection time) and finding the command an error message names, e.g. Postfix's
 * "(in reply to RCPT TO command)", Sendmail's "&gt;&gt;&gt; DATA", Exim's "after MAIL FROM:".
 * Matching is case-sensitive, as MTAs write command names in capitals, and a name embedded in a word
 * or address (DATABASE@EXAMPLE.JP) does not count.
 */
public final class SmtpCommands {
    private static final String[] KNOWN = {
        "HELO", "EHLO", "MAIL", "RCPT", "DATA", "QUIT", "RSET", "NOOP", "VRFY", "ETRN", "EXPN", "HELP",
        "AUTH", "STARTTLS", "XFORWARD", "CONN",
    };
    /** What is searched for, in Sisimai::SMTP::Command's order; the last one found wins. */
    private static final String[] DETECTABLE = {
        "HELO", "EHLO", "STARTTLS", "AUTH PLAIN", "AUTH LOGIN", "AUTH CRAM-", "AUTH DIGEST-",
        "MAIL F", "RCPT", "RCPT T", "DATA", "QUIT", "XFORWARD",
    };
    /** Commands sent before DATA: a refusal there cannot be about the message content. */
    private static final List<String> BEFORE_DATA = List.of("CONN", "EHLO", "HELO", "MAIL", "RCPT");

    private SmtpCommands() {
    }

    /** True when the value is (or begins with) a known command name. */
    public static boolean isValid(String command) {
        if (command == null || command.length() < 4) return false;
        for (String k : KNOWN) if (command.contains(k)) return true;
        return false;
    }

    /** True for CONN, EHLO, HELO, MAIL and RCPT. */
    public static boolean beforeData(String command) {
        return BEFORE_DATA.contains(command);
    }

    /** The SMTP command named in the text, or "" when none is. */
    public static String find(String text) {
        if (!isValid(text)) return "";
        List<String> found = new ArrayList<>(4);
        String padded = " " + text + " ";
        for (String e : DETECTABLE) {
            int p = text.indexOf(e);
            if (p < 0) continue;
            if (e.indexOf(' ') < 0) {
                char before = padded.charAt(p);
                char after = p + e.length() + 1 < padded.length() ? padded.charAt(p + e.length() + 1) : ' ';
                if (wordChar(before) || wordChar(after)) continue;
            }
            String name = e.substring(0, 4);
            if (name.equals("STAR")) name = "STARTTLS";
            else if (name.equals("XFOR")) name = "XFORWARD";
            boolean seen = false;
            for (String f : found) if (f.startsWith(name.substring(0, 4))) seen = true;
            if (!seen) found.add(name);
        }
        return found.isEmpty() ? "" : found.get(found.size() - 1);
    }

    private static boolean wordChar(char c) {
        return (c >= '0' && c <= '9') || (c >= '@' && c <= 'Z') || (c >= '`' && c <= 'z');
    }
}
