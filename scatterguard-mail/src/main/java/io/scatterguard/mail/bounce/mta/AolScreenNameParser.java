package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.model.Addresses;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Old AOL bounces that name only the member's screen name, sent from an {@code @aol.com} address:
 * <pre>
 * ... mail to the following recipients could not be delivered because ...
 *
 *   screenname
 * </pre>
 * A bare screen name is an AOL mailbox, so it becomes {@code screenname@aol.com}; the list ends at
 * the first line that is not a single token.
 */
public final class AolScreenNameParser implements BounceParser {
    private static final String MARKER = "mail to the following recipients could not be delivered";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._+-]{1,64}+(?:@[A-Za-z0-9.-]{1,253}+)?");

    @Override
    public String name() {
        return "AOL";
    }

    @Override
    public boolean appliesTo(ParsedMessage message) {
        String from = message.headers().lower("From");
        return from.contains("@aol.com") && !message.mimeType().startsWith("multipart/");
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage message) {
        List<String> lines = NotificationText.linesFrom(message, MARKER);
        if (lines.isEmpty()) return Optional.empty();
        Set<String> own = NotificationText.ownAddresses(message);
        String diag = lines.get(0).strip();
        List<DeliveryStatus.Builder> found = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String token = lines.get(i).strip();
            if (token.isEmpty()) {
                if (found.isEmpty()) continue;
                break;
            }
            if (!TOKEN.matcher(token).matches()) break;
            String addr = token.indexOf('@') > 0 ? Addresses.normalise(token) : token + "@aol.com";
            if (NotificationText.acceptable(addr.toLowerCase(Locale.ROOT), own)) {
                found.add(NotificationText.entry(addr, "failed", diag));
            }
        }
        return NotificationText.report(name(), message, found);
    }
}
