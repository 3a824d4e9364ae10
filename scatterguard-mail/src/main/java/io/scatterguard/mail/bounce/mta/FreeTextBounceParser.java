package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Last-resort reader for free-text bounces and delay warnings that no format-specific parser
 * recognised, in the spirit of GNU Mailman's SimpleMatch/SimpleWarning detectors.
 *
 * <p>It scans only the notification text (the body up to the quoted original) and accepts an
 * address as a failed recipient when either
 * <ul>
 *   <li>its own line states a failure ("unknown user", "could not be delivered to", "mailbox is full",
 *       "Undeliverable Address:", ... in English, German, French, Spanish, Portuguese, Italian, Dutch,
 *       Russian and Chinese), or the next line starts with one ("...addressed to 'x@y',\nfailed because"), or</li>
 *   <li>a failure or list phrase ("the following addresses had permanent fatal errors",
 *       "did not reach the following recipient(s)", "Failed addresses follow:") came before it and the line
 *       starts with the address (bare, in angle brackets, quoted, or after "*", "&gt;", "-").</li>
 * </ul>
 * It never returns the bounce's own From/To/Sender/Return-Path addresses, the quoted original's
 * sender, or postmaster/mailer-daemon mailboxes, and ignores lines that quote header fields or SMTP
 * MAIL FROM commands. When the text says delivery is still being tried (and nothing says it failed
 * permanently) the action is {@code delayed}, otherwise {@code failed}.
 */
public final class FreeTextBounceParser implements BounceParser {

    /** A line stating that delivery to an address on it failed. */
    private static final String[] FAILURE = {
        "unknown user", "user unknown", "unknown recipient", "recipient unknown", "no such user", "no such mailbox",
        "no such recipient", "no mailbox", "mailbox unavailable", "mailbox not found", "mailbox is full",
        "mailbox full", "over quota", "quota exceeded", "exceeds allowed size", "quota violation", "exceeding their quota",
        "over disk quota", "does not exist", "doesn't exist", "user not found", "not found", "invalid recipient",
        "invalid address", "invalid mailbox", "invalid final delivery", "unable to deliver", "could not be delivered",
        "cannot be delivered", "can't be delivered", "couldn't be delivered", "could not deliver", "was not delivered",
        "not delivered to", "delivery failed", "delivery to the following", "failed to deliver", "did not reach",
        "addressee unknown", "not listed", "account has been disabled", "account is disabled", "discontinued",
        "rejected", "refused", "permanent error", "fatal error", "unable to find user", "unrouteable",
        "no longer valid", "not valid", "relay denied", "relaying denied", "host unknown", "unknown host",
        "undeliverable", "not accepted", "unavailable", "could not be reached", "recipient failed", "failed:",
        "not be delivered", "has not yet been delivered", "has been delayed", "has been postponed", "delayed",
        "deferred", "no longer accepts mail", "looping", "smtp error", "wasn't able to deliver", "not able to deliver",
        "intended recipient", "bad recipient", "final-recipient:", "error delivering", "trouble delivering",
        "problem delivering", "undeliverable address", "delivery problems", "no such address",
        "unzustellbar", "nicht zugestellt", "konnte nicht", "unbekannt", "existiert nicht",
        "n'a pas pu", "inconnu", "introuvable", "n'existe pas", "non remis",
        "no pudo ser entregado", "desconocido", "no existe", "nao pode ser", "não pôde", "não pode ser",
        "non è stato", "non e' stato", "sconosciuto", "inesistente", "non recapitabile",
        "kon niet", "onbekend", "niet bezorgd",
        "не может быть доставлено", "не доставлено", "не существует", "не найден",
        "无法发送", "无法投递", "投递失败", "发送失败", "不存在",
        "nie może zostać dostarczon", "nie została dostarczona", "nie istnieje", "nieznany",
        "nelze doručit", "neexistuje", "kunde inte levereras", "okänd", "kunne ikke leveres", "ukendt", "ukjent",
        "ei voitu toimittaa", "tuntematon", "teslim edilemedi", "bilinmeyen", "nem kézbesíthető", "ismeretlen",
        "配信できません", "送信できません", "存在しません", "宛先不明", "届けることができません", "전달되지"
    };

    /** A line announcing that failed recipients are listed below it. */
    private static final String[] LIST_INTRO = {
        "following address", "following recipient", "following user", "following destination",
        "following e-mail address", "following email address", "addresses follow", "failed recipient",
        "did not receive a copy", "your message to:", "address(es)", "recipient(s)", "one or more recipients",
        "one or more of its recipients", "all of its recipients", "one or more destinations", "list of recipients", "to this address", "delivered to:", "delivered to the following",
        "folgende", "suivant", "siguiente", "seguinte", "seguenti", "volgende", "следующ", "以下"
    };

    /** Lines that quote the original or the SMTP dialogue, not the outcome. */
    private static final String[] IGNORED_LINE_STARTS = {
        "from:", "to:", "cc:", "bcc:", "subject:", "sender:", "reply-to:", "return-path:", "message-id:",
        "date:", "sent:", "mail from", "envelope-from", "x-", "references:", "in-reply-to:", "original-recipient:"
    };

    private static final String[] IGNORED_LINE_WORDS = {
        "mail from:", "please contact", "please reply", "contact the", "contact your", "if you have any questions",
        "message-id", "envelope-from", "sender address", "original sender", "for assistance", "reply to"
    };

    private static final String[] DELAY = {
        "has not yet been delivered", "not yet been delivered", "has been delayed", "delivery has been delayed",
        "will continue to try", "will continue to attempt", "delivery attempts will continue", "will be retried",
        "still being retried", "this is just a warning", "warning message only", "do not need to resend",
        "has been postponed", "is delayed", "will keep trying", "still trying", "will try again",
        "advisory-only", "temporarily deferred", "verzögert", "wird weiterhin versucht", "retardé", "différé",
        "retrasado", "ritardat", "action: delayed"
    };

    private static final String[] PERMANENT = {
        "failed permanently", "permanent error", "permanent fatal", "given up", "giving up", "will not be delivered",
        "was not delivered", "could not be delivered", "has been returned", "undeliverable", "delivery failed",
        "action: failed"
    };

    /** A list item written with a display name: {@code "Some Body" <user@example.org>} or {@code Some Body <user@x>:}. */
    private static final Pattern NAMED = Pattern.compile(
            "[ \\t*>-]{0,12}+\"?[^\"<>@\\r\\n]{1,60}+\"?[ \\t]*+<[^<>@\\s]{1,64}+@[^<>\\s]{1,255}+>[ \\t:;,.]*+");

    /** Type prefixes some MTAs write before a listed address ("SMTP=x@y;", "rfc822;x@y"). */
    private static final String[] ADDRESS_PREFIXES = {"smtp=", "smtp:", "rfc822;", "mailto:"};

    /** "Recipient address: x@y", "Original address: x@y", "Failed Recipient: x@y" and the like. */
    private static final Pattern LABELLED = Pattern.compile(
            "\\s{0,12}+(?:[A-Za-z][A-Za-z -]{0,30}?)?(?i:recipient|address|error-for|mailbox)[A-Za-z -]{0,12}+:\\s*+(?:rfc822;\\s*+)?<?[^\\s@<>]++@");

    @Override
    public String name() {
        return "FreeText";
    }

    @Override
    public boolean appliesTo(ParsedMessage message) {
        return NotificationText.looksLikeBounce(message);
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage message) {
        String text = NotificationText.notification(message);
        Set<String> own = NotificationText.ownAddresses(message);
        if (text.indexOf('@') < 0 && !message.headers().has("X-Failed-Recipients")) {
            text = NotificationText.forwardedReport(message);
            if (text.indexOf('@') < 0) return Optional.empty();
            NotificationText.addOwn(own, NotificationText.forwardedReportHeaders(message));
        }
        Scan scan = new Scan(BounceText.lineList(text), own,
                isDelay(message, text) ? "delayed" : "failed", NotificationText.daemonReport(message));
        scan.run();
        if (scan.found.isEmpty()) failedRecipientsHeader(message, scan);
        return NotificationText.report(name(), message, scan.found);
    }

    /** Exim's {@code X-Failed-Recipients} header, when the text named nobody we could tie to a failure. */
    private static void failedRecipientsHeader(ParsedMessage message, Scan scan) {
        for (String value : message.headers().all("X-Failed-Recipients")) {
            for (String addr : NotificationText.addresses(value)) {
                if (NotificationText.acceptable(addr, scan.own)) scan.found.add(NotificationText.entry(addr, scan.action, ""));
            }
        }
    }

    /** One pass over the notification lines, remembering whether failures have been announced yet. */
    private static final class Scan {
        private final List<String> lines;
        private final Set<String> own;
        private final String action;
        private final boolean machineSent;
        private final List<DeliveryStatus.Builder> found = new ArrayList<>();
        private boolean context;

        Scan(List<String> lines, Set<String> own, String action, boolean machineSent) {
            this.lines = lines;
            this.own = own;
            this.action = action;
            this.machineSent = machineSent;
        }

        void run() {
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                boolean hasAt = line.indexOf('@') >= 0;
                if (!hasAt && context) continue;
                String lower = line.toLowerCase(Locale.ROOT);
                boolean failure = BounceText.containsAny(lower, FAILURE);
                if (hasAt && !ignored(lower)) collect(i, lower, failure);
                if (!context) context = failure || announces(lower, next(i));
            }
        }

        private String next(int i) {
            return i + 1 < lines.size() ? lines.get(i + 1) : "";
        }

        /** Adds the line's addresses when the line, its neighbour or the announced context ties them to a failure. */
        private void collect(int i, String lower, boolean failure) {
            String line = lines.get(i);
            String next = next(i);
            boolean listed = (startsWithAddress(line)
                    || (context && (LABELLED.matcher(line).lookingAt() || NAMED.matcher(line).matches())))
                    && (context || BounceText.containsAny(next.toLowerCase(Locale.ROOT), FAILURE)
                        || (machineSent && isBareAddress(line)));
            boolean nextFails = startsWithFailure(next) || (lower.contains("rcpt to") && answersWithFailure(next));
            boolean addressedTo = context && lower.contains("addressed to");
            if (!failure && !listed && !nextFails && !addressedTo) return;
            boolean softBroken = i > 0 && lines.get(i - 1).endsWith("=");
            List<String> addrs = new ArrayList<>(NotificationText.addresses(line));
            addrs.removeIf(a -> !NotificationText.acceptable(a, own));
            // "<final@x> (expanded from <alias@y>)": one recipient, known by its final address.
            if (addrs.size() > 1 && lower.contains("expanded from")) addrs = addrs.subList(0, 1);
            // On a failure line, addresses in angle brackets are the protocol's; bare ones are prose.
            if (addrs.size() > 1 && failure) addrs = preferBracketed(addrs, lower);
            for (String addr : addrs) {
                // The tail of an address cut by an undecoded quoted-printable soft line break ("...=\ni@x").
                if (softBroken && line.regionMatches(true, 0, addr, 0, addr.length())) continue;
                String diag = listed && !failure ? followingText(lines, i) : withContinuation(lines, i);
                found.add(NotificationText.entry(addr, action, diag));
            }
        }
    }

    private static List<String> preferBracketed(List<String> addrs, String lower) {
        List<String> bracketed = new ArrayList<>(addrs.size());
        for (String a : addrs) {
            if (lower.contains("<" + a.toLowerCase(Locale.ROOT) + ">")) bracketed.add(a);
        }
        return bracketed.isEmpty() ? addrs : bracketed;
    }

    /** Whether this line (joined with the next, for phrases wrapped across lines) announces failures. */
    private static boolean announces(String lower, String next) {
        if (BounceText.containsAny(lower, LIST_INTRO)) return true;
        String joined = lower.stripTrailing() + " " + next.strip().toLowerCase(Locale.ROOT);
        return BounceText.containsAny(joined, FAILURE) || BounceText.containsAny(joined, LIST_INTRO);
    }

    private static boolean ignored(String lower) {
        String t = lower.strip();
        while (!t.isEmpty() && (t.charAt(0) == '>' || t.charAt(0) == '|')) t = t.substring(1).strip();
        return BounceText.startsWithAny(t, IGNORED_LINE_STARTS) || BounceText.containsAny(lower, IGNORED_LINE_WORDS);
    }

    /**
     * A line holding nothing but one address ("user@example.org", "&lt;user@example.org&gt;:"): in a report
     * from a mailer daemon or postmaster with a bounce subject this lists a failed recipient even in a
     * language we do not read.
     */
    private static boolean isBareAddress(String line) {
        String t = line.strip();
        if (t.endsWith(":")) t = t.substring(0, t.length() - 1).strip();
        if (t.startsWith("<") && t.endsWith(">")) t = t.substring(1, t.length() - 1);
        return NotificationText.ADDRESS.matcher(t).matches();
    }

    /** The line begins with an address, possibly after list bullets, quotes or angle brackets. */
    static boolean startsWithAddress(String line) {
        int i = 0;
        while (i < line.length() && " \t*>-•\"'<(.".indexOf(line.charAt(i)) >= 0) i++;
        if (i >= line.length()) return false;
        for (String prefix : ADDRESS_PREFIXES) {
            if (line.regionMatches(true, i, prefix, 0, prefix.length())) {
                i += prefix.length();
                while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '<')) i++;
                break;
            }
        }
        java.util.regex.Matcher m = NotificationText.ADDRESS.matcher(line);
        m.region(i, line.length());
        return m.lookingAt() && endsAddressItem(line.substring(m.end()));
    }

    /**
     * What may follow the address on a list line: nothing, punctuation (":", "&gt;", "...", "(", ","),
     * " on &lt;date&gt;", or a reason set off by two or more spaces/tab. A single space and a word
     * ("x@y fails, try...") is prose, not a list item.
     */
    private static boolean endsAddressItem(String rest) {
        if (BounceText.isBlank(rest)) return true;
        char c = rest.charAt(0);
        if (":>\"',;.(=[".indexOf(c) >= 0) return true;
        if (c == '\t') return true;
        if (rest.startsWith("  ") || rest.startsWith(" on ") || rest.startsWith(" (") || rest.startsWith(" ...")
                || rest.startsWith(" <")) return true;
        return rest.startsWith(" - ") || rest.startsWith(" : ");
    }

    /** The server's answer to a quoted RCPT command: a 4xx/5xx reply or a failure phrase. */
    private static boolean answersWithFailure(String next) {
        String t = next.strip().toLowerCase(Locale.ROOT);
        int digit = 0;
        while (digit < t.length() && !Character.isDigit(t.charAt(digit)) && digit < 14) digit++;
        boolean code = digit + 3 <= t.length() && (t.charAt(digit) == '4' || t.charAt(digit) == '5')
                && Character.isDigit(t.charAt(digit + 1)) && Character.isDigit(t.charAt(digit + 2));
        return code || BounceText.containsAny(t, FAILURE);
    }

    private static boolean startsWithFailure(String next) {
        String t = next.strip().toLowerCase(Locale.ROOT);
        return t.startsWith("failed") || t.startsWith("could not") || t.startsWith("was not")
                || t.startsWith("has not") || t.startsWith("cannot") || t.startsWith("is not a valid")
                || t.startsWith("does not exist") || t.startsWith("is unknown");
    }

    /**
     * The failure line itself; when it only introduces the answer (ends with ":", "for", or quotes an
     * SMTP command) the explanation lines under it are added.
     */
    private static String withContinuation(List<String> lines, int i) {
        String line = lines.get(i).strip();
        String lower = line.toLowerCase(Locale.ROOT);
        if (!(line.endsWith(":") || lower.endsWith(" for") || lower.contains("rcpt to"))) return line;
        StringBuilder sb = new StringBuilder(line);
        for (int j = i + 1; j < lines.size() && j <= i + 3; j++) {
            String l = lines.get(j);
            if (BounceText.isBlank(l) && j == i + 1) continue;
            if (BounceText.isBlank(l) || startsWithAddress(l) || l.regionMatches(true, 0, "Content-Type:", 0, 13)) break;
            sb.append(' ').append(l.strip());
        }
        return sb.toString();
    }

    /** The rest of the address line and the explanation lines under it, up to a blank or the next address. */
    private static String followingText(List<String> lines, int i) {
        StringBuilder sb = new StringBuilder();
        String first = lines.get(i);
        java.util.regex.Matcher m = NotificationText.ADDRESS.matcher(first);
        if (m.find()) sb.append(first.substring(m.end()).replaceAll("^[>:\"'\\s,]+", ""));
        for (int j = i + 1; j < lines.size() && j <= i + 4; j++) {
            String l = lines.get(j);
            if (BounceText.isBlank(l) || startsWithAddress(l)) break;
            if (l.toLowerCase(Locale.ROOT).startsWith("content-type:")) break;
            sb.append(' ').append(l.strip());
        }
        if (sb.toString().isBlank() && i > 0) {
            String previous = lines.get(i - 1);
            if (!BounceText.isBlank(previous) && previous.indexOf('@') < 0) return previous;
        }
        return sb.toString();
    }

    private static boolean isDelay(ParsedMessage message, String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        String subject = message.subjectLower();
        boolean warned = BounceText.containsAny(lower, DELAY) || subject.contains("delayed")
                || subject.contains("warning") || subject.contains("still being retried") || subject.contains("(delay)");
        if (!warned) return false;
        return !BounceText.containsAny(lower, PERMANENT) || BounceText.containsAny(lower, new String[] {
            "this is just a warning", "warning message only", "do not need to resend", "advisory-only",
            "delivery attempts will continue"});
    }
}
