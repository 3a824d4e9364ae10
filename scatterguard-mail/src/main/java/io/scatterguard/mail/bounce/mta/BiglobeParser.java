package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.bounce.OriginalMessage;
import io.scatterguard.mail.bounce.Reason;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * BIGLOBE (and the cable ISPs on its platform: inacatv, tmtv, ttv) bounces: "Returned mail: ..." from
 * {@code postmaster@...biglobe.ne.jp}, with "   ----- The following addresses had delivery problems -----",
 * bare address lines, then "   ----- Non-delivered information -----" and BIGLOBE's sentence, e.g.
 * "The number of messages in recipient's mailbox exceeded the local limit." (mailboxfull) or
 * "Mail Delivery Failed... User unknown" (filtered, BIGLOBE's wording for a refused recipient).
 */
final class BiglobeParser implements BounceParser {
    private static final String START = "   ----- The following addresses had delivery problems -----";
    private static final String[] DOMAINS = {"@biglobe.ne.jp", "@inacatv.ne.jp", "@tmtv.ne.jp", "@ttv.ne.jp"};

    @Override
    public String name() {
        return "Biglobe";
    }

    @Override
    public boolean appliesTo(ParsedMessage m) {
        ProviderHints h = ProviderHints.of(m);
        String from = h.from;
        if (!from.contains("postmaster@") || !h.subjectAsWritten.startsWith("Returned mail:")) return false;
        for (String d : DOMAINS) {
            if (from.contains(d) || from.contains("." + d.substring(1))) return true;
        }
        return false;
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage m) {
        String head = BounceText.head(m.body(), "Content-Type: message/rfc822");
        int start = head.indexOf(START);
        if (start < 0) return Optional.empty();
        List<DeliveryStatus.Builder> rows = new ArrayList<>();
        StringBuilder info = new StringBuilder();
        for (String line : BounceText.lines(head.substring(start + START.length()))) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("-----") || t.startsWith("--") || t.startsWith("Content-Type:")) continue;
            if (t.indexOf(' ') < 0 && t.indexOf('@') > 0) {
                rows.add(DeliveryStatus.builder().recipient(BounceText.address(t)).action("failed"));
            } else {
                BounceText.appendLine(info, t);
            }
        }
        String diag = BounceText.sweep(info.toString());
        Reason reason = diag.contains("The number of messages in recipient's mailbox exceeded the local limit.")
                ? Reason.MAILBOXFULL : diag.contains("Mail Delivery Failed... User unknown") ? Reason.FILTERED : null;
        for (DeliveryStatus.Builder b : rows) b.diagnostic(diag).reason(reason);
        return BounceText.reportAsRead(name(), "", rows, OriginalMessage.NONE);
    }
}
