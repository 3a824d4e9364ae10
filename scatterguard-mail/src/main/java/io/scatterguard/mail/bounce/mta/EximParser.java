package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.bounce.Reason;
import io.scatterguard.mail.bounce.rfc.DsnReport;
import io.scatterguard.mail.bounce.rfc.FailedCommand;
import io.scatterguard.mail.model.Addresses;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Exim (3.x and 4.x, and Exim-based services such as McAfee SaaS/MXLogic) bounce and delay
 * notices, as written by {@code deliver.c}: "This message was created automatically by mail
 * delivery software.", "A message that you sent could not be delivered to one or more of its
 * recipients ... The following address(es) failed:", each failed address indented by two spaces
 * and its error by four ("SMTP error from remote mail server after RCPT TO:...: host h [ip]: 550
 * ..."), "an undisclosed address (generated from ...)", delay notices ("has not yet been
 * delivered", "Delay reason:"), frozen-message notices, and the quoted original after "------ This
 * is a copy of the message, including all the headers. ------". Exim 4.8x's optional
 * multipart/report delivery-status part is combined with the text.
 *
 * <p>Recognised by two of: From "Mail Delivery System", an Exim subject ("Mail delivery failed",
 * "Warning: message ... delayed", "Message frozen", "Mail failure"), an Exim message id
 * ({@code <E1xxxxx-xxxxxx-xx@host>}); or McAfee's {@code X-MXL-Hash}/{@code X-MX-Bounce}. The
 * {@code X-Failed-Recipients} header is only a fallback for the recipients: Gmail and others send
 * it too.
 */
public final class EximParser implements BounceParser {
    private static final String[] SUBJECTS = {
        "mail delivery failed", "mail failure", "message frozen", "warning: message ", "delivery status notification",
        "error(s) in forwarding or filtering"
    };
    private static final String[] STARTS = {
        "This message was created automatically by mail delivery software.",
        "A message that you sent was rejected by the local scan",
        "A message that you sent contained one or more recipient addresses ",
        "A message that you sent could not be delivered to all of its recipients",
        " has been frozen", " was frozen on arrival", " router encountered the following error(s):"
    };
    private static final String[] ENDS = {
        "------ This is a copy of the message", "----- This is a copy of the message",
        "Content-Type: message/rfc822", "Content-Type: text/rfc822-headers", "Content-Type: message/delivery-status",
        "Included is a copy of the message header:"
    };
    private static final String[] DELAYED = {
        "has not yet been delivered", "Delay reason: ", "No action is required on your part",
        "retry time not reached for any host after a long failure period"
    };
    private static final Pattern EXIM_ID = Pattern.compile("^<[A-Za-z0-9]{7}-[A-Za-z0-9]{6}-[A-Za-z0-9]{2,4}@");
    private static final Pattern HOST = Pattern.compile("\\bhost\\s+([A-Za-z0-9][A-Za-z0-9.-]*\\.[A-Za-z0-9-]+)\\s+\\[");

    @Override
    public String name() {
        return "Exim";
    }

    @Override
    public boolean appliesTo(ParsedMessage m) {
        int signs = 0;
        if (m.headers().get("From").contains("Mail Delivery System")) signs++;
        if (BounceText.containsAny(m.subjectLower(), SUBJECTS)) signs++;
        if (EXIM_ID.matcher(m.headers().get("Message-ID")).find()) signs++;
        return signs >= 2 || m.headers().has("X-MXL-Hash") || m.headers().has("X-MX-Bounce");
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage m) {
        String body = BounceText.body(m);
        int start = BounceText.indexOfAny(body, 0, STARTS);
        // X-Failed-Recipients alone is not enough: Gmail and others send it too.
        if (start < 0 && !EXIM_ID.matcher(m.headers().get("Message-ID")).find()) return Optional.empty();
        String region = start < 0 ? "" : BounceText.region(body.substring(start), null, ENDS);
        List<DeliveryStatus.Builder> rcpts = readRecipients(region);
        fillFromHeader(rcpts, m.headers().get("X-Failed-Recipients"));
        boolean delayed = BounceText.containsAny(region, DELAYED) || m.subjectLower().startsWith("warning: message");
        for (DeliveryStatus.Builder b : rcpts) {
            b.action(delayed ? "delayed" : "failed");
            b.command(FailedCommand.find(b.diagnostic()));
            Matcher h = HOST.matcher(b.diagnostic());
            if (h.find()) b.remoteMta(h.group(1));
        }
        DsnReport dsn = BounceText.dsn(m);
        rcpts = BounceText.merge(rcpts, dsn);
        return BounceText.report(name(), dsn.reportingMta(), rcpts,
                BounceText.originalAfter(m, "------ This is a copy of the message", "----- This is a copy of the message"));
    }

    /**
     * Entries whose text named no address ("save to /path" without "generated by") take the
     * addresses of the X-Failed-Recipients header in order; with no entries at all, the header's
     * addresses are the recipients.
     */
    private static void fillFromHeader(List<DeliveryStatus.Builder> rcpts, String header) {
        List<String> failed = new ArrayList<>();
        for (String a : header.split(",")) {
            String addr = Addresses.extract(a);
            if (!addr.isEmpty()) failed.add(addr);
        }
        int next = 0;
        for (DeliveryStatus.Builder b : rcpts) {
            if (b.recipient().isEmpty() && next < failed.size()) b.recipient(failed.get(next++));
        }
        rcpts.removeIf(b -> b.recipient().isEmpty());
        if (rcpts.isEmpty()) {
            for (String a : failed) rcpts.add(DeliveryStatus.builder().recipient(a));
        }
    }

    /** The two-space-indented addresses and their four-space-indented errors. */
    static List<DeliveryStatus.Builder> readRecipients(String region) {
        List<DeliveryStatus.Builder> out = new ArrayList<>();
        DeliveryStatus.Builder cur = null;
        boolean afterSentBy = false;
        boolean generatedText = false;
        for (String line : BounceText.lines(region)) {
            if (line.isBlank()) continue;
            if (line.startsWith("The following text was generated during the delivery attempt")) {
                generatedText = true;
                continue;
            }
            if (generatedText) {
                if (cur != null && !line.startsWith("------") && !line.startsWith("       generated by")) cur.appendDiagnostic(line);
                continue;
            }
            if (line.startsWith("A message sent by")) {
                afterSentBy = true;
                continue;
            }
            if (isAddressLine(line)) {
                if (afterSentBy) {
                    afterSentBy = false;
                    continue;
                }
                String t = line.strip();
                String addr;
                String diag = "";
                int close = t.indexOf(">: ");
                boolean pipe = t.startsWith("pipe to |");
                if (close > 0) {
                    // "<addr>: error" or "addr <addr>: error": the bracketed address failed
                    addr = Addresses.extract(t.substring(0, close + 1));
                    diag = t.substring(close + 3);
                } else if (t.startsWith("an undisclosed address") || pipe || t.startsWith("save to ")) {
                    addr = "";
                } else {
                    int colon = t.indexOf(": ");
                    addr = Addresses.extract(colon > 0 ? t.substring(0, colon) : t);
                    if (colon > 0) diag = t.substring(colon + 2);
                }
                if (!addr.isEmpty() && addr.indexOf('@') < 0) continue;
                cur = DeliveryStatus.builder().recipient(addr).diagnostic(diag);
                if (pipe) cur.reason(Reason.MAILERERROR); // delivery to a local program failed
                out.add(cur);
                continue;
            }
            afterSentBy = false;
            if (cur == null) continue;
            String t = line.strip();
            if (t.contains("(generated from ") || t.startsWith("generated by ")) {
                if (cur.recipient().isEmpty()) cur.recipient(Addresses.extract(t.substring(t.indexOf("generated") + 9)));
                continue;
            }
            if (line.startsWith("    ") || line.startsWith("\t")) cur.appendDiagnostic(t);
        }
        return out;
    }

    private static boolean isAddressLine(String line) {
        if (!line.startsWith("  ") || line.length() < 4 || line.charAt(2) == ' ' || line.charAt(2) == '\t') return false;
        if (line.contains("an undisclosed address") || line.startsWith("  pipe to |") || line.startsWith("  save to ")) return true;
        int at = line.indexOf('@');
        if (at < 3 || line.indexOf('.', at) < 0) return false;
        return line.charAt(2) != '<' || line.contains(">:");
    }
}
