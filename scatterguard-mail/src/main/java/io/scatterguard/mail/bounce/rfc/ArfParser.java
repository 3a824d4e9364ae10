package io.scatterguard.mail.bounce.rfc;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.bounce.OriginalMessage;
import io.scatterguard.mail.bounce.Reason;
import io.scatterguard.mail.model.Addresses;
import io.scatterguard.mail.model.Headers;
import io.scatterguard.mail.parse.EmbeddedMessage;
import io.scatterguard.mail.parse.ParsedMessage;
import io.scatterguard.mail.parse.Part;
import io.scatterguard.mail.parse.internal.HeaderBlocks;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * RFC 5965 abuse feedback reports ({@code multipart/report; report-type=feedback-report} with a
 * {@code message/feedback-report} part: Feedback-Type, User-Agent, Version, Original-Mail-From,
 * Original-Rcpt-To, Arrival-Date/Received-Date, Source-IP, Reporting-MTA, Reported-Domain), as sent
 * by AOL, Yahoo, Comcast, Abusix, OpenDMARC and others, plus the non-ARF variants:
 * Microsoft's JMRP complaints ({@code multipart/mixed}, subject "complaint about message from
 * &lt;ip&gt;", the reporting user in the quoted original's {@code X-HmXmrOriginalRecipient}) and
 * Apple Mail's one-click unsubscribe ({@code X-Apple-Unsubscribe: true}, an opt-out by the sender).
 *
 * <p>One result per reported recipient (Original-Rcpt-To or Removal-Recipient; else the quoted
 * original's recipient) with reason {@code feedback} and the report's feedback type.
 */
public final class ArfParser implements BounceParser {
    private static final String FEEDBACK_PART = "message/feedback-report";

    @Override
    public String name() {
        return "ARF";
    }

    @Override
    public boolean appliesTo(ParsedMessage m) {
        if ("feedback-report".equals(m.contentTypeParam("report-type"))) return true;
        if (m.hasPart(FEEDBACK_PART)) return true;
        if (isJmrp(m)) return true;
        return m.headers().lower("X-Apple-Unsubscribe").equals("true");
    }

    private static boolean isJmrp(ParsedMessage m) {
        return m.subjectLower().contains("complaint about message from ")
                && m.mimeType().startsWith("multipart/");
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage m) {
        Headers fields = feedbackFields(m);
        String type = fields.lower("Feedback-Type").strip();
        Set<String> rcpts = new LinkedHashSet<>();
        for (String name : List.of("Original-Rcpt-To", "Removal-Recipient")) {
            for (String v : fields.all(name)) addAddress(rcpts, v);
        }
        Headers original = originalHeaders(m);
        if (rcpts.isEmpty()) addAddress(rcpts, original.get("X-HmXmrOriginalRecipient"));
        boolean apple = m.headers().lower("X-Apple-Unsubscribe").equals("true");
        if (rcpts.isEmpty() && apple && fields.isEmpty()) {
            addAddress(rcpts, m.headers().get("From"));
            type = "opt-out";
        }
        if (rcpts.isEmpty()) {
            String to = Addresses.extract(original.get("To"));
            rcpts.add(to); // "" when the original names no recipient (e.g. "Undisclosed Recipients")
        }
        if (type.isEmpty()) type = isJmrp(m) ? "abuse" : "other";
        String diag = diagnostic(m, fields);
        String source = fields.get("Source-IP");
        List<DeliveryStatus> out = new ArrayList<>();
        for (String r : rcpts) {
            out.add(DeliveryStatus.builder().recipient(r).reason(Reason.FEEDBACK).hardBounce(false)
                    .feedbackType(type).diagnostic(diag).remoteMta(source).build());
        }
        String reporting = DsnFields.stripType(fields.get("Reporting-MTA"));
        OriginalMessage orig = OriginalMessage.NONE;
        return Optional.of(new BounceReport(name(), reporting, out, orig));
    }

    private static void addAddress(Set<String> into, String value) {
        String a = Addresses.extract(value);
        if (a.indexOf('@') > 0) into.add(a);
    }

    /** The fields of the machine-readable part, or of "Feedback-Type:" lines found inline in the body. */
    private static Headers feedbackFields(ParsedMessage m) {
        for (Part p : m.parts()) {
            if (p.mimeType().equals(FEEDBACK_PART) && p.text() != null) return HeaderBlocks.parse(p.text());
        }
        String body = Texts.head(m.body());
        int i = body.indexOf("\nFeedback-Type:");
        if (i < 0) return Headers.empty();
        return HeaderBlocks.parse(body.substring(i + 1));
    }

    private static Headers originalHeaders(ParsedMessage m) {
        for (EmbeddedMessage e : m.embedded()) {
            if (!e.headers().isEmpty()) return e.headers();
        }
        return Headers.empty();
    }

    /** The human-readable explanation plus the report's agent and original sender, on one line. */
    private static String diagnostic(ParsedMessage m, Headers fields) {
        String human = "";
        for (Part p : m.parts()) {
            if (p.messageDepth() == 0 && p.mimeType().equals("text/plain") && p.text() != null && !p.text().isBlank()) {
                human = Texts.sweepLines(p.text(), 400);
                break;
            }
        }
        StringBuilder sb = new StringBuilder(human);
        for (String name : List.of("User-Agent", "Original-Mail-From", "Reported-Domain")) {
            String v = fields.get(name);
            if (!v.isEmpty()) sb.append(sb.length() > 0 ? ", " : "").append(name).append(": ").append(v);
        }
        return sb.toString().toLowerCase(Locale.ROOT).isEmpty() ? "" : sb.toString();
    }
}
