package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.model.Addresses;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * qmail (1.03, netqmail, and patched builds such as vpopmail/qmail-ldap/s/qmail) bounces from
 * {@code qmail-send}: "Hi. This is the qmail-send program at host." then "I'm afraid I wasn't able
 * to deliver your message to the following addresses.", an entry per recipient ({@code <addr>:}
 * followed by what happened: "h does not like recipient. Remote host said: 550 ...", "Connected to
 * h but sender was rejected.", "... failed after I sent the message.", "Sorry, I couldn't find any
 * host named ...", "Sorry, no mailbox here by that name. (#5.1.1)"), and the original after "---
 * Below this line is a copy of the message." or "--- Enclosed are the original headers".
 *
 * <p>Recognised by the subject "failure notice", a {@code Received: (qmail ... invoked for
 * bounce)} header, or a MAILER-DAEMON sender with qmail's "--- Below this line is a copy of the
 * message." marker (rebranded qmail-send texts such as "Hi. The MTA program at ...").
 */
public final class QmailParser implements BounceParser {
    private static final String[] STARTS = {
        "This is the qmail-send program", "I'm afraid I wasn't able to deliver your message",
        "Your mail message to the following address(es) could not be delivered",
        "This is the mail delivery agent at", "I'm not going to try again", "Hi. This is the", "Hi. The MTA program at",
        "your mail was not delivered to the following address"
    };
    private static final String[] ENDS = {
        "--- Below this line is a copy of the message", "--- Enclosed are the original headers",
        "--- Below the next line is a copy of the message", "Content-Type: message/rfc822",
        "Content-Type: text/rfc822-headers"
    };
    private static final Pattern ENTRY = Pattern.compile("^<([^<>\\s]*@[^<>\\s]+)>:?\\s*(.*)$");
    private static final Pattern REMOTE = Pattern.compile(
            "^(?:Connected to\\s+)?([0-9a-fA-F.:]+|[A-Za-z0-9.-]+\\.[A-Za-z]{2,})\\s+(?:does not like recipient|but |failed after)");

    @Override
    public String name() {
        return "qmail";
    }

    @Override
    public boolean appliesTo(ParsedMessage m) {
        if (m.subjectLower().startsWith("failure notice")) return true;
        for (String r : m.headers().all("Received")) {
            if (r.startsWith("(qmail ") && r.contains("invoked for bounce")) return true;
        }
        return m.headers().lower("From").contains("mailer-daemon") && BounceText.body(m).contains(ENDS[0]);
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage m) {
        String body = BounceText.body(m);
        int start = BounceText.indexOfAny(body, 0, STARTS);
        if (start < 0) {
            if (BounceText.indexOfAny(body, 0, ENDS) < 0) return Optional.empty();
            start = 0; // rebranded qmail-send text: the entries and the end marker are unchanged
        }
        String region = BounceText.region(body.substring(start), null, ENDS);
        List<DeliveryStatus.Builder> rcpts = readEntries(region);
        return BounceText.report(name(), "", rcpts, BounceText.originalAfter(m, ENDS));
    }

    /** Entries: an address line, then the lines up to the next entry or a blank line. */
    static List<DeliveryStatus.Builder> readEntries(String region) {
        List<DeliveryStatus.Builder> out = new ArrayList<>();
        DeliveryStatus.Builder cur = null;
        for (String line : BounceText.lines(region)) {
            Matcher e = ENTRY.matcher(line.strip());
            if (e.matches() && !line.startsWith(" ")) {
                cur = DeliveryStatus.builder().recipient(Addresses.normalise(e.group(1))).action("failed");
                cur.diagnostic(e.group(2));
                out.add(cur);
                continue;
            }
            if (cur == null) continue;
            if (line.isBlank()) {
                if (!cur.diagnostic().isEmpty()) cur = null;
                continue;
            }
            String t = line.strip();
            Matcher r = REMOTE.matcher(t);
            if (r.find() && cur.remoteMta().isEmpty()) cur.remoteMta(r.group(1));
            if (cur.command().isEmpty()) cur.command(command(t));
            cur.appendDiagnostic(t);
        }
        return out;
    }

    /** The SMTP stage qmail-remote's wording names. */
    private static String command(String t) {
        if (t.contains("does not like recipient") || t.contains("[RCPT_TO]")) return "RCPT";
        if (t.contains("[MAIL_FROM]")) return "MAIL";
        if (t.contains("but sender was rejected")) return "MAIL";
        if (t.contains("failed after I sent the message") || t.contains("failed on DATA command")) return "DATA";
        if (t.contains("but my name was rejected")) return "HELO";
        if (t.contains("but greeting failed") || t.contains("wasn't able to establish an SMTP connection")
                || t.contains("Sorry, I couldn't find any host")) return "CONN";
        return "";
    }
}
