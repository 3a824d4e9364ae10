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
 * An unnamed MTA (Sisimai's "X3"): From "Mail Delivery System", subject "Delivery status
 * notification", a framed text "This is an automatically generated Delivery Status
 * Notification.", "Delivery to the following recipients failed permanently:" (or "... was aborted after N
 * hour(s)", spelt "Delevery" by some versions),
 * {@code * addr} lines, and "Technical details:" with {@code SMTP:RCPT host h: 553 ...} naming the
 * failed command. Newer versions attach a delivery-status part instead of the details; it is
 * combined.
 */
public final class X3Parser implements BounceParser {
    private static final String START = " to the following recipients";
    private static final Pattern TECHNICAL = Pattern.compile("^SMTP:([A-Z]+)\\s+host\\s+(\\S+?):?\\s+(.*)$");

    @Override
    public String name() {
        return "X3";
    }

    @Override
    public boolean appliesTo(ParsedMessage m) {
        return m.subjectLower().startsWith("delivery status notification")
                && m.headers().get("From").startsWith("Mail Delivery System");
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage m) {
        String body = BounceText.body(m);
        int i = body.indexOf(START);
        if (i < 0) return Optional.empty();
        String region = BounceText.region(body.substring(i), null, "Content-Type: message/rfc822",
                "Content-Type: text/rfc822-headers", "Content-Type: message/delivery-status");
        boolean delayed = region.startsWith(START + " delayed") || region.contains("failed temporarily");
        region = region.substring(region.indexOf('\n') + 1);
        List<DeliveryStatus.Builder> rcpts = new ArrayList<>();
        boolean technical = false;
        StringBuilder details = new StringBuilder();
        String command = "";
        String remote = "";
        for (String line : BounceText.lines(region)) {
            String t = line.strip();
            if (t.startsWith("* ") && !technical) {
                String a = Addresses.extract(t.substring(2));
                if (!a.isEmpty()) rcpts.add(DeliveryStatus.builder().recipient(a).action(delayed ? "delayed" : "failed"));
            } else if (t.startsWith("Technical details")) {
                technical = true;
            } else if (technical && !t.isEmpty() && !t.startsWith("====")) {
                Matcher d = TECHNICAL.matcher(t);
                if (d.matches()) {
                    command = d.group(1);
                    remote = d.group(2);
                    t = d.group(3);
                }
                details.append(details.length() > 0 ? " " : "").append(t);
            }
        }
        for (DeliveryStatus.Builder b : rcpts) {
            b.diagnostic(details.toString()).remoteMta(remote).command(command);
        }
        rcpts = BounceText.merge(rcpts, BounceText.dsn(m)); // newer versions add a delivery-status part
        return BounceText.report(name(), "", rcpts, OriginalMessage.NONE);
    }
}
