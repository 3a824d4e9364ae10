package io.scatterguard.mail.bounce.reason;

import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.bounce.Reason;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Completes one recipient's result: finds a status code and reply code in the diagnostic text
 * when the parser had none, classifies the reason, and decides hard or soft.
 */
public final class ReasonResolver {
    private static final Pattern STATUS = Pattern.compile("\\b([245])\\.(\\d{1,3})\\.(\\d{1,3})\\b");
    private static final Pattern REPLY = Pattern.compile("\\b([245]\\d\\d)\\b");

    public DeliveryStatus resolve(DeliveryStatus d, ParsedMessage message) {
        DeliveryStatus.Builder b = d.toBuilder();
        if (b.status().isEmpty()) {
            Matcher m = STATUS.matcher(b.diagnostic());
            if (m.find()) b.status(m.group());
        }
        if (b.replyCode().isEmpty()) {
            Matcher m = REPLY.matcher(b.diagnostic());
            if (m.find()) b.replyCode(m.group(1));
        }
        if (d.reason() == Reason.UNDEFINED) {
            b.reason(null);
            b.hardBounce(null);
        }
        return b.build();
    }
}
