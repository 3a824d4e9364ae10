package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Ipswitch IMail's SMTP32 delivery agent ({@code X-Mailer: <SMTP32 v8.15>}, subject
 * "Undeliverable Mail"). Each failure is one line naming the address, optionally followed by the
 * remote server's answer, and the original follows "Original message follows.":
 * <pre>
 * Unknown user: user@example.org
 *
 * RCPT TO generated following response:
 * 553 5.3.0 &lt;user@example.org&gt;... Addressee unknown
 * </pre>
 * Other first lines: "Delivery failed 20 attempts: x", "Invalid final delivery userid: x",
 * "User mailbox exceeds allowed size: x", "undeliverable to x".
 */
public final class Smtp32Parser implements BounceParser {
    private static final String RESPONSE = "generated following response:";

    @Override
    public String name() {
        return "SMTP32";
    }

    @Override
    public boolean appliesTo(ParsedMessage message) {
        return NotificationText.mailer(message).contains("smtp32");
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage message) {
        List<String> lines = NotificationText.lines(message);
        Set<String> own = NotificationText.ownAddresses(message);
        List<DeliveryStatus.Builder> found = new ArrayList<>();
        DeliveryStatus.Builder last = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.contains(RESPONSE) && last != null) {
                String answer = BounceText.continuation(lines, i);
                if (!answer.isEmpty()) last.diagnostic(answer);
                last.command(lower.startsWith("rcpt") ? "RCPT" : lower.startsWith("data") ? "DATA"
                        : lower.startsWith("mail") ? "MAIL" : "");
                continue;
            }
            if (line.isEmpty() || Character.isWhitespace(line.charAt(0))) continue;
            for (String addr : NotificationText.addresses(line)) {
                if (!NotificationText.acceptable(addr, own) || seen(found, addr)) continue;
                last = NotificationText.entry(addr, "failed", line);
                found.add(last);
            }
        }
        return NotificationText.report(name(), message, found);
    }

    private static boolean seen(List<DeliveryStatus.Builder> found, String addr) {
        for (DeliveryStatus.Builder b : found) {
            if (b.recipient().equalsIgnoreCase(addr)) return true;
        }
        return false;
    }
}
