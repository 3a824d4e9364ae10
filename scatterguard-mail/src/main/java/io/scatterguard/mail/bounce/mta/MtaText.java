package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceAnalyzer;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.bounce.OriginalMessage;
import io.scatterguard.mail.bounce.rfc.DsnFields;
import io.scatterguard.mail.bounce.rfc.DsnRecipient;
import io.scatterguard.mail.bounce.rfc.DsnReport;
import io.scatterguard.mail.bounce.rfc.Texts;
import io.scatterguard.mail.model.Headers;
import io.scatterguard.mail.parse.ParsedMessage;
import io.scatterguard.mail.parse.internal.HeaderBlocks;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Helpers shared by the MTA parsers: cutting the flattened body at the MTA's markers, reading the
 * original quoted as plain text, and combining what an MTA's own text says with the RFC 3464 part
 * many of them attach (the text names the SMTP command and the remote reply, the delivery-status
 * part the status code and remote MTA).
 */
final class MtaText {
    private MtaText() {}

    /**
     * The part of the flattened body the MTA parsers read: its first {@link Texts#HEAD} characters.
     * A report's own text and the start of the quoted original are always there; scanning a large
     * attached original for markers would only cost time.
     */
    static String body(ParsedMessage m) {
        return Texts.head(m.body());
    }

    /** The earliest index of any of {@code markers} in {@code s} at or after {@code from}, or -1. */
    static int indexOfAny(String s, int from, String... markers) {
        int best = -1;
        for (String m : markers) {
            int i = s.indexOf(m, from);
            if (i >= 0 && (best < 0 || i < best)) best = i;
        }
        return best;
    }

    /** {@code body} from the first start marker (or 0 when none given) to the first end marker. */
    static String region(String body, String[] starts, String... ends) {
        int from = 0;
        if (starts != null && starts.length > 0) {
            from = indexOfAny(body, 0, starts);
            if (from < 0) return "";
        }
        int to = indexOfAny(body, from, ends);
        return body.substring(from, to < 0 ? body.length() : to);
    }

    /** The lines of {@code s} (split on \n). */
    static String[] lines(String s) {
        return s.split("\n", -1);
    }

    /** Whether {@code s} contains any of {@code needles}. */
    static boolean containsAny(String s, String... needles) {
        for (String n : needles) {
            if (s.contains(n)) return true;
        }
        return false;
    }

    /**
     * The original's headers quoted as plain text after the first of {@code markers} (the marker
     * line itself and blank lines skipped); {@link OriginalMessage#NONE} when the message has a
     * MIME-attached original or no marker is found.
     */
    static OriginalMessage originalAfter(ParsedMessage m, String... markers) {
        if (!m.embedded().isEmpty()) return OriginalMessage.NONE;
        String body = MtaText.body(m);
        int i = indexOfAny(body, 0, markers);
        if (i < 0) return OriginalMessage.NONE;
        int nl = body.indexOf('\n', i);
        if (nl < 0) return OriginalMessage.NONE;
        int j = nl + 1;
        while (j < body.length() && (body.charAt(j) == '\n' || body.charAt(j) == ' ')) j++;
        int end = body.indexOf("\n\n", j);
        Headers h = HeaderBlocks.parse(body.substring(j, end < 0 ? body.length() : end + 1));
        return h.isEmpty() ? OriginalMessage.NONE : BounceAnalyzer.fromHeaders(h);
    }

    /** The delivery-status part of the message, read; empty when there is none. */
    static DsnReport dsn(ParsedMessage m) {
        String t = DsnFields.partText(m);
        return t.isEmpty() ? DsnReport.EMPTY : DsnFields.read(t);
    }

    /**
     * Combines recipients read from the MTA's text with its delivery-status part: matching
     * recipients (by any of the block's addresses) get the fields their text lacked; when the text
     * gave none, the delivery-status recipients are used as they are.
     */
    static List<DeliveryStatus.Builder> merge(List<DeliveryStatus.Builder> text, DsnReport dsn) {
        return merge(text, dsn, false);
    }

    /**
     * As {@link #merge(List, DsnReport)}; with {@code preferDsnDiagnostic} the delivery-status part's
     * Diagnostic-Code (the remote server's bare reply) replaces the text's diagnostic when present.
     */
    static List<DeliveryStatus.Builder> merge(List<DeliveryStatus.Builder> text, DsnReport dsn,
                                              boolean preferDsnDiagnostic) {
        if (dsn.isEmpty()) return text;
        if (text.isEmpty()) {
            List<DeliveryStatus.Builder> out = new ArrayList<>();
            for (DsnRecipient r : dsn.recipients()) out.add(DsnFields.toBuilder(r));
            return out;
        }
        for (DeliveryStatus.Builder b : text) {
            DsnRecipient r = find(dsn, b.recipient());
            if (r == null && text.size() == 1 && dsn.recipients().size() == 1) r = dsn.recipients().get(0);
            if (r == null) continue;
            if (b.status().isEmpty() || (b.status().endsWith(".0.0") && !r.status().isEmpty())) b.status(r.status());
            if (b.action().isEmpty()) b.action(r.action());
            if (b.remoteMta().isEmpty()) b.remoteMta(r.remoteMta());
            if (b.diagnostic().isEmpty() || (preferDsnDiagnostic && !r.diagnostic().isEmpty())) b.diagnostic(r.diagnostic());
            if (b.command().isEmpty()) b.command(DsnFields.toBuilder(r).command());
        }
        return text;
    }

    private static DsnRecipient find(DsnReport dsn, String addr) {
        for (DsnRecipient r : dsn.recipients()) {
            if (r.finalRecipient().equalsIgnoreCase(addr) || r.originalRecipient().equalsIgnoreCase(addr)
                    || r.actualRecipient().equalsIgnoreCase(addr)) return r;
        }
        return null;
    }

    private static final Pattern REPLY = Pattern.compile("(?:^|said:\\s*|\\]:\\s*|<<<\\s*|:\\s+)([245]\\d\\d)(?:[ -]|$)");

    /** The SMTP reply code a diagnostic quotes: at its start or after "said:", "]:" or "&lt;&lt;&lt;". */
    static String replyCode(String diagnostic) {
        Matcher m = REPLY.matcher(diagnostic);
        return m.find() ? m.group(1) : "";
    }

    /**
     * A report when at least one recipient was found, else empty. Each recipient's status prefers
     * the specific code quoted in its diagnostic, and its reply code is the one the diagnostic quotes.
     */
    static Optional<BounceReport> report(String format, String reportingMta, List<DeliveryStatus.Builder> rcpts,
                                         OriginalMessage original) {
        List<DeliveryStatus> out = new ArrayList<>(rcpts.size());
        for (DeliveryStatus.Builder b : rcpts) {
            if (b.recipient().isEmpty()) continue;
            b.status(DsnFields.preferredStatus(b.status(), b.diagnostic()));
            if (b.replyCode().isEmpty()) b.replyCode(replyCode(b.diagnostic()));
            out.add(b.build());
        }
        if (out.isEmpty()) return Optional.empty();
        return Optional.of(new BounceReport(format, reportingMta == null ? "" : reportingMta, out,
                original == null ? OriginalMessage.NONE : original));
    }
}
