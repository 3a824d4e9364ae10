package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.bounce.OriginalMessage;
import io.scatterguard.mail.bounce.Reason;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.Optional;

/**
 * au by KDDI (au one net, {@code dion.ne.jp}) bounces: a Japanese notice followed by an English block
 * "Your mail sent on: DATE" / "Could not be delivered to: &lt;addr&gt;" / "As their mailbox is full."
 * (or "Due to the following SMTP relay error", "As the remote domain doesnt exist"), sent from
 * {@code no-reply@...dion.ne.jp} or with Reply-To {@code no-reply@app.auone-net.jp}.
 * An {@code X-SPASIGN: NG} header marks mail the recipient's spam filter refused.
 */
final class KddiParser implements BounceParser {
    private static final String ORIGINAL = "Content-Type: message/rfc822";

    @Override
    public String name() {
        return "KDDI";
    }

    @Override
    public boolean appliesTo(ParsedMessage m) {
        ProviderHints h = ProviderHints.of(m);
        String from = h.from;
        if (from.contains("no-reply@") && from.contains(".dion.ne.jp")) return true;
        if (h.replyTo.contains("no-reply@app.auone-net.jp")) return true;
        return (h.receivedByEzweb || h.receivedByAuCom) && !from.contains("postmaster@");
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage m) {
        String head = BounceText.head(m.body(), ORIGINAL);
        RecipientBlocks blocks = new RecipientBlocks();
        for (String line : BounceText.linesAfter(head, "Your mail sent on:", "Your mail attempted to be delivered on:")) {
            int at = line.indexOf(" Could not be delivered to: <");
            if (at >= 0) {
                blocks.add(DeliveryStatus.builder().recipient(BounceText.address(line.substring(at))).action("failed"));
            } else if (line.startsWith(" ") && !blocks.isEmpty()) {
                blocks.append(line);
            }
        }
        boolean spamFilter = m.headers().get("X-SPASIGN").strip().equalsIgnoreCase("NG");
        for (int i = 0; i < blocks.size(); i++) {
            DeliveryStatus.Builder b = blocks.row(i);
            String text = blocks.text(i);
            b.diagnostic(text).command(BounceText.commandIn(text));
            BounceText.codesFrom(text, b);
            b.reason(reasonOf(text, b.command(), spamFilter));
        }
        return BounceText.reportAsRead(name(), "", blocks.rows(), OriginalMessage.NONE);
    }


    private static Reason reasonOf(String text, String command, boolean spamFilter) {
        if (spamFilter) return Reason.FILTERED;
        if (command.equals("RCPT")) return Reason.USERUNKNOWN;
        if (text.contains("As their mailbox is full")) return Reason.MAILBOXFULL;
        if (text.contains("Due to the following SMTP relay error")) return Reason.NORELAYING;
        if (text.contains("As the remote domain doesnt exist")) return Reason.HOSTUNKNOWN;
        return null;
    }
}
