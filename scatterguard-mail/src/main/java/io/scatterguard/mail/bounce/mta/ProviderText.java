package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceAnalyzer;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.bounce.OriginalMessage;
import io.scatterguard.mail.model.Addresses;
import io.scatterguard.mail.model.Headers;
import io.scatterguard.mail.parse.internal.HeaderBlocks;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text helpers shared by the provider parsers: cutting the flattened body at the line where the
 * quoted original begins, reading SMTP reply and status codes out of a server reply, naming the
 * failed SMTP command, and assembling the report.
 */
final class ProviderText {
    private ProviderText() {}

    private static final Pattern REPLY_CODE = Pattern.compile("(?<![\\d.])([245][0-9][0-9])(?![\\d.])");
    private static final Pattern STATUS_CODE = Pattern.compile("(?<![\\d.])([245]\\.[0-9]{1,3}\\.[0-9]{1,3})(?![\\d.])");
    private static final Pattern LEADING_REPLY = Pattern.compile("^\\s*([245][0-9][0-9])(?:[ \\-:]|$)");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern COMMAND = Pattern.compile(
            "\\b(?:(RCPT)[ _]TO|(MAIL)[ _]FROM|(EHLO|HELO|DATA)\\b|end of (DATA))", Pattern.CASE_INSENSITIVE);

    /** The text before the first of {@code markers} (the whole text when none occurs). */
    static String head(String body, String... markers) {
        int cut = cutAt(body, markers);
        return cut < 0 ? body : body.substring(0, cut);
    }

    /** The text after the line holding the first of {@code markers}, or "" when none occurs. */
    static String tail(String body, String... markers) {
        int cut = cutAt(body, markers);
        if (cut < 0) return "";
        int eol = body.indexOf('\n', cut);
        return eol < 0 ? "" : body.substring(eol + 1);
    }

    private static int cutAt(String body, String... markers) {
        int best = -1;
        for (String m : markers) {
            int i = body.indexOf(m);
            if (i >= 0 && (best < 0 || i < best)) best = i;
        }
        if (best < 0) return -1;
        int sol = body.lastIndexOf('\n', best);
        return sol < 0 ? 0 : sol + 1;
    }

    /** The headers quoted after one of {@code markers} in a plain-text bounce, or NONE. */
    static OriginalMessage quotedOriginal(String body, String... markers) {
        String after = tail(body, markers);
        if (after.isBlank()) return OriginalMessage.NONE;
        Headers h = HeaderBlocks.parse(after);
        return h.isEmpty() ? OriginalMessage.NONE : BounceAnalyzer.fromHeaders(h);
    }

    /** The header block that begins at the line holding {@code marker} (inclusive), or NONE. */
    static OriginalMessage headersFrom(String body, String marker) {
        int i = body.indexOf(marker);
        if (i < 0) return OriginalMessage.NONE;
        int sol = body.lastIndexOf('\n', i) + 1;
        Headers h = HeaderBlocks.parse(body.substring(sol));
        return h.isEmpty() ? OriginalMessage.NONE : BounceAnalyzer.fromHeaders(h);
    }

    /** Lines of {@code text} split on LF. */
    static String[] lines(String text) {
        return text.split("\n", -1);
    }

    /** Whitespace runs collapsed to one space, trimmed. */
    static String sweep(String s) {
        return s == null ? "" : SPACES.matcher(s).replaceAll(" ").strip();
    }

    /**
     * Joins a line to a diagnostic being built; a line ending in a quoted-printable soft break
     * ("=") left undecoded by the sender is joined without a space.
     */
    static void appendLine(StringBuilder sb, String line) {
        String l = line.strip();
        if (l.endsWith("=20")) l = l.substring(0, l.length() - 3);
        if (l.isEmpty()) return;
        boolean soft = sb.length() > 0 && sb.charAt(sb.length() - 1) == '=';
        if (soft) sb.setLength(sb.length() - 1);
        else if (sb.length() > 0) sb.append(' ');
        sb.append(l);
    }

    /** The first RFC 3463 status code in {@code text}, or "". */
    static String statusIn(String text) {
        Matcher m = STATUS_CODE.matcher(text);
        return m.find() ? m.group(1) : "";
    }

    /** The SMTP reply code at the start of {@code text}, or "". */
    static String leadingReply(String text) {
        Matcher m = LEADING_REPLY.matcher(text);
        return m.find() ? m.group(1) : "";
    }

    /** The first three-digit reply code anywhere in {@code text}, or "". */
    static String replyIn(String text) {
        Matcher m = REPLY_CODE.matcher(text);
        return m.find() ? m.group(1) : "";
    }

    /** Sets reply and status codes found in a server reply text, without overwriting set ones. */
    static void codesFrom(String reply, DeliveryStatus.Builder b) {
        if (reply == null || reply.isEmpty()) return;
        if (b.replyCode().isEmpty()) b.replyCode(leadingReply(reply));
        if (b.status().isEmpty()) b.status(statusIn(reply));
    }

    /** The SMTP command a reply text names ("RCPT TO", "[RCPT_TO]", "end of DATA"...), or "". */
    static String commandIn(String text) {
        Matcher m = COMMAND.matcher(text);
        if (!m.find()) return "";
        for (int g = 1; g <= m.groupCount(); g++) {
            if (m.group(g) != null) return m.group(g).toUpperCase(Locale.ROOT);
        }
        return "";
    }

    /** True when a status code is present and is not a generic "x.0.x" one. */
    static boolean hasSpecificStatus(String status) {
        return !status.isEmpty() && !status.contains(".0.");
    }

    /** The address in a line such as {@code <a@b>:} or {@code   a@b}, or "". */
    static String address(String line) {
        return Addresses.extract(line);
    }

    /** The report, or empty when no recipient was found. */
    static Optional<BounceReport> report(String format, String reportingMta, List<DeliveryStatus.Builder> rows,
            OriginalMessage original) {
        List<DeliveryStatus> out = new ArrayList<>(rows.size());
        for (DeliveryStatus.Builder b : rows) {
            if (b.recipient().isEmpty()) continue;
            out.add(b.build());
        }
        if (out.isEmpty()) return Optional.empty();
        return Optional.of(new BounceReport(format, reportingMta == null ? "" : reportingMta, out,
                original == null ? OriginalMessage.NONE : original));
    }

    /** True when {@code haystack} contains any of {@code needles}. */
    static boolean containsAny(String haystack, String... needles) {
        for (String n : needles) {
            if (haystack.contains(n)) return true;
        }
        return false;
    }
}
