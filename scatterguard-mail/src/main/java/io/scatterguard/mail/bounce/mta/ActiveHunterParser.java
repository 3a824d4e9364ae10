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

/**
 * TransWARE Active!hunter (header {@code X-AHMAILID}, subject "FAILURE NOTICE :"): a
 * Sendmail-like text with "----- The following addresses had permanent fatal errors -----",
 * {@code >>> addr <addr>} lines and "----- Transcript of session follows -----" with the reply.
 */
public final class ActiveHunterParser implements BounceParser {
    private static final String START = "----- The following addresses had permanent fatal errors -----";
    private static final String TRANSCRIPT = "----- Transcript of session follows -----";

    @Override
    public String name() {
        return "Activehunter";
    }

    @Override
    public boolean appliesTo(ParsedMessage m) {
        return m.headers().has("X-AHMAILID");
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage m) {
        String body = BounceText.body(m);
        int i = body.indexOf(START);
        if (i < 0) return Optional.empty();
        String region = BounceText.region(body.substring(i), null, "Content-Type:");
        List<DeliveryStatus.Builder> rcpts = new ArrayList<>();
        StringBuilder diag = new StringBuilder();
        boolean transcript = false;
        for (String line : BounceText.lines(region)) {
            String t = line.strip();
            if (t.startsWith(TRANSCRIPT)) {
                transcript = true;
            } else if (!transcript && t.startsWith(">>> ")) {
                String a = Addresses.extract(t.substring(4));
                if (!a.isEmpty()) rcpts.add(DeliveryStatus.builder().recipient(a).action("failed"));
            } else if (transcript && !t.isEmpty()) {
                diag.append(diag.length() > 0 ? " " : "").append(t);
            }
        }
        for (DeliveryStatus.Builder b : rcpts) b.diagnostic(diag.toString());
        return BounceText.report(name(), "", rcpts, OriginalMessage.NONE);
    }
}
