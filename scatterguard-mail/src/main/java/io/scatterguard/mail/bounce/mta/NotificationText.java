package io.scatterguard.mail.bounce.mta;

import static io.scatterguard.mail.bounce.mta.BounceText.containsAny;
import static io.scatterguard.mail.bounce.mta.BounceText.indexOfIgnoreCase;
import static io.scatterguard.mail.bounce.mta.BounceText.isBlank;
import static io.scatterguard.mail.bounce.mta.BounceText.oneLine;
import static io.scatterguard.mail.bounce.mta.BounceText.startsWithAny;

import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.bounce.OriginalMessage;
import io.scatterguard.mail.model.Addresses;
import io.scatterguard.mail.model.Headers;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading plain-text notifications without a fixed layout, shared by the legacy parsers and the
 * free-text fallback: cutting the notification text off before the quoted original, finding
 * addresses in a line, telling the bounce's own and system addresses apart from failed recipients,
 * and the cheap "looks like a bounce" header test. General text helpers are in {@link BounceText}.
 */
final class NotificationText {
    private NotificationText() {}

    /** Only the first part of a notification is scanned; the explanation is never longer. */
    static final int MAX_NOTIFICATION_CHARS = 24_000;

    /** An address with a dotted domain (or an address literal). Possessive to avoid backtracking. */
    static final Pattern ADDRESS = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~.\\-]++@(?:[A-Za-z0-9](?:[A-Za-z0-9\\-]{0,62}+)(?:\\.[A-Za-z0-9\\-]{1,63}+)++"
                    + "|\\[[0-9.:A-Fa-f]{3,45}+\\])");

    /** Local parts of mailboxes that write or receive reports, never a failed recipient. */
    private static final Set<String> SYSTEM_LOCALS = Set.of("postmaster", "mailer-daemon", "mailer_daemon",
            "mailerdaemon", "mail-daemon", "maildaemon", "mail.delivery.system", "mdaemon", "hostmaster");

    /** Lines, lower-cased, that begin the quoted original in plain-text notifications. */
    private static final String[] ORIGINAL_MARKERS = {
        "original message follows", "original message attached", "original message -----",
        "original message as received", "--- original message", "----- original message", "original message ---",
        "message text follows", "returned message ----", "start of returned message", "returned mail follows",
        "unsent message below", "header of the original message", "header of the source mail",
        "message header follows", "your message reads", "summary of the undelivered message",
        "lines of your original message", "below this line is a copy", "below the next line is a copy",
        "attachment is a copy", "this is a copy of your message", "copy of the original message",
        "is a copy of the message", "copy of the message follows", "--- session transcript ---", "original message included",
        "mensaje original adjunto", "message d'origine", "ursprüngliche nachricht", "originalnachricht"
    };

    /** Subject prefixes of forwarded mail (English, French, German, Spanish, Portuguese). */
    private static final String[] FORWARD_PREFIXES = {"fwd:", "fw:", "tr:", "wg:", "rv:", "enc:", "[fwd:"};

    private static final String[] BOUNCE_SUBJECT_WORDS = {
        "undeliver", "undelivered", "delivery", "failure", "failed", "returned mail", "returned to sender",
        "mail error", "error report", "could not be delivered", "not delivered", "mail delivery", "delayed",
        "warning", "non remis", "non recapitabile", "unzustellbar", "nicht zustellbar", "no entregado",
        "rejected", "bounce", "mail system error", "nondeliverable", "non-deliverable", "failed mail"
    };

    private static final String[] DAEMON_WORDS = {
        "mailer-daemon", "mailer_daemon", "postmaster", "mail delivery", "mail.delivery", "mdaemon",
        "mail administrator", "system administrator", "mailerdaemon", "mail-daemon", "mail system"
    };

    /** Sent by a mailer daemon or postmaster with a bounce-like subject: a machine's report beyond doubt. */
    static boolean daemonReport(ParsedMessage m) {
        return containsAny(m.headers().lower("From"), DAEMON_WORDS) && containsAny(m.subjectLower(), BOUNCE_SUBJECT_WORDS);
    }

    /** True when the outer headers look like a machine's report rather than a person's mail. */
    static boolean looksLikeBounce(ParsedMessage m) {
        Headers h = m.headers();
        String subject = m.subjectLower();
        String from = h.lower("From");
        boolean daemon = containsAny(from, DAEMON_WORDS) || from.isBlank() || from.contains("<>")
                || h.get("Return-Path").replace(" ", "").equals("<>");
        if (!daemon && (startsWithAny(subject.strip(), FORWARD_PREFIXES) || writtenByPerson(h))) return false;
        return daemon || containsAny(subject, BOUNCE_SUBJECT_WORDS) || h.has("X-Failed-Recipients")
                || m.mimeType().equals("multipart/report");
    }

    /**
     * Signs of a mail client or a conversation, which machine reports do not carry. (A reply prefix
     * alone is not one: some gateways answer with "RE: subject : non remis".)
     */
    private static boolean writtenByPerson(Headers h) {
        return h.has("User-Agent") || h.has("In-Reply-To") || h.has("References");
    }

    /** The report's explanatory text: the flattened body up to the quoted original, bounded in size. */
    static String notification(ParsedMessage m) {
        String body = m.body();
        int end = Math.min(body.length(), MAX_NOTIFICATION_CHARS);
        int ct = indexOfIgnoreCase(body, "Content-Type: message/rfc822", end);
        if (ct >= 0) end = ct;
        ct = indexOfIgnoreCase(body, "Content-Type: text/rfc822-headers", end);
        if (ct >= 0) end = ct;
        return cutAtOriginal(body.substring(0, end));
    }

    /** The lines of the report's explanatory text ({@link #notification}). */
    static List<String> lines(ParsedMessage m) {
        return BounceText.lineList(notification(m));
    }

    /**
     * The lines of the report's explanatory text from the first one containing {@code lowerMarker}
     * (compared in lower case) on; none when no line does.
     */
    static List<String> linesFrom(ParsedMessage m, String lowerMarker) {
        List<String> lines = lines(m);
        int start = BounceText.findLine(lines, 0, lowerMarker);
        return start < 0 ? List.of() : lines.subList(start, lines.size());
    }

    /** Whether the flattened body's first {@code window} characters hold {@code text}, in any case. */
    static boolean opensWith(ParsedMessage m, String text, int window) {
        String body = m.body();
        return indexOfIgnoreCase(body, text, Math.min(body.length(), window)) >= 0;
    }

    /** The text up to the first line that starts the quoted original. */
    private static String cutAtOriginal(String text) {
        int cut = text.length();
        int pos = 0;
        while (pos < text.length()) {
            int nl = text.indexOf('\n', pos);
            int lineEnd = nl < 0 ? text.length() : nl;
            String lower = text.substring(pos, lineEnd).toLowerCase(Locale.ROOT);
            if (isOriginalMarker(lower) || startsQuotedHeaders(lower, pos > 0)
                    || (pos > 0 && startsHeaderBlock(lower, text, lineEnd))) {
                cut = pos;
                break;
            }
            pos = lineEnd + 1;
        }
        return text.substring(0, cut);
    }

    private static final Pattern HEADER_LINE = Pattern.compile("[A-Za-z][A-Za-z0-9-]{1,40}+:[ \\t]");
    private static final String[] ORIGINAL_HEADER_STARTS = {"from:", "date:", "subject:", "message-id:", "mime-version:"};

    /**
     * A quoted original pasted as plain text: a column-0 From/Date/Subject/Message-ID line directly followed
     * by another header line. (Summaries like "  To: ..." are indented and do not count.)
     */
    private static boolean startsHeaderBlock(String lower, String text, int lineEnd) {
        if (!startsWithAny(lower, ORIGINAL_HEADER_STARTS)) return false;
        boolean messageField = startsWithAny(lower, MESSAGE_ONLY_FIELDS);
        int pos = lineEnd + 1;
        for (int n = 0; n < 10 && pos < text.length(); n++) {
            int end = text.indexOf('\n', pos);
            if (end < 0) end = text.length();
            String next = text.substring(pos, end);
            boolean continuation = !next.isEmpty() && (next.charAt(0) == ' ' || next.charAt(0) == '\t');
            if (!continuation && !HEADER_LINE.matcher(next).lookingAt()) break;
            if (startsWithAny(next.toLowerCase(Locale.ROOT), MESSAGE_ONLY_FIELDS)) messageField = true;
            pos = end + 1;
        }
        return messageField;
    }

    /** Fields a pasted original carries but a report's "Your message / To: / Subject:" summary does not. */
    private static final String[] MESSAGE_ONLY_FIELDS = {"message-id:", "mime-version:", "received:", "return-path:",
        "x-mailer:", "in-reply-to:", "references:", "content-transfer-encoding:"};

    /**
     * The explanatory text of a report that a gateway forwarded whole as a message/rfc822 attachment
     * ahead of any text of its own (an InterScan or Exchange relay passing on a postmaster's DSN): the
     * attached message must itself come from a mailer daemon or postmaster. "" otherwise.
     */
    static String forwardedReport(ParsedMessage m) {
        if (m.embedded().isEmpty()) return "";
        Headers inner = m.embedded().get(0).headers();
        if (!containsAny(inner.lower("From"), DAEMON_WORDS)) return "";
        String body = m.body();
        int ct = indexOfIgnoreCase(body, "Content-Type: message/rfc822", Math.min(body.length(), MAX_NOTIFICATION_CHARS));
        if (ct < 0) return "";
        int blank = body.indexOf("\n\n", body.indexOf('\n', ct) + 1);
        if (blank < 0) return "";
        int start = blank + 2;
        String rest = body.substring(start, Math.min(body.length(), start + MAX_NOTIFICATION_CHARS));
        int next = indexOfIgnoreCase(rest, "Content-Type: message/rfc822", rest.length());
        if (next < 0) next = indexOfIgnoreCase(rest, "Content-Type: text/rfc822-headers", rest.length());
        return cutAtOriginal(next < 0 ? rest : rest.substring(0, next));
    }

    /** Headers of the report forwarded whole (see {@link #forwardedReport}), whose addresses are also ours. */
    static Headers forwardedReportHeaders(ParsedMessage m) {
        return m.embedded().isEmpty() ? Headers.empty() : m.embedded().get(0).headers();
    }

    private static boolean isOriginalMarker(String lower) {
        return containsAny(lower, ORIGINAL_MARKERS);
    }

    /** A header block of the quoted original starting at column 0 ("Received: from", "Return-Path:"). */
    private static boolean startsQuotedHeaders(String lower, boolean notFirst) {
        return notFirst && (lower.startsWith("received: from") || lower.startsWith("received: by")
                || lower.startsWith("return-path:") || lower.startsWith(">received: ") || lower.startsWith("> received: "));
    }

    /**
     * All addresses in a line, normalised, in order. The pattern is only tried in a bounded window
     * around each '@' so that a huge line (base64, a broken part) costs linear time.
     */
    static List<String> addresses(String line) {
        int at = line.indexOf('@');
        if (at < 0) return List.of();
        List<String> out = new ArrayList<>(2);
        Matcher m = ADDRESS.matcher(line);
        int done = 0;
        while (at >= 0) {
            int from = Math.max(done, at - 80);
            m.region(from, Math.min(line.length(), at + 260));
            if (m.find() && m.start() <= at && m.end() > at) {
                String a = Addresses.normalise(stripTypePrefix(m.group()));
                if (a.indexOf('@') > 0 && !insideUrl(line, m.start(), m.end())) out.add(a);
                done = m.end();
            } else {
                done = at + 1;
            }
            at = line.indexOf('@', Math.max(done, at + 1));
        }
        return out;
    }

    /** Whether the match at {@code start} is part of a URL ("https://host/path?u=x@y"), not an address. */
    private static boolean insideUrl(String line, int start, int end) {
        int token = start;
        while (token > 0 && !Character.isWhitespace(line.charAt(token - 1)) && start - token < 200) token--;
        return line.substring(token, end).contains("://");
    }

    /** Drops an Exchange "SMTP=" type prefix and quoted-printable space leftovers glued to the local part. */
    private static String stripTypePrefix(String addr) {
        String a = addr;
        if (a.regionMatches(true, 0, "SMTP=", 0, 5)) a = a.substring(5);
        while (a.startsWith("=20") || a.startsWith("=09")) a = a.substring(3);
        return a;
    }

    /**
     * The bounce's own addresses: the report came to us about mail we sent, so its From, To, Sender,
     * Return-Path and delivery headers never name the failed recipient. The quoted original's sender is
     * not excluded: a message sent to oneself bounces to its own sender.
     */
    static Set<String> ownAddresses(ParsedMessage m) {
        Set<String> own = new HashSet<>();
        addOwn(own, m.headers());
        addAll(own, m.envelopeSender());
        return own;
    }

    private static final List<String> OWN_FIELDS = List.of("From", "To", "Cc", "Sender", "Reply-To", "Return-Path",
            "Errors-To", "Delivered-To", "X-Original-To", "Envelope-To");

    /** Adds a report header block's sender and receiver addresses to {@code own}. */
    static void addOwn(Set<String> own, Headers h) {
        for (String name : OWN_FIELDS) {
            for (String v : h.all(name)) addAll(own, v);
        }
    }

    private static void addAll(Set<String> set, String value) {
        if (value == null) return;
        for (String a : addresses(value)) set.add(a.toLowerCase(Locale.ROOT));
    }

    /** postmaster, mailer-daemon and similar report mailboxes. */
    static boolean isSystemAddress(String addr) {
        String local = Addresses.localPart(addr).toLowerCase(Locale.ROOT);
        return SYSTEM_LOCALS.contains(local) || local.startsWith("mailer-daemon") || local.startsWith("postmaster");
    }

    /** A plausible failed recipient: not ours, not a system mailbox. */
    static boolean acceptable(String addr, Set<String> own) {
        String lower = addr.toLowerCase(Locale.ROOT);
        return !own.contains(lower) && !isSystemAddress(lower);
    }

    private static final Pattern REPLY_CODE = Pattern.compile("\\b[45]\\d\\d\\b");

    /**
     * Builds the report, one entry per distinct recipient (case-insensitive) in order of first mention.
     * When an address is mentioned again, a later diagnostic carrying an SMTP reply code replaces an
     * earlier one without ("RCPT TO:&lt;x&gt;" then "550 5.1.1 &lt;x&gt;... User unknown").
     */
    static Optional<BounceReport> report(String format, ParsedMessage m, List<DeliveryStatus.Builder> found) {
        Map<String, DeliveryStatus.Builder> byAddr = new LinkedHashMap<>();
        for (DeliveryStatus.Builder b : found) {
            if (b.recipient().isEmpty()) continue;
            DeliveryStatus.Builder first = byAddr.putIfAbsent(b.recipient().toLowerCase(Locale.ROOT), b);
            if (first != null && !b.diagnostic().isEmpty() && (first.diagnostic().isEmpty()
                    || (!REPLY_CODE.matcher(first.diagnostic()).find() && REPLY_CODE.matcher(b.diagnostic()).find()))) {
                first.diagnostic(b.diagnostic());
            }
        }
        List<DeliveryStatus> out = new ArrayList<>(byAddr.size());
        for (DeliveryStatus.Builder b : byAddr.values()) out.add(b.build());
        return BounceText.wrap(format, reportingMta(m), out, OriginalMessage.NONE);
    }

    /** The reporting host: the domain of the report's From address, when it has one. */
    static String reportingMta(ParsedMessage m) {
        List<String> from = addresses(m.headers().get("From"));
        return from.isEmpty() ? "" : Addresses.domain(from.get(0));
    }

    /** A failed recipient's entry for {@code addr}, or null when it is empty or not {@link #acceptable}. */
    static DeliveryStatus.Builder failedRecipient(String addr, Set<String> own) {
        return addr.isEmpty() || !acceptable(addr, own) ? null : DeliveryStatus.builder().recipient(addr).action("failed");
    }

    /** One recipient's entry with its action and one-line diagnostic. */
    static DeliveryStatus.Builder entry(String recipient, String action, String diagnostic) {
        return DeliveryStatus.builder().recipient(recipient).action(action).diagnostic(oneLine(diagnostic));
    }

    /**
     * qmail-style recipient blocks after line {@code start}: a line {@code <user@example.org>:} followed by
     * its explanation lines up to a blank line or the next block.
     */
    static List<DeliveryStatus.Builder> angleBlocks(List<String> lines, int start, Set<String> own) {
        List<DeliveryStatus.Builder> found = new ArrayList<>();
        DeliveryStatus.Builder current = null;
        for (int i = Math.max(0, start); i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("<") && line.endsWith(">:")) {
                current = failedRecipient(Addresses.extract(line.substring(0, line.length() - 1)), own);
                if (current != null) found.add(current);
            } else if (isBlank(line)) {
                current = null;
            } else if (current != null) {
                current.appendDiagnostic(line);
            }
        }
        return found;
    }

    /** The report's X-Mailer (or User-Agent) value, lower-cased. */
    static String mailer(ParsedMessage m) {
        String x = m.headers().lower("X-Mailer");
        return x.isEmpty() ? m.headers().lower("User-Agent") : x;
    }
}
