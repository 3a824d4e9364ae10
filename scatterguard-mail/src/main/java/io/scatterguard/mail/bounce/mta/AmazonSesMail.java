package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.bounce.Reason;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Amazon SES's bounce mail ({@code MAILER-DAEMON@...amazonses.com}, {@code X-SES-Outgoing} or the older
 * {@code X-AWS-Outgoing}): an RFC 3464 report whose Status is often SES's generic "5.0.0" or "5.1.0"
 * while the Diagnostic-Code quotes the remote server's own reply, e.g.
 * {@code 5.1.0 - Unknown address error 550-'5.7.1 <...>... Access denied'}; the quoted reply's status
 * is the one that says what happened.
 */
final class AmazonSesMail {
    private AmazonSesMail() {}

    private static final Pattern GENERIC = Pattern.compile("^[45]\\.[01]\\.0$");
    private static final Pattern QUOTED = Pattern.compile("[\"'](\\d\\.\\d{1,3}\\.\\d{1,3}[^\"']*)[\"']");
    private static final Pattern QUOTED_REPLY = Pattern.compile("\\b([245]\\d\\d)[ -]['\"]?\\d\\.\\d{1,3}\\.\\d{1,3}");

    /** The cheap header test. */
    static boolean isSesMail(ParsedMessage m) {
        ProviderHints h = ProviderHints.of(m);
        return h.from.contains("amazonses.com") || h.has("x-ses-outgoing") || h.has("x-aws-outgoing");
    }

    /**
     * SES receiving: besides the quoted status, the bounce texts of SES receipt-rule "Bounce" actions
     * name the reason: "Mailbox does not exist" (the rule refused the address: filtered), "Mailbox full",
     * "Message too large", "Message content rejected".
     */
    static void refineReceiving(DeliveryStatus.Builder b) {
        refine(b);
        String d = b.diagnostic();
        if (d.contains("Mailbox does not exist")) b.reason(Reason.FILTERED);
        else if (d.contains("Message too large")) b.reason(Reason.MESGTOOBIG);
        else if (d.contains("Mailbox full")) b.reason(Reason.MAILBOXFULL);
        else if (d.contains("Message content rejected")) b.reason(Reason.CONTENTERROR);
    }

    /** Replaces a generic status by the status of the remote reply SES quotes. */
    static void refine(DeliveryStatus.Builder b) {
        if (!GENERIC.matcher(b.status()).matches()) return;
        String diag = b.diagnostic();
        Matcher q = QUOTED.matcher(diag);
        String inner = q.find() ? q.group(1) : diag;
        String status = BounceText.statusIn(inner);
        if (status.isEmpty() || status.equals(b.status())) return;
        b.status(status);
        Matcher r = QUOTED_REPLY.matcher(diag);
        if (r.find()) b.replyCode(r.group(1));
    }
}
