package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.bounce.Reason;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Exim bounce text as providers that run Exim write it (Mail.Ru, McAfee MXLogic): after
 * "This message was created automatically by mail delivery software." each failed address stands on a
 * line indented by two spaces ({@code   addr} or {@code   <addr>: reply}) and the explanation follows on
 * lines indented by four ("SMTP error from remote mail server after RCPT TO:&lt;addr&gt;:" /
 * "host mx [ip]: 550 ..."). Exim's own session messages ("Unrouteable address", "retry timeout
 * exceeded", "mailbox is full"...) name the reason when the remote reply carries no specific status.
 */
final class EximStyleText {
    private EximStyleText() {}

    static final String START = "This message was created automatically by mail delivery software.";
    static final String[] ORIGINAL = {
        "------ This is a copy of the message", "Included is a copy of the message header:",
    };
    private static final Pattern RECIPIENT = Pattern.compile("^ {2}(?! )<?([^\\s<>]+@[^\\s<>:]+)>?:?\\s*(.*)$");
    private static final Pattern HOST = Pattern.compile("\\bhost ([A-Za-z0-9][A-Za-z0-9.\\-]*) \\[[0-9A-Fa-f.:]+\\]:?\\s*(.*)$");
    private static final String[][] SESSION = {
        {"retry timeout exceeded", "EXPIRED"},
        {"No action is required on your part", "EXPIRED"},
        {"user not found", "USERUNKNOWN"},
        {"all host address lookups failed permanently", "HOSTUNKNOWN"},
        {"all relevant MX records point to non-existent hosts", "HOSTUNKNOWN"},
        {"Unrouteable address", "HOSTUNKNOWN"},
        {"mailbox is full", "MAILBOXFULL"},
        {"error: quota exceed", "MAILBOXFULL"},
        {"an MX or SRV record indicated no SMTP service", "NOTACCEPT"},
        {"no host found for existing SMTP connection", "NOTACCEPT"},
        {"delivery to file forbidden", "SYSTEMERROR"},
        {"delivery to pipe forbidden", "SYSTEMERROR"},
        {"local delivery failed", "SYSTEMERROR"},
        {"Too many \"Received\" headers", "CONTENTERROR"},
    };

    /** One row per failed address; empty when the text is not in this layout. */
    static List<DeliveryStatus.Builder> read(String body) {
        String head = BounceText.head(body, ORIGINAL);
        int start = head.indexOf(START);
        if (start < 0) return List.of();
        RecipientBlocks blocks = new RecipientBlocks();
        for (String line : BounceText.lines(head.substring(start))) {
            Matcher r = RECIPIENT.matcher(line);
            if (r.matches()) {
                blocks.add(DeliveryStatus.builder().recipient(BounceText.address(r.group(1))).action("failed"));
                blocks.append(r.group(2));
            } else if (line.startsWith("    ") && !blocks.isEmpty()) {
                blocks.append(line);
            }
        }
        for (int i = 0; i < blocks.size(); i++) complete(blocks.row(i), blocks.text(i));
        return blocks.rows();
    }

    /**
     * Exim's "A message that you sent was rejected by the local scanning code ... The following error
     * was given:" followed by indented error lines: one row for the address those lines name, or none.
     */
    static List<DeliveryStatus.Builder> readScanRejection(String body) {
        String head = BounceText.head(body, ORIGINAL);
        int given = head.indexOf("The following error was given:");
        if (given < 0 || !head.contains("rejected by the local scanning code")) return List.of();
        StringBuilder text = new StringBuilder();
        for (String line : BounceText.lines(head.substring(given))) {
            if (line.startsWith(" ")) BounceText.appendLine(text, line);
        }
        String diag = BounceText.sweep(text.toString());
        String addr = BounceText.address(diag);
        if (addr.isEmpty()) return List.of();
        DeliveryStatus.Builder b = DeliveryStatus.builder().recipient(addr).action("failed");
        complete(b, diag);
        return List.of(b);
    }

    private static void complete(DeliveryStatus.Builder b, String text) {
        b.diagnostic(text);
        String reply = text;
        Matcher h = HOST.matcher(text);
        if (h.find()) {
            b.remoteMta(h.group(1));
            reply = h.group(2);
        }
        int after = text.indexOf("after ");
        if (text.startsWith("SMTP error from remote") && after > 0) b.command(BounceText.commandIn(text.substring(after)));
        BounceText.codesFrom(reply, b);
        if (BounceText.hasSpecificStatus(b.status())) return;
        if (b.command().equals("MAIL")) {
            b.reason(Reason.REJECTED);
        } else if (b.command().equals("HELO") || b.command().equals("EHLO")) {
            b.reason(Reason.BLOCKED);
        } else {
            for (String[] s : SESSION) {
                if (text.contains(s[0])) {
                    b.reason(Reason.valueOf(s[1]));
                    return;
                }
            }
        }
    }
}
