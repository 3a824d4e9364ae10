package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.bounce.OriginalMessage;
import io.scatterguard.mail.model.Addresses;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An unnamed Japanese MTA (Sisimai's "X1"): From "Mail Deliver System" (sic), subject "Returned
 * Mail: ..." or "Warning--Could not send mail", "---The following addresses had delivery
 * errors---" then {@code addr [reason]} lines.
 */
public final class X1Parser implements BounceParser {
    private static final String START = "---The following addresses had delivery errors---";
    private static final Pattern ENTRY = Pattern.compile("^<?([^\\s<>]+@[^\\s<>]+?)>?\\s+\\[(.*)\\]\\s*$");

    @Override
    public String name() {
        return "X1";
    }

    @Override
    public boolean appliesTo(ParsedMessage m) {
        return m.headers().get("From").contains("Mail Deliver System") || m.subjectLower().startsWith("mail delivery failure");
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage m) {
        String body = BounceText.body(m);
        int i = body.indexOf(START);
        if (i < 0) return Optional.empty();
        boolean delayed = m.subjectLower().startsWith("warning");
        List<DeliveryStatus.Builder> rcpts = new ArrayList<>();
        for (String line : BounceText.lines(BounceText.region(body.substring(i + START.length()), null, "Content-Type:"))) {
            Matcher e = ENTRY.matcher(line.strip());
            if (e.matches()) {
                rcpts.add(DeliveryStatus.builder().recipient(Addresses.normalise(e.group(1))).diagnostic(e.group(2))
                        .action(delayed ? "delayed" : "failed"));
            }
        }
        return BounceText.report(name(), "", rcpts, OriginalMessage.NONE);
    }
}
