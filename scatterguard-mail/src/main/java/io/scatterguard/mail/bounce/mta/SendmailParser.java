package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.bounce.rfc.DsnReport;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.List;
import java.util.Optional;

/**
 * Sendmail 8.x delivery status notifications: subject "Returned mail: ...", "Warning: could not
 * send message for past ...", "Postmaster notify: ..." or From "Mail Delivery Subsystem"; a
 * multipart/report whose text part has "----- The following addresses had permanent fatal errors
 * -----" and "----- Transcript of session follows -----" (read by {@link SendmailTranscript} for
 * the command, remote host and reply), and a delivery-status part for status and recipients.
 */
public final class SendmailParser implements BounceParser {
    private static final String[] SUBJECTS = {
        "returned mail:", "warning: could not send message", "postmaster notify:", "postmaster warning:"
    };
    private static final String[] STARTS = {
        "----- The following address", "----- Transcript of session follows", "The original message was received at"
    };
    private static final String[] ENDS = {
        "Content-Type: message/delivery-status", "Content-Type: message/rfc822", "Content-Type: text/rfc822-headers",
        "----- Original message follows", "----- Message header follows", "----- Unsent message follows"
    };

    @Override
    public String name() {
        return "Sendmail";
    }

    @Override
    public boolean appliesTo(ParsedMessage m) {
        return (BounceText.startsWithAny(m.subjectLower(), SUBJECTS) || m.headers().get("From").contains("Mail Delivery Subsystem"))
                && hasStatusPart(m);
    }

    private static boolean hasStatusPart(ParsedMessage m) {
        return m.hasPart("message/delivery-status") || m.hasPart("message/global-delivery-status");
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage m) {
        // Others (Gmail among them) also sign "Mail Delivery Subsystem": without Sendmail's own
        // text the standard RFC 3464 reading is the right one.
        if (BounceText.indexOfAny(BounceText.body(m), 0, STARTS) < 0) return Optional.empty();
        DsnReport dsn = BounceText.dsn(m);
        SendmailTranscript t = SendmailTranscript.read(BounceText.region(BounceText.body(m), STARTS, ENDS));
        List<DeliveryStatus.Builder> rcpts = BounceText.merge(List.of(), dsn);
        if (rcpts.isEmpty()) rcpts = t.recipients();
        for (DeliveryStatus.Builder b : rcpts) t.complete(b);
        return BounceText.report(name(), dsn.reportingMta(), rcpts, BounceText.originalAfter(m, ENDS));
    }
}
