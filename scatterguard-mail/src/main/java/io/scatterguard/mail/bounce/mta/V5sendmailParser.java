package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.parse.ParsedMessage;
import io.scatterguard.mail.bounce.OriginalMessage;
import io.scatterguard.mail.bounce.rfc.DsnFields;
import io.scatterguard.mail.model.Addresses;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Optional;

/**
 * Sendmail 5.x (and 8.x without DSN support) plain-text reports: subject "Returned mail: ...",
 * "----- Transcript of session follows -----" with "550 &lt;addr&gt;... User unknown" summaries and
 * the "&gt;&gt;&gt; RCPT To:" / "&lt;&lt;&lt; 550 ..." dialogue, then "----- Unsent message follows -----" (or
 * "----- Original message follows -----") and the original as text.
 */
public final class V5sendmailParser implements BounceParser {
    private static final String[] STARTS = {"----- Transcript of session follows", "----- The following address"};
    private static final String[] ENDS = {
        "----- Unsent message follows", "----- Original message follows", "----- Message header follows",
        "Content-Type: message/rfc822", "Content-Type: text/rfc822-headers"
    };

    private static final Pattern HOST_FAILURE = Pattern.compile("^[45]\\d\\d \\S+ \\([a-z]+\\)\\.\\.\\. ");

    @Override
    public String name() {
        return "V5sendmail";
    }

    @Override
    public boolean appliesTo(ParsedMessage m) {
        return m.subjectLower().startsWith("returned mail:") && !m.hasPart("message/delivery-status");
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage m) {
        String body = BounceText.body(m);
        if (BounceText.indexOfAny(body, 0, STARTS) < 0) return Optional.empty();
        String region = BounceText.region(body, STARTS, ENDS);
        SendmailTranscript t = SendmailTranscript.read(region);
        List<DeliveryStatus.Builder> rcpts = t.recipients();
        OriginalMessage original = BounceText.originalAfter(m, ENDS);
        if (rcpts.isEmpty()) rcpts = hostLevelFailure(region, original);
        rcpts = BounceText.merge(rcpts, DsnFields.read(DsnFields.inlineText(body)));
        for (DeliveryStatus.Builder b : rcpts) {
            t.complete(b);
            if (b.action().isEmpty()) b.action("failed");
        }
        return BounceText.report(name(), "", rcpts, original);
    }

    /**
     * A failure reported for a host rather than an address ("421 host (smtp)... Deferred: ..."):
     * the original's recipient is the one that failed.
     */
    private static List<DeliveryStatus.Builder> hostLevelFailure(String region, OriginalMessage original) {
        String to = Addresses.extract(original.to());
        if (to.isEmpty()) return new ArrayList<>();
        for (String line : BounceText.lines(region)) {
            Matcher h = HOST_FAILURE.matcher(line.strip());
            if (h.find()) {
                List<DeliveryStatus.Builder> out = new ArrayList<>();
                out.add(DeliveryStatus.builder().recipient(to).diagnostic(line.strip())
                        .action(line.contains("Deferred") ? "delayed" : "failed"));
                return out;
            }
        }
        return new ArrayList<>();
    }
}
