package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceAnalyzer;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.bounce.OriginalMessage;
import io.scatterguard.mail.bounce.rfc.DsnFields;
import io.scatterguard.mail.bounce.rfc.DsnRecipient;
import io.scatterguard.mail.bounce.rfc.DsnReport;
import io.scatterguard.mail.bounce.rfc.Texts;
import io.scatterguard.mail.model.Addresses;
import io.scatterguard.mail.model.Headers;
import io.scatterguard.mail.parse.ParsedMessage;
import io.scatterguard.mail.parse.Part;
import io.scatterguard.mail.parse.internal.HeaderBlocks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text helpers shared by every parser of this package: cutting the flattened body at an MTA's
 * markers, splitting and joining lines, reading the original quoted as plain text, reading SMTP
 * reply and status codes and the failed command out of a server reply, combining an MTA's own text
 * with the RFC 3464 part many of them attach, and assembling the report.
 */
final class BounceText {
    private BounceText() {}

    // ---- the body and its regions ----------------------------------------------------------

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

    /** {@code s} from {@code from} to the end of that line (without the line break). */
    private static String restOfLine(String s, int from) {
        int eol = s.indexOf('\n', from);
        return s.substring(from, eol < 0 ? s.length() : eol);
    }

    /** The address on the rest of the line where {@code marker} first occurs in {@code body}, or "". */
    static String addressAfter(String body, String marker) {
        int i = body.indexOf(marker);
        return i < 0 ? "" : Addresses.extract(restOfLine(body, i + marker.length()));
    }

    /**
     * The text after {@code marker} (found at {@code at}) up to {@code end}, its lines swept onto
     * one ({@link Texts#sweepLines}, at most {@code max} characters); "" when the marker was not
     * found before {@code end}.
     */
    static String sweptBetween(String body, int at, String marker, int end, int max) {
        return at >= 0 && at < end ? Texts.sweepLines(body.substring(at + marker.length(), end), max) : "";
    }

    /** The text before the line holding the first of {@code markers} (the whole text when none occurs). */
    static String head(String body, String... markers) {
        int cut = lineStartOfAny(body, markers);
        return cut < 0 ? body : body.substring(0, cut);
    }

    /** The text after the line holding the first of {@code markers}, or "" when none occurs. */
    static String tail(String body, String... markers) {
        int cut = lineStartOfAny(body, markers);
        if (cut < 0) return "";
        int eol = body.indexOf('\n', cut);
        return eol < 0 ? "" : body.substring(eol + 1);
    }

    /** The start of the line holding the first of {@code markers}, or -1. */
    private static int lineStartOfAny(String body, String... markers) {
        int best = indexOfAny(body, 0, markers);
        if (best < 0) return -1;
        int sol = body.lastIndexOf('\n', best);
        return sol < 0 ? 0 : sol + 1;
    }

    /** Case-insensitive indexOf bounded to [0, end) without lower-casing the whole text. */
    static int indexOfIgnoreCase(String text, String needle, int end) {
        int n = needle.length();
        for (int i = 0; i + n <= end; i++) {
            if (text.regionMatches(true, i, needle, 0, n)) return i;
        }
        return -1;
    }

    /** Whether {@code s} contains any of {@code needles}. */
    static boolean containsAny(String s, String... needles) {
        for (String n : needles) {
            if (s.contains(n)) return true;
        }
        return false;
    }

    /** Whether {@code s} starts with any of {@code prefixes}. */
    static boolean startsWithAny(String s, String... prefixes) {
        for (String p : prefixes) {
            if (s.startsWith(p)) return true;
        }
        return false;
    }

    // ---- lines ------------------------------------------------------------------------------

    /** The lines of {@code s} (split on \n), a trailing empty line included. */
    static String[] lines(String s) {
        return s.split("\n", -1);
    }

    /** The lines of {@code text} after the first one that starts with any of {@code prefixes}; none when no line does. */
    static List<String> linesAfter(String text, String... prefixes) {
        String[] lines = lines(text);
        for (int i = 0; i < lines.length; i++) {
            if (startsWithAny(lines[i], prefixes)) return Arrays.asList(lines).subList(i + 1, lines.length);
        }
        return List.of();
    }

    /** The text's lines (already {@code \n}-terminated by the reader), without the line breaks. */
    static List<String> lineList(String text) {
        List<String> out = new ArrayList<>();
        int pos = 0;
        while (pos <= text.length()) {
            int nl = text.indexOf('\n', pos);
            if (nl < 0) {
                if (pos < text.length()) out.add(text.substring(pos));
                break;
            }
            out.add(text.substring(pos, nl));
            pos = nl + 1;
        }
        return out;
    }

    /** Blank, also when it only holds quoted-printable leftovers ("=20", "=09") of a mis-labelled part. */
    static boolean isBlank(String line) {
        if (line.isBlank()) return true;
        return line.replace("=09", "").replace("=20", "").isBlank();
    }

    /** Index of the first line at or after {@code from} containing {@code needle} (lower-case), or -1. */
    static int findLine(List<String> lines, int from, String needle) {
        for (int i = Math.max(0, from); i < lines.size(); i++) {
            if (lines.get(i).toLowerCase(Locale.ROOT).contains(needle)) return i;
        }
        return -1;
    }

    /** The indented or non-blank continuation lines after {@code i}, joined, up to a blank line (at most 6). */
    static String continuation(List<String> lines, int i) {
        StringBuilder sb = new StringBuilder();
        for (int j = i + 1; j < lines.size() && j <= i + 6; j++) {
            String l = lines.get(j);
            if (isBlank(l) || l.regionMatches(true, 0, "Content-Type:", 0, 13)) break;
            sb.append(' ').append(l.strip());
        }
        return sb.toString().strip();
    }

    private static final Pattern SPACES = Pattern.compile("\\s+");

    /** Whitespace runs collapsed to one space, trimmed. */
    static String sweep(String s) {
        return s == null ? "" : SPACES.matcher(s).replaceAll(" ").strip();
    }

    /** Collapses a multi-line explanation (and quoted-printable space leftovers) into one line. */
    static String oneLine(String s) {
        return s == null ? "" : sweep(s.replace("=20", " ").replace("=09", " "));
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

    /** The address in a line such as {@code <a@b>:} or {@code   a@b}, or "". */
    static String address(String line) {
        return Addresses.extract(line);
    }

    // ---- the quoted original ----------------------------------------------------------------

    /**
     * The original's headers quoted as plain text after the first of {@code markers} (the marker
     * line itself and blank lines skipped); {@link OriginalMessage#NONE} when the message has a
     * MIME-attached original or no marker is found.
     */
    static OriginalMessage originalAfter(ParsedMessage m, String... markers) {
        if (!m.embedded().isEmpty()) return OriginalMessage.NONE;
        String body = body(m);
        int i = indexOfAny(body, 0, markers);
        if (i < 0) return OriginalMessage.NONE;
        int nl = body.indexOf('\n', i);
        if (nl < 0) return OriginalMessage.NONE;
        int j = nl + 1;
        while (j < body.length() && (body.charAt(j) == '\n' || body.charAt(j) == ' ')) j++;
        int end = body.indexOf("\n\n", j);
        return original(body.substring(j, end < 0 ? body.length() : end + 1));
    }

    /** The headers quoted after the line holding one of {@code markers} in a plain-text bounce, or NONE. */
    static OriginalMessage quotedOriginal(String body, String... markers) {
        String after = tail(body, markers);
        return after.isBlank() ? OriginalMessage.NONE : original(after);
    }

    /** The header block that begins at the line holding {@code marker} (inclusive), or NONE. */
    static OriginalMessage headersFrom(String body, String marker) {
        int i = body.indexOf(marker);
        if (i < 0) return OriginalMessage.NONE;
        int sol = body.lastIndexOf('\n', i) + 1;
        return original(body.substring(sol));
    }

    /** The original described by the header block {@code text}, or NONE when it holds no header. */
    private static OriginalMessage original(String text) {
        Headers h = HeaderBlocks.parse(text);
        return h.isEmpty() ? OriginalMessage.NONE : BounceAnalyzer.fromHeaders(h);
    }

    // ---- codes and commands in a server reply -----------------------------------------------

    private static final Pattern REPLY_CODE = Pattern.compile("(?<![\\d.])([245][0-9][0-9])(?![\\d.])");
    private static final Pattern STATUS_CODE = Pattern.compile("(?<![\\d.])([245]\\.[0-9]{1,3}\\.[0-9]{1,3})(?![\\d.])");
    private static final Pattern LEADING_REPLY = Pattern.compile("^\\s*([245][0-9][0-9])(?:[ \\-:]|$)");
    private static final Pattern QUOTED_REPLY = Pattern.compile("(?:^|said:\\s*|\\]:\\s*|<<<\\s*|:\\s+)([245]\\d\\d)(?:[ -]|$)");
    private static final Pattern COMMAND = Pattern.compile(
            "\\b(?:(RCPT)[ _]TO|(MAIL)[ _]FROM|(EHLO|HELO|DATA)\\b|end of (DATA))", Pattern.CASE_INSENSITIVE);

    /** The first RFC 3463 status code in {@code text}, or "". */
    static String statusIn(String text) {
        return group1(STATUS_CODE, text);
    }

    /** The SMTP reply code at the start of {@code text}, or "". */
    static String leadingReply(String text) {
        return group1(LEADING_REPLY, text);
    }

    /** The first three-digit reply code anywhere in {@code text}, or "". */
    static String replyIn(String text) {
        return group1(REPLY_CODE, text);
    }

    /** The SMTP reply code a diagnostic quotes: at its start or after "said:", "]:" or "&lt;&lt;&lt;". */
    static String replyCode(String diagnostic) {
        return group1(QUOTED_REPLY, diagnostic);
    }

    private static String group1(Pattern p, String text) {
        Matcher m = p.matcher(text);
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

    // ---- the attached delivery-status part --------------------------------------------------

    /** Whether a message/delivery-status part of the message holds {@code needle} (an MTA's own field). */
    static boolean statusPartContains(ParsedMessage m, String needle) {
        for (Part p : m.parts()) {
            if (p.mimeType().equals("message/delivery-status") && p.text() != null && p.text().contains(needle)) return true;
        }
        return false;
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

    // ---- the report -------------------------------------------------------------------------

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
        return wrap(format, reportingMta, out, original);
    }

    /** A report of the recipients exactly as read (those with an address), or empty when there is none. */
    static Optional<BounceReport> reportAsRead(String format, String reportingMta, List<DeliveryStatus.Builder> rows,
                                               OriginalMessage original) {
        List<DeliveryStatus> out = new ArrayList<>(rows.size());
        for (DeliveryStatus.Builder b : rows) {
            if (!b.recipient().isEmpty()) out.add(b.build());
        }
        return wrap(format, reportingMta, out, original);
    }

    /** The report of {@code recipients}, or empty when there is none. */
    static Optional<BounceReport> wrap(String format, String reportingMta, List<DeliveryStatus> recipients,
                                       OriginalMessage original) {
        if (recipients.isEmpty()) return Optional.empty();
        return Optional.of(new BounceReport(format, reportingMta == null ? "" : reportingMta, recipients,
                original == null ? OriginalMessage.NONE : original));
    }
}
