package io.scatterguard.mail.classify;

import io.scatterguard.mail.model.Addresses;
import io.scatterguard.mail.model.Headers;
import io.scatterguard.mail.parse.ParsedMessage;
import io.scatterguard.mail.parse.Part;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The facts about one message that the classification rules look at, computed once: lower-cased
 * header values, the sender's local part, whether the outer message is a report, the start of the
 * human-readable text. Rules only read these fields, which keeps each rule a cheap predicate.
 */
public final class Signals {
    final ParsedMessage message;
    final Headers headers;
    final String subject;
    /** The subject without reply/forward prefixes such as "Re:", "AW:", "Fwd:". */
    final String subjectCore;
    final boolean subjectIsForwardOrReply;
    final String from;
    final String fromLocal;
    final String fromDisplay;
    final String envelopeSender; // null when unknown, "" for the null sender
    final String mimeType;
    final String reportType;
    final String autoSubmitted;
    final String precedence;
    /** Lower-cased text of the outer message's own parts (not quoted originals), first 8 KB. */
    final String leadText;
    private final String[] leadHits;
    /** Facts several rules ask for, computed once: the mailer-daemon sender and the bounce words in the subject. */
    final String daemonSender;
    final String dsnSubject;

    private static final int LEAD_TEXT_CHARS = 8 * 1024;
    /** Reply and forward prefixes in the languages mail clients write them in. */
    private static final Pattern REPLY_PREFIX = Pattern.compile(
            "(re|aw|sv|vs|antw|odp|ref|fw|fwd|wg|tr|rif|r|i|enc|doorst|vl|vb)\\s*(\\[\\d+\\])?\\s*:\\s*");
    /** A mailing list's subject tag such as "[ILUG] ". */
    private static final Pattern LIST_TAG = Pattern.compile("\\[[^\\]]{1,40}\\]\\s*");

    public Signals(ParsedMessage message) {
        this.message = message;
        this.headers = message.headers();
        this.subject = headers.lower("Subject").strip();
        String core = subject;
        boolean fwd = false;
        while (true) {
            Matcher tag = LIST_TAG.matcher(core);
            if (tag.lookingAt()) {
                core = core.substring(tag.end());
                continue;
            }
            Matcher re = REPLY_PREFIX.matcher(core);
            if (!re.lookingAt()) break;
            fwd = true;
            core = core.substring(re.end());
        }
        this.subjectCore = core;
        this.subjectIsForwardOrReply = fwd;
        String fromRaw = headers.get("From");
        this.from = Addresses.extract(fromRaw).toLowerCase(Locale.ROOT);
        this.fromLocal = Addresses.localPart(from);
        int lt = fromRaw.indexOf('<');
        this.fromDisplay = (lt > 0 ? fromRaw.substring(0, lt) : fromRaw.contains("(") ? fromRaw.substring(fromRaw.indexOf('(')) : "")
                .toLowerCase(Locale.ROOT).replace("\"", "").strip();
        this.envelopeSender = message.envelopeSender();
        this.mimeType = message.mimeType();
        this.reportType = message.contentTypeParam("report-type");
        this.autoSubmitted = headers.lower("Auto-Submitted").strip();
        this.precedence = headers.lower("Precedence").strip();
        this.leadText = leadText(message);
        this.leadHits = ClassificationRules.LEAD_TEXT_PHRASES.scan(leadText);
        this.daemonSender = ClassificationRules.daemonSender(this);
        this.dsnSubject = ClassificationRules.dsnSubject(this);
    }

    /** The first phrase of list {@code group} of {@link ClassificationRules#LEAD_TEXT_PHRASES} in the lead text, or null. */
    String leadHit(int group) {
        return leadHits[group];
    }

    private static String leadText(ParsedMessage m) {
        int size = 0;
        for (Part p : m.parts()) if (p.messageDepth() == 0 && p.isText() && p.text() != null) size += p.text().length() + 1;
        StringBuilder sb = new StringBuilder(Math.min(size, LEAD_TEXT_CHARS + 1));
        for (Part p : m.parts()) {
            if (p.messageDepth() > 0 || !p.isText()) continue;
            if (!p.mimeType().startsWith("text/") && !p.mimeType().equals("message/delivery-status")) continue;
            sb.append(p.text(), 0, Math.min(p.text().length(), LEAD_TEXT_CHARS - sb.length())).append('\n');
            if (sb.length() >= LEAD_TEXT_CHARS) break;
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    public boolean nullSender() {
        return envelopeSender != null && envelopeSender.isEmpty();
    }

    public String header(String name) {
        return headers.lower(name);
    }
}
