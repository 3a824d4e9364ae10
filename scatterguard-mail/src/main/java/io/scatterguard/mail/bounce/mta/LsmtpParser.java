package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.model.Addresses;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * L-Soft LSMTP (the LISTSERV companion MTA, e.g. "LSMTP for Windows NT v1.1b") error reports,
 * written in a machine-readable block:
 * <pre>
 * --&gt; Error description:
 * Error-for:  user@example.org
 * Error-Code: 0
 * Error-Text: Mailer mail.example.org said:
 *             "554 Message looping (received 6 times)"
 * Error-End:  One error reported.
 * </pre>
 */
public final class LsmtpParser implements BounceParser {
    @Override
    public String name() {
        return "LSMTP";
    }

    @Override
    public boolean appliesTo(ParsedMessage message) {
        return NotificationText.looksLikeBounce(message);
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage message) {
        if (!message.body().contains("Error-for:")) return Optional.empty();
        List<String> lines = NotificationText.lines(message);
        Set<String> own = NotificationText.ownAddresses(message);
        List<DeliveryStatus.Builder> found = new ArrayList<>();
        DeliveryStatus.Builder current = null;
        for (String line : lines) {
            if (line.startsWith("Error-for:")) {
                current = NotificationText.failedRecipient(Addresses.extract(line.substring(10)), own);
                if (current != null) found.add(current);
            } else if (line.startsWith("Error-Text:") && current != null) {
                current.appendDiagnostic(line.substring(11));
            } else if (current != null && !line.isEmpty() && Character.isWhitespace(line.charAt(0))) {
                if (!current.diagnostic().isEmpty()) current.appendDiagnostic(line.replace("\"", ""));
            } else if (line.startsWith("Error-End:")) {
                current = null;
            }
        }
        for (DeliveryStatus.Builder b : found) b.diagnostic(BounceText.oneLine(b.diagnostic().replace("\"", "")));
        return NotificationText.report(name(), message, found);
    }
}
