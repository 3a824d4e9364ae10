package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.bounce.OriginalMessage;
import io.scatterguard.mail.bounce.Reason;
import io.scatterguard.mail.bounce.rfc.Texts;
import io.scatterguard.mail.model.Addresses;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lotus Notes / Domino R4-R6 plain-text non-delivery reports (subject "Undeliverable message"):
 * "------- Failure Reasons  --------", the reason text (often in the server's language, e.g.
 * ISO-2022-JP) and the failed addresses, then "------- Returned Message --------" and the original
 * as text. When no address is listed, the original's To is the recipient. The reason text is
 * decoded from ISO-2022-JP when sent without a charset, and Notes' own messages name the reason
 * (see {@link DominoParser#reasonOf}).
 */
public final class NotesParser implements BounceParser {
    private static final String START = "------- Failure Reasons";
    private static final String END = "------- Returned Message";

    @Override
    public String name() {
        return "Notes";
    }

    @Override
    public boolean appliesTo(ParsedMessage m) {
        return m.subjectLower().startsWith("undeliverable message");
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage m) {
        String body = BounceText.body(m);
        int i = body.indexOf(START);
        if (i < 0) return Optional.empty();
        String region = Texts.decodeIso2022Jp(BounceText.region(body.substring(i), null, END));
        List<DeliveryStatus.Builder> rcpts = new ArrayList<>();
        StringBuilder reason = new StringBuilder();
        for (String line : BounceText.lines(region)) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith(START)) continue;
            if (t.indexOf(' ') < 0 && t.indexOf('@') > 0 && !Addresses.extract(t).isEmpty()) {
                rcpts.add(DeliveryStatus.builder().recipient(Addresses.extract(t)).action("failed"));
            } else {
                reason.append(reason.length() > 0 ? " " : "").append(t);
            }
        }
        OriginalMessage original = BounceText.originalAfter(m, END);
        if (rcpts.isEmpty() && !Addresses.extract(original.to()).isEmpty()) {
            rcpts.add(DeliveryStatus.builder().recipient(Addresses.extract(original.to())).action("failed"));
        }
        Reason stated = DominoParser.reasonOf(reason.toString());
        for (DeliveryStatus.Builder b : rcpts) b.diagnostic(reason.toString()).reason(stated);
        return BounceText.report(name(), "", rcpts, original);
    }
}
