package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.bounce.OriginalMessage;
import io.scatterguard.mail.bounce.Reason;
import io.scatterguard.mail.model.Addresses;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An unnamed MTA (Sisimai's "X6"): subject "There was an error sending your mail", "We had
 * trouble delivering your message. Full details follow:", then "The following recipients returned
 * permanent errors: addr. Reason: SMTP Server &lt;ip&gt; refused to accept your message (DATA), with
 * the following error message: [550 ...]", or "SMTP Server &lt;host&gt; rejected recipient &lt;addr&gt;
 * (Error following RCPT command). It responded as follows: [550 ...]".
 */
public final class X6Parser implements BounceParser {
    private static final Pattern ENTRY = Pattern.compile(
            "The following recipients returned (permanent|temporary) errors:\\s*(\\S+@\\S+?)\\.?\\s+Reason:\\s*(.*)$");
    private static final Pattern SERVER = Pattern.compile("SMTP Server <([^>]+)> refused to accept your message \\(([A-Z ]+)\\)");

    private static final Pattern REJECTED = Pattern.compile(
            "SMTP Server <([^>]+)> rejected recipient <([^>]+@[^>]+)> \\(Error following ([A-Z]+) command\\)\\.\\s*It responded as follows:\\s*\\[?(.*?)\\]?\\s*$");

    @Override
    public String name() {
        return "X6";
    }

    @Override
    public boolean appliesTo(ParsedMessage m) {
        return m.subjectLower().startsWith("there was an error sending your mail");
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage m) {
        List<DeliveryStatus.Builder> rcpts = new ArrayList<>();
        for (String line : BounceText.lines(BounceText.body(m))) {
            Matcher rj = REJECTED.matcher(line.strip());
            if (rj.find()) {
                rcpts.add(DeliveryStatus.builder().recipient(Addresses.normalise(rj.group(2))).action("failed")
                        .remoteMta(rj.group(1)).command(rj.group(3).startsWith("RCPT") ? "RCPT" : rj.group(3))
                        .diagnostic(rj.group(4)));
                continue;
            }
            Matcher e = ENTRY.matcher(line.strip());
            if (!e.find()) continue;
            String diag = e.group(3);
            DeliveryStatus.Builder b = DeliveryStatus.builder().recipient(Addresses.normalise(e.group(2)))
                    .action(e.group(1).equals("permanent") ? "failed" : "delayed");
            Matcher s = SERVER.matcher(diag);
            if (s.find()) {
                b.remoteMta(s.group(1));
                b.command(s.group(2).startsWith("RCPT") ? "RCPT" : s.group(2).startsWith("MAIL") ? "MAIL" : s.group(2).strip());
                int bracket = diag.indexOf('[', s.end());
                if (bracket >= 0) diag = diag.substring(bracket + 1).replaceAll("\\]\\s*$", "");
            }
            rcpts.add(b.diagnostic(diag));
        }
        return BounceText.report(name(), "", rcpts, OriginalMessage.NONE);
    }
}
