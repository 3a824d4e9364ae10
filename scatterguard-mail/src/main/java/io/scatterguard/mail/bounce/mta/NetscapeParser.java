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
 * Netscape Messaging Server 3.x/4.x bounces ("Mail System Error - Returned Mail"). They are
 * multipart/report messages whose delivery-status part carries no recipient fields, so the
 * recipients come from the text part:
 * <pre>
 * This Message was undeliverable due to the following reason:
 * ...
 * The following recipients did not receive your message:
 *      &lt;user@example.org&gt;
 * Please reply to Postmaster@... if you feel this message to be in error.
 * </pre>
 * The reason paragraph between the marker and the recipient list is the diagnostic.
 */
public final class NetscapeParser implements BounceParser {
    private static final String MARKER = "this message was undeliverable due to the following reason";

    @Override
    public String name() {
        return "Netscape";
    }

    @Override
    public boolean appliesTo(ParsedMessage message) {
        return NotificationText.looksLikeBounce(message);
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage message) {
        if (!NotificationText.opensWith(message, "This Message was undeliverable", 4000)) return Optional.empty();
        List<String> lines = NotificationText.linesFrom(message, MARKER);
        if (lines.isEmpty()) return Optional.empty();
        Set<String> own = NotificationText.ownAddresses(message);
        StringBuilder reason = new StringBuilder();
        List<DeliveryStatus.Builder> found = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.contains("please reply to") || lower.startsWith("content-type:")) break;
            int lt = line.indexOf('<');
            if (lt >= 0 && line.indexOf('@', lt) > 0) {
                for (String a : NotificationText.addresses(line.substring(lt))) {
                    if (NotificationText.acceptable(a, own)) found.add(DeliveryStatus.builder().recipient(a).action("failed"));
                }
            } else if (found.isEmpty() && !lower.contains("following recipients")) {
                reason.append(' ').append(line.strip());
            }
        }
        String diag = firstSentences(reason.toString());
        for (DeliveryStatus.Builder b : found) b.diagnostic(diag);
        return NotificationText.report(name(), message, found);
    }

    /** The reason paragraph is long; keep its first sentence and the "Host ... is not responding." style facts. */
    private static String firstSentences(String reason) {
        String r = BounceText.oneLine(reason);
        int dot = r.indexOf(". ");
        return dot > 0 && dot < 240 ? r.substring(0, dot + 1) : (r.length() > 240 ? r.substring(0, 240) : r);
    }
}
