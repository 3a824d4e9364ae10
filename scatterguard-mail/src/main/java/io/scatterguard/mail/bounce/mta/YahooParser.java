package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.Optional;

/**
 * Yahoo! Mail's "Failure Notice" bounces (also sent through Yahoo's Sonic MTAs for AOL and for
 * relayed SES traffic), recognised by the {@code X-YMailISG} header Yahoo stamps on them.
 *
 * <p>Layout: "Sorry, we were unable to deliver your message to the following address.", then per
 * recipient a line {@code <addr>:} followed by "Remote host said: 550 5.1.1 ... [RCPT_TO]" (the reply
 * may continue on the next lines, the command in brackets may stand on its own line) or by Yahoo's own
 * sentence ("No mx record found for domain=...", "Unable to deliver message after multiple retries").
 * The original follows "--- Below this line is a copy of the message.". The older layout (2002–2006,
 * subject "Delivery failure") opens with "Message from yahoo.com." / "Unable to deliver message to the
 * following address(es).", has the same {@code <addr>:} lines followed by Yahoo's sentence ("This user
 * doesn't have a yahoo.com account", "This account has been disabled or discontinued") and quotes the
 * original after "--- Original message follows.".
 */
final class YahooParser implements BounceParser {
    private static final String[] START = {
        "Sorry, we were unable to deliver your message", "Unable to deliver message to the following address",
    };
    private static final String[] ORIGINAL = {"--- Below this line is a copy of the message.", "--- Original message follows."};
    private static final String REMOTE = "Remote host said:";

    @Override
    public String name() {
        return "Yahoo";
    }

    @Override
    public boolean appliesTo(ParsedMessage m) {
        ProviderHints h = ProviderHints.of(m);
        if (h.has("x-ymailisg")) return true;
        String from = h.from;
        return from.contains("mailer-daemon@yahoo") || (h.subject.equals("failure notice") && from.contains("yahoo"));
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage m) {
        String head = BounceText.head(m.body(), ORIGINAL);
        RecipientBlocks blocks = new RecipientBlocks();
        for (String line : BounceText.linesAfter(head, START)) {
            if (line.isBlank()) continue;
            String t = line.strip();
            if (t.startsWith("<") && t.endsWith(">:") && t.contains("@")) {
                blocks.add(DeliveryStatus.builder().recipient(BounceText.address(t)).action("failed"));
            } else if (!blocks.isEmpty()) {
                blocks.append(t);
            }
        }
        for (int i = 0; i < blocks.size(); i++) {
            complete(blocks.row(i), blocks.text(i));
        }
        return BounceText.reportAsRead(name(), "", blocks.rows(), BounceText.quotedOriginal(m.body(), ORIGINAL));
    }

    private static void complete(DeliveryStatus.Builder b, String text) {
        String reply = text.startsWith(REMOTE) ? text.substring(REMOTE.length()).strip() : text;
        String command = BounceText.commandIn(reply);
        int bracket = reply.lastIndexOf(" [");
        if (bracket > 0 && reply.endsWith("]") && !command.isEmpty()) reply = reply.substring(0, bracket).strip();
        b.diagnostic(reply);
        b.command(command);
        if (b.command().isEmpty() && reply.contains("<") && reply.contains("@")) b.command("RCPT");
        BounceText.codesFrom(reply, b);
    }
}
