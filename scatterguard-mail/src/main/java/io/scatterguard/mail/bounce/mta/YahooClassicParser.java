package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.Optional;

/**
 * The pre-2005 Yahoo! Mail bounce (also sent for Yahoo-hosted domains such as SBC Global and Yahoo
 * Small Business customers), subject "Delivery failure":
 * <pre>
 * Message from yahoo.com.
 * Unable to deliver message to the following address(es).
 *
 * &lt;user@yahoo.com&gt;:
 * Sorry your message to user@yahoo.com cannot be delivered. This account has been disabled or discontinued.
 *
 * --- Original message follows.
 * </pre>
 * Each {@code <address>:} block is one failed recipient with its explanation.
 */
public final class YahooClassicParser implements BounceParser {
    private static final String HEADLINE = "unable to deliver message to the following address";

    @Override
    public String name() {
        return "YahooClassic";
    }

    @Override
    public boolean appliesTo(ParsedMessage message) {
        return NotificationText.looksLikeBounce(message);
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage message) {
        if (!NotificationText.opensWith(message, "Message from ", 400)) return Optional.empty();
        var lines = NotificationText.lines(message);
        int start = BounceText.findLine(lines, 0, HEADLINE);
        if (start < 0 || start > 6) return Optional.empty();
        var found = NotificationText.angleBlocks(lines, start + 1, NotificationText.ownAddresses(message));
        return NotificationText.report(name(), message, found);
    }
}
