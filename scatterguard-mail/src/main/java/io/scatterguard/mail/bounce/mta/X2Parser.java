package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.List;
import java.util.Optional;

/**
 * An unnamed web-mail provider's MTA (Sisimai's "X2"): From MAILER-DAEMON, subject "Delivery
 * failure" or "failure delivery", "Unable to deliver message to the following address(es).", then
 * qmail-like {@code <addr>:} entries with the explanation, and "--- Original message follows.".
 */
public final class X2Parser implements BounceParser {
    private static final String START = "Unable to deliver message to the following address(es).";
    private static final String END = "--- Original message follows.";

    @Override
    public String name() {
        return "X2";
    }

    @Override
    public boolean appliesTo(ParsedMessage m) {
        String s = m.subjectLower();
        return (s.contains("delivery failure") || s.startsWith("failure delivery") || s.startsWith("failed delivery"))
                && m.headers().lower("From").contains("mailer-daemon");
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage m) {
        String body = BounceText.body(m);
        int i = body.indexOf(START);
        if (i < 0) return Optional.empty();
        List<DeliveryStatus.Builder> rcpts = QmailParser.readEntries(BounceText.region(body.substring(i), null, END));
        return BounceText.report(name(), "", rcpts, BounceText.originalAfter(m, END));
    }
}
