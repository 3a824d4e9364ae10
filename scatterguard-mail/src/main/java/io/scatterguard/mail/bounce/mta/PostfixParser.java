package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
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
 * Postfix (1.x to 3.x) non-delivery, delay and success reports ({@code bounce(8)} templates):
 * "This is the mail system at host ..." (older: "This is the Postfix program at host ..."), after
 * "The mail system" one entry per recipient — {@code <addr>: host mx[ip] said: 550 5.1.1 ... (in
 * reply to RCPT TO command)}, {@code <addr> (expanded from <alias>): ...}, continuation lines
 * indented — and the multipart/report delivery-status part (Reporting-MTA, X-Postfix-Queue-ID,
 * Status, Diagnostic-Code). The text gives the SMTP command and remote host, the status part the
 * status code and the bare remote reply. Old plain-text reports ("--- Delivery error report
 * follows ---") are read from their text alone.
 *
 * <p>Also reads smtpd's "Postfix SMTP server: errors from ..." notices to the postmaster (a
 * session transcript with " In:"/" Out:" lines).
 *
 * <p>Recognised by the subjects "Undelivered Mail Returned to Sender", "Delayed Mail (still being
 * retried)", "Undelivered Mail", "Successful Mail Delivery Report", "Mail Delivery Status Report",
 * or a delivery-status part carrying Postfix's {@code X-Postfix-} fields.
 */
public final class PostfixParser implements BounceParser {
    private static final String[] SUBJECTS = {
        "undelivered mail returned to sender", "delayed mail (still being retried)", "undelivered mail",
        "successful mail delivery report", "mail delivery status report", "postmaster copy: undelivered mail",
        "postmaster warning: delayed mail", "postfix smtp server: errors from"
    };
    private static final String[] STARTS = {
        "This is the mail system at host", "This is the Postfix program at host", "This is the Postfix mail system"
    };
    private static final String[] ENDS = {
        "Content-Type: message/delivery-status", "Content-Type: message/global-delivery-status",
        "Content-Type: message/rfc822", "Content-Type: message/global", "Content-Type: text/rfc822-headers",
        "--- Undelivered message follows ---", "--- Delivery report unavailable ---", "Reporting-MTA: dns;"
    };
    private static final Pattern ENTRY = Pattern.compile("^<([^<>\\s]*@[^<>\\s]+)>(?:\\s*\\(expanded from <[^>]*>\\))?:\\s*(.*)$");
    private static final Pattern HOST_SAID = Pattern.compile(
            "(?:^|: )(?:host|connect to)\\s+([A-Za-z0-9][A-Za-z0-9.-]*)\\[[^\\]]*\\](?::\\d+)?(?:\\s+said:|\\s+refused to talk to me:|:)?\\s*");
    private static final Pattern SERVER_RCPT = Pattern.compile("(?i)^RCPT TO:\\s*<([^<>\\s]+@[^<>\\s]+)>");
    private static final Pattern IN_REPLY = Pattern.compile("\\s*\\(in reply to [^)]*\\)\\s*$");

    @Override
    public String name() {
        return "Postfix";
    }

    @Override
    public boolean appliesTo(ParsedMessage m) {
        return BounceText.startsWithAny(m.subjectLower(), SUBJECTS) || BounceText.statusPartContains(m, "X-Postfix-");
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage m) {
        String body = BounceText.body(m);
        int start = BounceText.indexOfAny(body, 0, STARTS);
        if (start < 0) start = body.indexOf("--- Delivery error report follows ---");
        if (start < 0) start = 0; // renamed or translated templates: the entries still look the same
        List<DeliveryStatus.Builder> rcpts = readEntries(BounceText.region(body.substring(start), null, ENDS));
        boolean delayed = m.subjectLower().startsWith("delayed mail") || m.subjectLower().startsWith("postmaster warning")
                || body.contains("THIS IS A WARNING ONLY");
        boolean delivered = m.subjectLower().startsWith("successful mail delivery");
        for (DeliveryStatus.Builder b : rcpts) b.action(delayed ? "delayed" : delivered ? "delivered" : "failed");
        if (rcpts.isEmpty() && m.subjectLower().startsWith("postfix smtp server: errors from")) {
            rcpts = readServerTranscript(body);
        }
        DsnReport dsn = BounceText.dsn(m);
        if (rcpts.isEmpty() && dsn.isEmpty()) return Optional.empty();
        rcpts = BounceText.merge(rcpts, dsn, true);
        return BounceText.report(name(), dsn.reportingMta(), rcpts,
                BounceText.originalAfter(m, "--- Undelivered message follows ---"));
    }

    /**
     * smtpd's notice to the postmaster ("Postfix SMTP server: errors from host"): a "Transcript of
     * session follows." with " In:" commands and " Out:" replies. The recipients are the RCPT TO
     * addresses; the failure is the first 4xx/5xx reply and the command it answered.
     */
    static List<DeliveryStatus.Builder> readServerTranscript(String body) {
        List<String> rcpts = new ArrayList<>();
        String command = "";
        String lastIn = "";
        String reply = "";
        for (String line : BounceText.lines(body)) {
            String t = line.strip();
            if (t.startsWith("In:")) {
                lastIn = t.substring(3).strip();
                Matcher r = SERVER_RCPT.matcher(lastIn);
                if (r.find()) rcpts.add(Addresses.normalise(r.group(1)));
            } else if (t.startsWith("Out:") && reply.isEmpty()) {
                String out = t.substring(4).strip();
                if (out.startsWith("4") || out.startsWith("5")) {
                    reply = out;
                    command = FailedCommand.find(">>> " + lastIn);
                }
            }
        }
        List<DeliveryStatus.Builder> out = new ArrayList<>();
        if (reply.isEmpty()) return out;
        for (String r : rcpts) {
            out.add(DeliveryStatus.builder().recipient(r).action("failed").diagnostic(reply).command(command));
        }
        return out;
    }

    /** One builder per {@code <addr>: text} entry, its lines up to the next blank line joined. */
    static List<DeliveryStatus.Builder> readEntries(String region) {
        List<DeliveryStatus.Builder> out = new ArrayList<>();
        DeliveryStatus.Builder cur = null;
        StringBuilder text = null;
        for (String line : logicalLines(region)) {
            Matcher e = ENTRY.matcher(line);
            if (e.matches()) {
                finish(cur, text);
                cur = DeliveryStatus.builder().recipient(Addresses.normalise(e.group(1)));
                text = new StringBuilder(e.group(2).strip());
                out.add(cur);
            } else if (cur != null && !line.isBlank()) {
                // continuation, indented or (as some relays rewrap it) not
                text.append(' ').append(line.strip());
            } else {
                finish(cur, text);
                cur = null;
                text = null;
            }
        }
        finish(cur, text);
        return out;
    }

    /** Lines with their indented continuation lines appended, so that wrapped entries read as one. */
    private static List<String> logicalLines(String region) {
        List<String> out = new ArrayList<>();
        for (String line : BounceText.lines(region)) {
            boolean cont = !line.isBlank() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
            if (cont && !out.isEmpty() && !out.get(out.size() - 1).isEmpty()) {
                out.set(out.size() - 1, out.get(out.size() - 1) + " " + line.strip());
            } else {
                out.add(line.isBlank() ? "" : line);
            }
        }
        return out;
    }

    private static void finish(DeliveryStatus.Builder b, StringBuilder text) {
        if (b == null || text == null) return;
        String t = text.toString().strip();
        b.command(FailedCommand.find(t));
        if (b.command().isEmpty() && (t.startsWith("connect to ") || t.contains("refused to talk to me"))) b.command("CONN");
        Matcher h = HOST_SAID.matcher(t);
        if (h.find()) {
            b.remoteMta(h.group(1));
            if (h.start() == 0 && t.startsWith("host")) t = t.substring(h.end());
        }
        t = IN_REPLY.matcher(t).replaceFirst("");
        b.diagnostic(t);
    }
}
