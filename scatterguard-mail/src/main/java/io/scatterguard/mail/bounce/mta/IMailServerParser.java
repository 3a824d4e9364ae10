package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.bounce.Reason;
import io.scatterguard.mail.bounce.rfc.FailedCommand;
import io.scatterguard.mail.model.Addresses;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ipswitch IMail Server (SMTP32) reports ({@code X-Mailer: <SMTP32 vNNNNNN>}, subject
 * "Undeliverable Mail"): one line per recipient, {@code <explanation>: addr} ("Unknown user:",
 * "Delivery failed N attempts:", "User mailbox exceeds allowed size:", "Host Unknown:",
 * "Message could not be delivered ..."), optional "Remote host said:" lines, then "Original
 * message follows.". These explanations state the reason (unknown user, mailbox full, unknown
 * host, retry period expired).
 */
public final class IMailServerParser implements BounceParser {
    private static final String END = "Original message follows.";
    private static final Pattern ENTRY = Pattern.compile("^(.+?):\\s*<?([^\\s<>]+@[^\\s<>]+?)>?\\s*$");

    /** IMail's own explanations name the reason. */
    private static Reason reasonOf(String explanation) {
        String s = explanation.strip();
        if (s.startsWith("Unknown user") || s.startsWith("Invalid final delivery userid")) return Reason.USERUNKNOWN;
        if (s.startsWith("User mailbox exceeds allowed size")) return Reason.MAILBOXFULL;
        if (s.startsWith("Unknown host") || s.startsWith("Host Unknown")) return Reason.HOSTUNKNOWN;
        if (s.startsWith("Delivery failed") && s.contains("attempts")) return Reason.EXPIRED;
        return null;
    }

    @Override
    public String name() {
        return "IMailServer";
    }

    @Override
    public boolean appliesTo(ParsedMessage m) {
        return m.headers().get("X-Mailer").startsWith("<SMTP32 v");
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage m) {
        String region = BounceText.region(BounceText.body(m), null, END);
        List<DeliveryStatus.Builder> rcpts = new ArrayList<>();
        DeliveryStatus.Builder cur = null;
        for (String line : BounceText.lines(region)) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("Content-Type:")) continue;
            Matcher e = ENTRY.matcher(t);
            if (e.matches()) {
                cur = DeliveryStatus.builder().recipient(Addresses.normalise(e.group(2))).action("failed")
                        .diagnostic(e.group(1).strip());
                cur.reason(reasonOf(e.group(1)));
                rcpts.add(cur);
            } else if (cur != null) {
                cur.appendDiagnostic(t);
            }
        }
        for (DeliveryStatus.Builder b : rcpts) b.command(FailedCommand.find(b.diagnostic()));
        return BounceText.report(name(), "", rcpts, BounceText.originalAfter(m, END));
    }
}
