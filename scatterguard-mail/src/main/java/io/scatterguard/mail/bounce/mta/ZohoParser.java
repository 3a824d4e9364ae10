package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.bounce.Reason;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Zoho Mail bounces ({@code mailer-daemon@mail.zoho.com}, {@code X-ZohoMail} header). Failures are one
 * line per recipient, "addr Invalid Address, ERROR_CODE :550, ERROR_CODE :5.2.1 &lt;addr&gt;... reply";
 * delay warnings ("THIS IS A WARNING MESSAGE ONLY.") list "[Status: Error, Address: &lt;addr&gt;,
 * ResponseCode 421, , Host not reachable.]" and "Message will be retried for N more day(s)". The quoted
 * original's headers follow, starting "Received:from mail.zoho.com by mx.zohomail.com" (no space after the colon).
 */
final class ZohoParser implements BounceParser {
    private static final String ORIGINAL = "Received:from ";
    private static final Pattern LEADING_COMMAS = Pattern.compile("^[\\s,]+");
    private static final Pattern FAILED = Pattern.compile("^(\\S+@\\S+) [^,]*, ERROR_CODE :(\\d{3}), ERROR_CODE :(.*)$");
    private static final Pattern DELAYED = Pattern.compile("^\\[Status: [^,]*, Address: <([^>]+)>, ResponseCode (\\d{3}), [^,]*, (.*)\\]$");

    @Override
    public String name() {
        return "Zoho";
    }

    @Override
    public boolean appliesTo(ParsedMessage m) {
        ProviderHints h = ProviderHints.of(m);
        return h.has("x-zohomail") || h.from.contains("mailer-daemon@mail.zoho.com");
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage m) {
        String head = BounceText.head(m.body(), ORIGINAL);
        boolean retried = head.contains("Message will be retried for");
        List<DeliveryStatus.Builder> rows = new ArrayList<>();
        for (String line : BounceText.lines(head)) {
            String t = line.strip();
            Matcher f = FAILED.matcher(t);
            Matcher d = DELAYED.matcher(t);
            if (f.matches()) {
                String reply = f.group(2) + " " + LEADING_COMMAS.matcher(f.group(3)).replaceFirst("").strip();
                DeliveryStatus.Builder b = DeliveryStatus.builder().recipient(BounceText.address(f.group(1)))
                        .action("failed").replyCode(f.group(2)).diagnostic(reply);
                BounceText.codesFrom(reply, b);
                if (reply.contains("Host not reachable") && !BounceText.hasSpecificStatus(b.status())) b.reason(Reason.EXPIRED);
                rows.add(b);
            } else if (d.matches()) {
                String reply = d.group(2) + " " + d.group(3).strip();
                DeliveryStatus.Builder b = DeliveryStatus.builder().recipient(BounceText.address(d.group(1)))
                        .action(retried ? "delayed" : "failed").replyCode(d.group(2)).diagnostic(reply);
                if (retried) b.reason(Reason.EXPIRED);
                rows.add(b);
            }
        }
        return BounceText.reportAsRead(name(), "", rows, BounceText.headersFrom(m.body(), ORIGINAL));
    }
}
