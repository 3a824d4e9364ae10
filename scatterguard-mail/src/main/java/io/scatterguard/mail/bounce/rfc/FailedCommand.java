package io.scatterguard.mail.bounce.rfc;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the SMTP command a failure answered, from the way MTAs describe it in their diagnostics:
 * "after RCPT TO", "in reply to MAIL FROM command", "after end of data", "while talking to ...:
 * &gt;&gt;&gt; DATA", "host said: ... (in reply to end of DATA command)", "SMTP error from remote
 * mail server after RCPT TO:", and connection-time failures ("after initial connection",
 * "greeting", "connect to ... refused"). Returns CONN, HELO, EHLO, MAIL, RCPT, DATA, STARTTLS,
 * AUTH or "".
 *
 * <p>This reads the phrasing around the command, as the format parsers need. The reason resolver's
 * {@code bounce.reason.SmtpCommands} is a different rule on purpose: it reproduces Sisimai's
 * detection (last command name found wins) so reasons stay comparable with Sisimai's.
 */
public final class FailedCommand {
    private FailedCommand() {}

    private static final Pattern AFTER = Pattern.compile(
            "(?i)\\b(?:after|in reply to|in response to|reply to|response to|while sending|during)\\s+(?:the\\s+)?(?:pipelined\\s+)?"
                    + "(rcpt to|rcpt|mail from|mail|end of data|data|helo|ehlo|lhlo|starttls|auth|initial connection|"
                    + "connect(?:ion)?|greeting|banner|quit|bdat)\\b");
    private static final Pattern ECHOED = Pattern.compile(
            "(?i)(?:>>>|<<<|^|\\s)(RCPT TO|MAIL FROM|DATA|EHLO|HELO)\\s*(?::|$|\\s)");

    /** The command named in {@code text}, or "". */
    public static String find(String text) {
        if (text == null || text.isEmpty()) return "";
        Matcher m = AFTER.matcher(text);
        if (m.find()) return normalise(m.group(1));
        m = ECHOED.matcher(text);
        if (m.find()) return normalise(m.group(1));
        return "";
    }

    private static String normalise(String s) {
        String c = s.toLowerCase(Locale.ROOT);
        if (c.startsWith("rcpt")) return "RCPT";
        if (c.startsWith("mail")) return "MAIL";
        if (c.endsWith("data") || c.equals("bdat")) return "DATA";
        if (c.equals("helo")) return "HELO";
        if (c.equals("ehlo") || c.equals("lhlo")) return "EHLO";
        if (c.equals("starttls")) return "STARTTLS";
        if (c.equals("auth")) return "AUTH";
        if (c.equals("quit")) return "";
        return "CONN";
    }
}
