package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.bounce.OriginalMessage;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MailFoundry appliances (subject "Message delivery has failed", a Received header "(MAILFOUNDRY)"):
 * "Unable to deliver message to: &lt;addr&gt;", "Delivery failed for the following reason:" and the
 * reason ("host[ip] responded with failure: 552 ..."), "This has been a permanent failure.".
 */
public final class MailFoundryParser implements BounceParser {
    private static final String START = "Unable to deliver message to:";
    private static final String REASON = "Delivery failed for the following reason:";
    private static final Pattern REMOTE = Pattern.compile("^(\\S+?)\\[[^\\]]*\\] responded with failure:\\s*");

    @Override
    public String name() {
        return "MailFoundry";
    }

    @Override
    public boolean appliesTo(ParsedMessage m) {
        return m.subjectLower().startsWith("message delivery has failed");
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage m) {
        String body = BounceText.body(m);
        String addr = BounceText.addressAfter(body, START);
        if (addr.isEmpty()) return Optional.empty();
        int i = body.indexOf(START);
        DeliveryStatus.Builder b = DeliveryStatus.builder().recipient(addr).action("failed");
        int r = body.indexOf(REASON, i);
        if (r >= 0) {
            String text = BounceText.region(body.substring(r + REASON.length()), null, "This has been a ", "Content-Type:");
            for (String line : BounceText.lines(text)) {
                String t = line.strip();
                if (t.isEmpty()) continue;
                Matcher h = REMOTE.matcher(t);
                if (h.find()) {
                    b.remoteMta(h.group(1));
                    t = t.substring(h.end());
                }
                b.appendDiagnostic(t);
            }
        }
        return BounceText.report(name(), "", List.of(b), OriginalMessage.NONE);
    }
}
