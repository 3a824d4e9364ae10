package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.Optional;

/**
 * Deutsche Telekom / T-Online bounces and their model, Smail 3 ("mail failed, returning to sender"):
 * bannered sections "|---- Message log follows: ----|", "|---- Failed addresses follow: ----|" and
 * "|---- Message text follows: ----|" (T-Online: "Message header follows:"). Failed addresses are
 * {@code  <addr>} lines followed by the indented remote reply (T-Online) or Smail's
 * {@code  addr ... failed: reason} / {@code  addr ... unknown host} lines; the message log, when present,
 * prefixes the diagnostic.
 */
final class DeutscheTelekomParser implements BounceParser {
    private static final String LOG = "|------------------------- Message log follows: -------------------------|";
    private static final String FAILED = "|------------------------- Failed addresses follow: ---------------------|";
    private static final String[] ORIGINAL = {
        "|------------------------- Message text follows: ------------------------|",
        "|------------------------- Message header follows: ----------------------|",
    };

    @Override
    public String name() {
        return "DeutscheTelekom";
    }

    @Override
    public boolean appliesTo(ParsedMessage m) {
        ProviderHints h = ProviderHints.of(m);
        if (h.has("x-toi-msgid") || h.subject.startsWith("mail failed")) return true;
        String from = h.from;
        return from.contains("mailer-daemon@t-online.de") || from.contains("mailer-daemon@magenta.de");
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage m) {
        String head = BounceText.head(m.body(), ORIGINAL);
        int failed = head.indexOf(FAILED);
        if (failed < 0) return Optional.empty();
        String log = messageLog(head.substring(0, failed));
        RecipientBlocks blocks = new RecipientBlocks();
        for (String line : BounceText.lines(head.substring(failed + FAILED.length()))) {
            String t = line.strip();
            if (t.isEmpty()) continue;
            int dots = t.indexOf(" ... ");
            boolean angle = line.startsWith(" <") && t.endsWith(">") && t.indexOf(' ') < 0;
            if (angle || (dots > 0 && t.substring(0, dots).contains("@") && t.substring(0, dots).indexOf(' ') < 0)) {
                String addr = BounceText.address(angle ? t : t.substring(0, dots));
                blocks.add(DeliveryStatus.builder().recipient(addr).action("failed"), log);
                if (!angle) blocks.append(t.substring(dots + 5));
            } else if (!blocks.isEmpty()) {
                blocks.append(t);
            }
        }
        for (int i = 0; i < blocks.size(); i++) {
            DeliveryStatus.Builder b = blocks.row(i);
            String text = blocks.text(i);
            b.diagnostic(text);
            String reply = log.isEmpty() ? text : text.substring(Math.min(log.length(), text.length())).strip();
            BounceText.codesFrom(reply, b);
        }
        return BounceText.reportAsRead(name(), "", blocks.rows(), BounceText.quotedOriginal(m.body(), ORIGINAL));
    }

    private static String messageLog(String beforeFailed) {
        int i = beforeFailed.indexOf(LOG);
        if (i < 0) return "";
        return BounceText.sweep(beforeFailed.substring(i + LOG.length()));
    }
}
