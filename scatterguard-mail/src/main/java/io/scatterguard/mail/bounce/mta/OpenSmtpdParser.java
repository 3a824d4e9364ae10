package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.bounce.rfc.DsnReport;
import io.scatterguard.mail.bounce.rfc.FailedCommand;
import io.scatterguard.mail.model.Addresses;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * OpenSMTPD (5.x to 7.x) bounces: "This is the MAILER-DAEMON, please DO NOT REPLY to this
 * e-mail.", "An error has occurred while attempting to deliver a message for the following list
 * of recipients:" (or "Delivery to the following recipients was delayed/succeeded"), one
 * {@code addr: error} line per recipient, and "Below is a copy of the original message:"; newer
 * versions add a delivery-status part whose generic status is refined from the text.
 */
public final class OpenSmtpdParser implements BounceParser {
    private static final String[] STARTS = {
        "the following list of recipients:", "Delivery to the following recipients",
        "This is the MAILER-DAEMON, please DO NOT REPLY"
    };
    private static final String[] ENDS = {
        "Below is a copy of the original message:", "Below is a copy of the original headers:",
        "Content-Type: message/delivery-status", "Content-Type: message/rfc822", "Content-Type: text/rfc822-headers"
    };

    @Override
    public String name() {
        return "OpenSMTPD";
    }

    @Override
    public boolean appliesTo(ParsedMessage m) {
        return m.subjectLower().startsWith("delivery status notification:")
                && m.headers().lower("From").contains("mailer-daemon");
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage m) {
        String body = BounceText.body(m);
        if (!body.contains("This is the MAILER-DAEMON")) return Optional.empty();
        String region = BounceText.region(body, STARTS, ENDS);
        boolean delayed = region.contains("was delayed") || m.subjectLower().endsWith("warning");
        List<DeliveryStatus.Builder> rcpts = new ArrayList<>();
        for (String line : BounceText.lines(region)) {
            if (line.startsWith(" ") || line.isBlank()) continue;
            int colon = line.indexOf(": ");
            if (colon <= 0) continue;
            String addr = Addresses.extract(line.substring(0, colon));
            if (addr.isEmpty()) continue;
            String diag = line.substring(colon + 2).strip();
            rcpts.add(DeliveryStatus.builder().recipient(addr).diagnostic(diag)
                    .action(delayed ? "delayed" : "failed").command(FailedCommand.find(diag)));
        }
        DsnReport dsn = BounceText.dsn(m);
        rcpts = BounceText.merge(rcpts, dsn);
        return BounceText.report(name(), dsn.reportingMta(), rcpts,
                BounceText.originalAfter(m, "Below is a copy of the original message:", "Below is a copy of the original headers:"));
    }
}
