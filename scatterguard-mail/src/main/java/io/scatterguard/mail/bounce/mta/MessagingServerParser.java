package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.bounce.OriginalMessage;
import io.scatterguard.mail.bounce.rfc.DsnFields;
import io.scatterguard.mail.bounce.rfc.DsnReport;
import io.scatterguard.mail.bounce.rfc.FailedCommand;
import io.scatterguard.mail.model.Addresses;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Oracle Communications (Sun Java System / iPlanet) Messaging Server reports: subject "Delivery
 * Notification: Delivery has failed" (or "... has been delayed"), MIME boundaries
 * {@code Boundary_(ID_...)}, a text part "This report relates to a message you sent with the
 * following header fields:" and per recipient "Recipient address:", "Original address:",
 * "Reason:", "Diagnostic code: smtp;...", "Remote system: dns;host (...)", plus an RFC 3464 part.
 */
public final class MessagingServerParser implements BounceParser {
    private static final String START = "This report relates to a message you sent";

    @Override
    public String name() {
        return "MessagingServer";
    }

    @Override
    public boolean appliesTo(ParsedMessage m) {
        return m.subjectLower().startsWith("delivery notification: ")
                || m.headers().get("Content-Type").contains("Boundary_(ID_");
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage m) {
        String body = BounceText.body(m);
        int i = body.indexOf(START);
        if (i < 0) return Optional.empty();
        String region = BounceText.region(body.substring(i), null,
                "Content-Type: message/delivery-status", "Content-Type: message/rfc822", "Content-Type: text/rfc822-headers");
        boolean delayed = m.subjectLower().contains("delayed");
        List<DeliveryStatus.Builder> rcpts = new ArrayList<>();
        DeliveryStatus.Builder cur = null;
        String reason = "";
        for (String line : BounceText.lines(region)) {
            String t = line.strip();
            int colon = t.indexOf(':');
            if (colon <= 0) continue;
            String field = t.substring(0, colon);
            String value = t.substring(colon + 1).strip();
            switch (field) {
                case "Recipient address" -> {
                    cur = DeliveryStatus.builder().recipient(Addresses.extract(value)).action(delayed ? "delayed" : "failed");
                    rcpts.add(cur);
                    reason = "";
                }
                case "Reason" -> {
                    reason = value;
                    if (cur != null && cur.diagnostic().isEmpty()) cur.diagnostic(value);
                }
                case "Diagnostic code" -> {
                    if (cur != null) cur.diagnostic(DsnFields.stripType(value) + (reason.isEmpty() ? "" : " (" + reason + ")"));
                }
                case "Remote system" -> {
                    if (cur != null) cur.remoteMta(DsnFields.stripType(value).split("[\\s(]", 2)[0]);
                }
                default -> { }
            }
        }
        for (DeliveryStatus.Builder b : rcpts) b.command(FailedCommand.find(b.diagnostic()));
        DsnReport dsn = BounceText.dsn(m);
        rcpts = BounceText.merge(rcpts, dsn);
        return BounceText.report(name(), dsn.reportingMta(), rcpts, OriginalMessage.NONE);
    }
}
