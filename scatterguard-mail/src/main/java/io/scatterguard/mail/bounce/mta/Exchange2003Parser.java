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
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Microsoft Exchange 5.5 to 2003 (Internet Mail Service, Internet Mail Connector) non-delivery
 * reports: "Your message ... did not reach the following recipient(s):" or "The following
 * recipient(s) could not be reached:", then per recipient {@code addr on DATE} followed by the
 * indented explanation and an {@code MSEXCH:IMS:...  (000C05A6) Unknown Recipient} line whose
 * Exchange error code states the reason (000C05A6 unknown recipient, 000C0595 ambiguous
 * recipient, 00120270 too many hops, ...).
 *
 * <p>Recognised by {@code X-MS-Embedded-Report}, an X-Mailer "Internet Mail Service (" or
 * "Microsoft Exchange Server Internet Mail Connector", X-MimeOLE "Produced By Microsoft Exchange",
 * or a Received header "with Internet Mail Service (".
 */
public final class Exchange2003Parser implements BounceParser {
    private static final String[] STARTS = {
        "did not reach the following recipient(s):", "The following recipient(s) could not be reached:"
    };
    private static final String[] ENDS = {"Content-Type: message/rfc822", "Content-Type: text/rfc822-headers"};
    private static final Pattern RECIPIENT = Pattern.compile("^\\s*(\\S+@\\S+|.*?:SMTP=\\S+?;?)\\s+on\\s+\\S.*$");
    private static final Pattern SMTP_IN_X400 = Pattern.compile("(?i):SMTP=([^;\\s]+)");
    private static final Pattern MSEXCH_CODE = Pattern.compile("MSEXCH:.*\\(([0-9A-F]{8})\\)\\s*(.*)$");
    private static final Map<String, Reason> CODES = Map.ofEntries(
            Map.entry("000C05A6", Reason.USERUNKNOWN),
            Map.entry("000C0595", Reason.FILTERED),
            Map.entry("00010256", Reason.SYSTEMERROR),
            Map.entry("000D06B5", Reason.SYSTEMERROR),
            Map.entry("00120270", Reason.NETWORKERROR),
            Map.entry("00050311", Reason.CONTENTERROR),
            Map.entry("000502CC", Reason.CONTENTERROR),
            Map.entry("000B0981", Reason.SECURITYERROR),
            Map.entry("000B099C", Reason.ONHOLD),
            Map.entry("000B09AA", Reason.ONHOLD),
            Map.entry("000B09B6", Reason.ONHOLD));

    @Override
    public String name() {
        return "Exchange2003";
    }

    @Override
    public boolean appliesTo(ParsedMessage m) {
        if (m.headers().has("X-MS-Embedded-Report")) return true;
        String mailer = m.headers().get("X-Mailer");
        if (mailer.startsWith("Internet Mail Service (") || mailer.startsWith("Microsoft Exchange Server Internet Mail Connector")) return true;
        if (m.headers().get("X-MimeOLE").startsWith("Produced By Microsoft Exchange")) return true;
        for (String r : m.headers().all("Received")) {
            if (r.contains(" with Internet Mail Service (")) return true;
        }
        return false;
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage m) {
        String region = BounceText.region(BounceText.body(m), STARTS, ENDS);
        List<DeliveryStatus.Builder> rcpts = new ArrayList<>();
        DeliveryStatus.Builder cur = null;
        for (String line : BounceText.lines(region)) {
            if (line.isBlank() || line.startsWith("did not reach") || line.startsWith("The following recipient")) continue;
            Matcher r = RECIPIENT.matcher(line);
            if (r.matches()) {
                Matcher x = SMTP_IN_X400.matcher(r.group(1));
                String addr = Addresses.extract(x.find() ? x.group(1) : r.group(1));
                if (!addr.isEmpty()) {
                    cur = DeliveryStatus.builder().recipient(addr).action("failed");
                    rcpts.add(cur);
                    continue;
                }
            }
            if (cur == null) continue;
            String t = line.strip();
            Matcher c = MSEXCH_CODE.matcher(t);
            if (c.find()) {
                Reason reason = CODES.get(c.group(1));
                if (reason != null) cur.reason(reason);
            }
            if (!t.startsWith("The MTS-ID") && !t.startsWith(";l=")) cur.appendDiagnostic(t);
        }
        // The original is attached as message/rfc822; the analyzer picks it up.
        return BounceText.report(name(), "", rcpts, OriginalMessage.NONE);
    }
}
