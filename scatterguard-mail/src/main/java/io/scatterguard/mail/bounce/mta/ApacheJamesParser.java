package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.bounce.OriginalMessage;
import io.scatterguard.mail.bounce.rfc.Texts;
import io.scatterguard.mail.model.Addresses;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Apache James (2.x/3.x bounce mailet): "Error message below:" followed by the remote reply, and
 * "Message details:" with "Subject:", "Sent date:", "MAIL FROM:", "RCPT TO:" (the failed
 * recipients), "From:", "Size (in bytes):". Recognised by a JavaMail message id, a subject "[BOUNCE]"
 * or a "JAMES SMTP Server" Received header, and confirmed by the body.
 */
public final class ApacheJamesParser implements BounceParser {
    private static final String ERROR = "Error message below:";
    private static final String DETAILS = "Message details:";

    @Override
    public String name() {
        return "ApacheJames";
    }

    @Override
    public boolean appliesTo(ParsedMessage m) {
        if (m.headers().get("Message-ID").contains(".JavaMail.") || m.subjectLower().startsWith("[bounce]")) return true;
        for (String r : m.headers().all("Received")) {
            if (r.contains("JAMES SMTP Server")) return true;
        }
        return false;
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage m) {
        String body = BounceText.body(m);
        int e = body.indexOf(ERROR);
        int d = body.indexOf(DETAILS);
        if (d < 0) return Optional.empty();
        String diag = BounceText.sweptBetween(body, e, ERROR, d, 800);
        String lead = Texts.sweepLines(body.substring(0, e >= 0 && e < d ? e : d), 300);
        List<DeliveryStatus.Builder> rcpts = new ArrayList<>();
        for (String line : BounceText.lines(BounceText.region(body.substring(d), null, "Content-Type: message/rfc822"))) {
            String t = line.strip();
            if (t.startsWith("RCPT TO:")) {
                for (String a : t.substring(8).split("[,\\s]+")) {
                    String addr = Addresses.extract(a);
                    if (!addr.isEmpty()) {
                        rcpts.add(DeliveryStatus.builder().recipient(addr).action("failed")
                                .diagnostic(diag.isEmpty() ? lead : lead + " " + diag));
                    }
                }
            }
        }
        return BounceText.report(name(), "", rcpts, OriginalMessage.NONE);
    }
}
