package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.bounce.Reason;
import java.util.List;

/**
 * The Exim-derived bounce text of United Internet's mail systems (GMX, mail.com, 1&amp;1 / IONOS):
 * "This message was created automatically by mail delivery software.", the failed addresses each on
 * a line of its own ({@code "a@b":}, {@code <a@b>}, {@code a@b:} or bare), then "SMTP error from remote
 * server after RCPT command:" / "host: mx" / the reply, or "Reason:" / "For the following reason:" and a
 * sentence; the quoted headers follow "--- The header of the original message is following. ---".
 */
final class UnitedInternetText {
    private UnitedInternetText() {}

    static final String START = "This message was created automatically by mail delivery software.";
    static final String ORIGINAL = "--- The header of the original message is following. ---";

    /** One row per failed address, with diagnostic, command, remote host and codes filled in. */
    static List<DeliveryStatus.Builder> read(String body) {
        String head = BounceText.head(body, ORIGINAL);
        RecipientBlocks blocks = new RecipientBlocks();
        for (String line : BounceText.linesAfter(head, START)) {
            String t = line.strip();
            if (t.isEmpty()) continue;
            if (isAddressLine(t)) {
                blocks.add(DeliveryStatus.builder().recipient(BounceText.address(t)).action("failed"));
                continue;
            }
            if (blocks.isEmpty()) continue;
            DeliveryStatus.Builder b = blocks.last();
            if (t.startsWith("SMTP error from remote server")) {
                b.command(command(t));
                int host = t.indexOf("host: ");
                if (host > 0) b.remoteMta(firstWord(t.substring(host + 6)));
                int reason = t.indexOf("reason: ");
                if (reason > 0) blocks.append(t.substring(reason + 8));
            } else if (t.startsWith("host: ")) {
                b.remoteMta(firstWord(t.substring(6)));
            } else if (!t.equals("Reason:") && !t.equals("For the following reason:")) {
                blocks.append(t);
            }
        }
        for (int i = 0; i < blocks.size(); i++) {
            DeliveryStatus.Builder b = blocks.row(i);
            String text = blocks.text(i);
            b.diagnostic(text);
            BounceText.codesFrom(text, b);
            if (BounceText.hasSpecificStatus(b.status())) continue;
            if (text.contains("delivery retry timeout exceeded")) b.reason(Reason.EXPIRED);
            else if (text.contains("Mail size limit exceeded")) b.reason(Reason.MESGTOOBIG);
        }
        return blocks.rows();
    }

    private static boolean isAddressLine(String t) {
        if (!t.contains("@") || t.indexOf(' ') >= 0) return false;
        char c = t.charAt(0);
        return c == '"' || c == '<' || Character.isLetterOrDigit(c);
    }

    private static String command(String t) {
        String c = BounceText.commandIn(t);
        if (!c.isEmpty()) return c;
        if (t.contains("after RCPT") || t.contains("for RCPT")) return "RCPT";
        if (t.contains("after MAIL") || t.contains("for MAIL")) return "MAIL";
        if (t.contains("TEXT command") || t.contains("DATA command")) return "DATA";
        return "";
    }

    private static String firstWord(String s) {
        String t = s.strip();
        int sp = t.indexOf(' ');
        return sp < 0 ? t : t.substring(0, sp);
    }
}
