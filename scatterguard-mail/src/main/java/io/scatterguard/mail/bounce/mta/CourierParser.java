package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.bounce.OriginalMessage;
import io.scatterguard.mail.bounce.rfc.DsnReport;
import io.scatterguard.mail.bounce.rfc.FailedCommand;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.List;
import java.util.Optional;

/**
 * Courier MTA (0.x/1.x) delivery status notifications: "This is a delivery status notification
 * from host, running the Courier mail server, version N.", "UNDELIVERABLE MAIL" / "DELAYED MAIL",
 * "Your message to the following recipients cannot be delivered:", then {@code <addr>:} entries
 * with the SMTP dialogue ("&gt;&gt;&gt; RCPT TO:&lt;addr&gt;", "&lt;&lt;&lt; 550 ...") or Courier's own text ("&lt;&lt;&lt;
 * No such domain."), and an RFC 3464 part. Recognised by the subject "NOTICE: mail delivery
 * status." or Courier's {@code =_courier_} MIME boundary.
 */
public final class CourierParser implements BounceParser {
    private static final String[] STARTS = {
        "Your message to the following recipients cannot be delivered:",
        "Your message to the following recipients has been delayed",
        "Your message has been delivered to the following recipients:"
    };
    private static final String[] ENDS = {
        "--------------------------", "Content-Type: message/delivery-status", "Content-Type: message/rfc822",
        "Content-Type: text/rfc822-headers"
    };

    @Override
    public String name() {
        return "Courier";
    }

    @Override
    public boolean appliesTo(ParsedMessage m) {
        return m.subjectLower().startsWith("notice: mail delivery status")
                || m.headers().get("Content-Type").contains("=_courier_");
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage m) {
        String body = BounceText.body(m);
        if (!body.contains("running the Courier mail server")) return Optional.empty();
        int start = BounceText.indexOfAny(body, 0, STARTS);
        List<DeliveryStatus.Builder> rcpts = start < 0 ? new java.util.ArrayList<>()
                : QmailParser.readEntries(BounceText.region(body.substring(start), null, ENDS));
        boolean delayed = body.contains("DELAYED MAIL") || (start >= 0 && body.startsWith(STARTS[1], start));
        for (DeliveryStatus.Builder b : rcpts) {
            b.action(delayed ? "delayed" : "failed");
            b.command(FailedCommand.find(b.diagnostic()));
        }
        DsnReport dsn = BounceText.dsn(m);
        rcpts = BounceText.merge(rcpts, dsn);
        return BounceText.report(name(), dsn.reportingMta(), rcpts, OriginalMessage.NONE);
    }
}
