package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.bounce.OriginalMessage;
import io.scatterguard.mail.bounce.Reason;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * au EZweb ({@code ezweb.ne.jp}, later {@code au.com}) mobile mail bounces: "Mail System Error -
 * Returned Mail" from {@code Postmaster@ezweb.ne.jp}, a Japanese notice and then an English line such
 * as "The user(s) account is disabled." (suspend), "The user(s) account is temporarily over quota"
 * (mailboxfull), "Your message was not delivered within N days" (expired), followed by
 * {@code <addr>} or {@code <addr>: reply}, or the Sendmail-like block "Each of the following recipients
 * was rejected by a remote mail server." / "Recipient: &lt;addr&gt;" / "&gt;&gt;&gt; command" /
 * "&lt;&lt;&lt; reply". An {@code X-SPASIGN: NG} header marks mail refused by the spam filter.
 */
final class EzwebParser implements BounceParser {
    private static final String[] ORIGINAL = {"--------------------------------------------------", "Content-Type: message/rfc822"};
    private static final Pattern RECIPIENT = Pattern.compile("^(?:<([^ ]+@[^ ]+)>:?(.*)|\\s+Recipient: <([^ ]+@[^ ]+)>.*)$");
    private static final String[][] MESSAGES = {
        {"The user(s) account is temporarily over quota", "MAILBOXFULL"},
        {"The user(s) account is disabled.", "SUSPEND"},
        {"The user(s) account is temporarily limited.", "SUSPEND"},
        {"Your message was not delivered within ", "EXPIRED"},
    };

    @Override
    public String name() {
        return "EZweb";
    }

    @Override
    public boolean appliesTo(ParsedMessage m) {
        ProviderHints h = ProviderHints.of(m);
        String from = h.from;
        int match = 0;
        if (from.contains("postmaster@ezweb.ne.jp") || from.contains("postmaster@au.com")) match++;
        if (h.subjectAsWritten.equals("Mail System Error - Returned Mail")) match++;
        String id = h.messageId;
        if (id.endsWith(".ezweb.ne.jp>") || id.endsWith(".au.com>")) match++;
        if (h.receivedByEzwebMail) match++;
        if (h.receivedByAuCom) match++;
        return match >= 2;
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage m) {
        String head = BounceText.head(m.body(), ORIGINAL);
        StringBuilder notice = new StringBuilder();
        RecipientBlocks blocks = new RecipientBlocks();
        String status = "";
        for (String line : BounceText.lines(head)) {
            if (line.isBlank() || !line.chars().allMatch(c -> c < 0x80)) continue;
            Matcher r = RECIPIENT.matcher(line);
            if (r.matches()) {
                String addr = r.group(1) != null ? r.group(1) : r.group(3);
                blocks.add(DeliveryStatus.builder().recipient(BounceText.address(addr)).action("failed"));
                if (r.group(2) != null) blocks.append(r.group(2));
            } else if (line.startsWith("Status:")) {
                status = BounceText.statusIn(line);
            } else if (line.contains(" >>> ") || line.strip().startsWith(">>> ")) {
                if (!blocks.isEmpty()) blocks.last().command(BounceText.commandIn(line));
            } else if (line.strip().startsWith("<<< ") && !blocks.isEmpty()) {
                blocks.append(line.strip().substring(4));
            } else if (known(line) != null) {
                BounceText.appendLine(notice, line);
            }
        }
        boolean spamFilter = m.headers().get("X-SPASIGN").strip().equalsIgnoreCase("NG");
        for (int i = 0; i < blocks.size(); i++) {
            DeliveryStatus.Builder b = blocks.row(i);
            String reply = blocks.text(i);
            String diag = reply.isEmpty() ? BounceText.sweep(notice.toString()) : reply;
            b.diagnostic(diag).status(status);
            BounceText.codesFrom(reply, b);
            if (spamFilter) b.reason(Reason.FILTERED);
            else if (b.command().equals("RCPT")) b.reason(Reason.USERUNKNOWN);
            else if (known(notice.toString()) != null) b.reason(known(notice.toString()));
            if (b.command().isEmpty()) b.command(BounceText.commandIn(reply));
        }
        return BounceText.reportAsRead(name(), "", blocks.rows(), OriginalMessage.NONE);
    }

    private static Reason known(String text) {
        for (String[] k : MESSAGES) {
            if (text.contains(k[0])) return Reason.valueOf(k[1]);
        }
        return null;
    }
}
