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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Trustwave (Marshal) MailMarshal SMTP reports (subject "Undeliverable Mail: ..."): "Your
 * message: From: ... Subject: ...", "Could not be delivered because of" and the reply, "The
 * following recipients were affected:" with the indented addresses, and "Additional Information"
 * with "Remote-MTA: &lt;ip&gt;" and "Reporting-MTA: &lt;host&gt;".
 */
public final class MailMarshalSmtpParser implements BounceParser {
    private static final String BECAUSE = "Could not be delivered because of";
    private static final String AFFECTED = "The following recipients were affected:";
    private static final String ADDITIONAL = "Additional Information";
    private static final Pattern FIELD = Pattern.compile("^(Remote-MTA|Reporting-MTA):\\s*<?([^>\\s]*)>?");

    @Override
    public String name() {
        return "MailMarshalSMTP";
    }

    @Override
    public boolean appliesTo(ParsedMessage m) {
        if (!m.subjectLower().startsWith("undeliverable mail:")) return false;
        for (String r : m.headers().all("Received")) {
            if (r.contains("MailMarshal")) return true;
        }
        return BounceText.body(m).contains(AFFECTED);
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage m) {
        String body = BounceText.body(m);
        int because = body.indexOf(BECAUSE);
        int affected = body.indexOf(AFFECTED);
        if (affected < 0) return Optional.empty();
        String diag = BounceText.sweptBetween(body, because, BECAUSE, affected, 800);
        int additional = body.indexOf(ADDITIONAL, affected);
        String list = body.substring(affected + AFFECTED.length(), additional < 0 ? body.length() : additional);
        String remote = "";
        String reporting = "";
        if (additional >= 0) {
            for (String line : BounceText.lines(body.substring(additional))) {
                Matcher f = FIELD.matcher(line.strip());
                if (!f.find()) continue;
                if (f.group(1).equals("Remote-MTA")) remote = f.group(2);
                else reporting = f.group(2);
            }
        }
        List<DeliveryStatus.Builder> rcpts = new ArrayList<>();
        for (String line : BounceText.lines(list)) {
            String a = Addresses.extract(line);
            if (!a.isEmpty()) rcpts.add(DeliveryStatus.builder().recipient(a).action("failed").diagnostic(diag).remoteMta(remote));
        }
        return BounceText.report(name(), reporting, rcpts, OriginalMessage.NONE);
    }
}
