package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.bounce.Reason;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gmail's own plain-text delivery status notifications (2010–2016 layout), sent by
 * {@code mailer-daemon@googlemail.com} with a subject "Delivery Status Notification (Failure|Delay)".
 *
 * <p>Recognises "Delivery to the following recipient failed permanently:" / "has been delayed:",
 * an indented recipient line, "Technical details of permanent|temporary failure:" and "The error
 * that the other server returned was:" followed by the remote reply, optionally ending in Gmail's
 * "(state N)" session-state code, which names the failed command. The quoted original follows
 * "----- Original message -----". Gmail's newer bounces are RFC 3464 reports and are left to that parser.
 */
final class GmailParser implements BounceParser {
    private static final String[] ORIGINAL = {"----- Original message -----", "----- Message header follows -----"};
    private static final Pattern STATE = Pattern.compile("\\(state (\\d{1,2})\\)");
    private static final Pattern RHOST = Pattern.compile(" by ([A-Za-z0-9][A-Za-z0-9.\\-]*[A-Za-z0-9])\\. \\[([0-9A-Fa-f.:]+)\\]\\.");
    private static final String RETURNED = "The error that the other server returned was:";

    /** Gmail's session states: the command that failed and, where Gmail's wording is all we have, a reason. */
    private record State(String command, Reason reason) {}

    private static final Map<String, State> STATES = Map.of(
            "6", new State("MAIL", Reason.SYSTEMERROR),
            "8", new State("AUTH", Reason.SYSTEMERROR),
            "9", new State("AUTH", Reason.SYSTEMERROR),
            "12", new State("AUTH", Reason.NORELAYING),
            "13", new State("EHLO", Reason.BLOCKED),
            "14", new State("RCPT", Reason.USERUNKNOWN),
            "15", new State("DATA", Reason.FILTERED),
            "17", new State("DATA", Reason.FILTERED),
            "18", new State("DATA", Reason.FILTERED));

    @Override
    public String name() {
        return "Gmail";
    }

    @Override
    public boolean appliesTo(ParsedMessage m) {
        ProviderHints h = ProviderHints.of(m);
        return h.from.contains("<mailer-daemon@googlemail.com>")
                && h.subject.contains("delivery status notification")
                && m.mimeType().startsWith("text/");
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage m) {
        String head = BounceText.head(m.body(), ORIGINAL);
        RecipientBlocks blocks = new RecipientBlocks();
        boolean reading = false;
        boolean delayed = false;
        for (String line : BounceText.lines(head)) {
            if (!reading) {
                if (line.startsWith("Delivery to the following recipient")) {
                    reading = true;
                    delayed = line.contains("delayed");
                }
                continue;
            }
            if (line.isBlank()) continue;
            String t = line.strip();
            if (line.startsWith(" ") && t.indexOf('@') > 0 && t.indexOf(' ') < 0 && t.indexOf('\t') < 0) {
                String addr = BounceText.address(t);
                if (addr.isEmpty()) continue;
                blocks.add(DeliveryStatus.builder().recipient(addr).action(delayed ? "delayed" : "failed"));
            } else if (!blocks.isEmpty()) {
                blocks.append(line);
            }
        }
        for (int i = 0; i < blocks.size(); i++) {
            complete(blocks.row(i), blocks.text(i));
        }
        return BounceText.reportAsRead(name(), "", blocks.rows(), BounceText.quotedOriginal(m.body(), ORIGINAL));
    }

    private static void complete(DeliveryStatus.Builder b, String text) {
        b.diagnostic(text);
        BounceText.codesFrom(remoteReply(text), b);
        Matcher h = RHOST.matcher(text);
        if (h.find()) b.remoteMta(h.group(1));
        State state = null;
        Matcher s = STATE.matcher(text);
        while (s.find()) state = STATES.get(s.group(1));
        if (state != null) b.command(state.command());
        // Gmail's own wording decides unless the remote reply carries a status without any ".0" part.
        if (!b.status().isEmpty() && !b.status().contains(".0")) return;
        b.reason(state != null ? state.reason() : reasonOf(text, b.action()));
    }

    /** The remote server's reply after "The error that the other server returned was:", or "". */
    private static String remoteReply(String text) {
        int r = text.indexOf(RETURNED);
        if (r >= 0) return text.substring(r + RETURNED.length()).strip();
        int was = text.indexOf("returned was: ");
        return was < 0 ? "" : text.substring(was + 14).strip();
    }

    /** The reason Gmail's own sentences state, or null. */
    private static Reason reasonOf(String text, String action) {
        if (BounceText.containsAny(text, "DNS Error: Domain name not found",
                "DNS Error: DNS server returned answer with no data")) {
            return Reason.HOSTUNKNOWN;
        }
        if ("delayed".equals(action) || BounceText.containsAny(text, "DNS Error: Could not contact DNS servers",
                "The recipient server did not accept our requests to connect")) {
            return Reason.EXPIRED;
        }
        return null;
    }
}
