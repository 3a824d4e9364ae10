package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Non-delivery reports of Microsoft Exchange 5.5's Internet Mail Service, Novell GroupWise's
 * Internet Agent and NTMail (the layout GNU Mailman calls "GroupWise"/"Microsoft").
 *
 * <p>Recognised by {@code X-Mailer: Internet Mail Service (5.5.x)}, {@code Novell GroupWise Internet Agent},
 * {@code NTMail}, or the {@code X-MS-Embedded-Report} header, and the text
 * <pre>
 * Your message
 *   To: ...   Subject: ...
 * did not reach the following recipient(s):
 *
 * user@example.org on Fri, 20 Jul 2001 11:08:59 -0700
 *     The recipient name is not recognized
 *     MSEXCH:IMS:... Unknown Recipient
 * </pre>
 * Exchange 2000 writes the entry as {@code SMTP=user@example.org; on 4/4/2002 ...}; any subject starting
 * with "Undeliverable:" is therefore also tried. One entry per listed address; the indented lines below
 * it are its diagnostic.
 */
public final class GroupWiseParser implements BounceParser {
    private static final String MARKER = "did not reach the following recipient";

    @Override
    public String name() {
        return "GroupWise";
    }

    @Override
    public boolean appliesTo(ParsedMessage message) {
        String mailer = NotificationText.mailer(message);
        return mailer.contains("internet mail service") || mailer.contains("groupwise") || mailer.contains("ntmail")
                || message.headers().has("X-MS-Embedded-Report") || message.subjectLower().startsWith("undeliverable:");
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage message) {
        List<String> lines = NotificationText.linesFrom(message, MARKER);
        if (lines.isEmpty()) return Optional.empty();
        Set<String> own = NotificationText.ownAddresses(message);
        List<DeliveryStatus.Builder> found = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            List<String> addrs = NotificationText.addresses(line);
            if (addrs.isEmpty() || !FreeTextBounceParser.startsWithAddress(line)) continue;
            String addr = addrs.get(0);
            if (!NotificationText.acceptable(addr, own)) continue;
            found.add(NotificationText.entry(addr, "failed", BounceText.continuation(lines, i)));
        }
        return NotificationText.report(name(), message, found);
    }
}
