package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.bounce.Reason;
import io.scatterguard.mail.bounce.rfc.DsnReport;
import io.scatterguard.mail.bounce.rfc.Texts;
import io.scatterguard.mail.model.Addresses;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * HCL/IBM Lotus Domino (6.x to 12.x) delivery failure reports: subject "DELIVERY FAILURE: ..." or
 * "DELIVERY_FAILURE: ...", a text part "Your message / Subject: ... / was not delivered to: / addr /
 * because: / reason", and a delivery-status part with an {@code X-Notes;} diagnostic. Domino's own
 * messages name the reason ("... not listed in Domino Directory" and its Japanese form, "Cannot
 * route mail to user", "Several matches found in Domino Directory", "Maximum hop count
 * exceeded"); text sent without a charset is decoded from ISO-2022-JP.
 */
public final class DominoParser implements BounceParser {
    private static final String START = "was not delivered to:";
    private static final String BECAUSE = "because:";
    private static final String[][] MESSAGES = {
        {"not listed in Domino Directory", "USERUNKNOWN"},
        {"not listed in public Name & Address Book", "USERUNKNOWN"},
        {"User not listed in", "USERUNKNOWN"},
        {"Domino ディレクトリには見つかりません", "USERUNKNOWN"},
        {"ディレクトリのリストにありません", "USERUNKNOWN"},
        {"Cannot route mail to user", "FILTERED"},
        {"Several matches found in Domino Directory", "SYSTEMERROR"},
        {"Maximum hop count exceeded", "NETWORKERROR"},
        {"Message has exceeded maximum hop count", "NETWORKERROR"}
    };

    /** The reason a Domino or Notes message names, or null. */
    static Reason reasonOf(String text) {
        for (String[] m : MESSAGES) {
            if (text.contains(m[0])) return Reason.valueOf(m[1]);
        }
        return null;
    }

    @Override
    public String name() {
        return "Domino";
    }

    @Override
    public boolean appliesTo(ParsedMessage m) {
        String s = m.subjectLower();
        return s.startsWith("delivery failure:") || s.startsWith("delivery_failure:");
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage m) {
        String body = BounceText.body(m);
        int i = body.indexOf(START);
        if (i < 0) return Optional.empty();
        int because = body.indexOf(BECAUSE, i);
        String region = BounceText.region(body.substring(i + START.length()), null,
                "Content-Type: message/delivery-status", "Content-Type: message/rfc822", "Content-Type: text/rfc822-headers");
        List<DeliveryStatus.Builder> rcpts = new ArrayList<>();
        int cut = because < 0 ? -1 : because - i - START.length();
        String addresses = cut >= 0 && cut <= region.length() ? region.substring(0, cut) : region;
        String reason = cut >= 0 && cut <= region.length()
                ? Texts.sweepLines(Texts.decodeIso2022Jp(region.substring(cut + BECAUSE.length())), 800) : "";
        for (String line : BounceText.lines(addresses)) {
            String a = Addresses.extract(line);
            if (!a.isEmpty()) rcpts.add(DeliveryStatus.builder().recipient(a).action("failed").diagnostic(reason));
        }
        DsnReport dsn = BounceText.dsn(m);
        rcpts = BounceText.merge(rcpts, dsn);
        for (DeliveryStatus.Builder b : rcpts) {
            b.diagnostic(Texts.decodeIso2022Jp(b.diagnostic()));
            b.reason(reasonOf(b.diagnostic()));
        }
        return BounceText.report(name(), dsn.reportingMta(), rcpts, io.scatterguard.mail.bounce.OriginalMessage.NONE);
    }
}
