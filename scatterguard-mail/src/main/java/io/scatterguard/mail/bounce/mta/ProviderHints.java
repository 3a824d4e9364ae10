package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.model.Headers;
import io.scatterguard.mail.parse.ParsedMessage;
import java.lang.ref.WeakReference;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The header facts the provider parsers' {@code appliesTo} tests look at (sender, subject, mailer,
 * Message-ID, which X- fields are present, what the Received lines mention), gathered in one pass over
 * the header block. The analyzer asks every parser about the same message in turn, so the facts of the
 * message last seen on the current thread are kept (weakly) and reused: thirty parsers cost one pass.
 */
final class ProviderHints {
    private static final ThreadLocal<ProviderHints> LAST = new ThreadLocal<>();

    private final WeakReference<ParsedMessage> message;
    private final Set<String> names = new HashSet<>();
    /** Lower-cased first values. */
    final String from;
    final String subject;
    final String xMailer;
    final String returnPath;
    final String messageId;
    final String replyTo;
    final String naiHeader;
    /** The subject as written (decoded, not lower-cased). */
    final String subjectAsWritten;
    /** A Received line names an EZweb host ("ezweb.ne.jp ("). */
    final boolean receivedByEzweb;
    /** A Received line names an au host (".au.com ("). */
    final boolean receivedByAuCom;
    /** A Received line shows EZweb's own mail service ("ezweb.ne.jp (EZweb Mail) with"). */
    final boolean receivedByEzwebMail;

    private ProviderHints(ParsedMessage m) {
        message = new WeakReference<>(m);
        String f = "", s = "", x = "", rp = "", id = "", rt = "", nai = "";
        boolean ezwebHost = false, au = false, ezweb = false;
        for (Headers.Field field : m.headers().fields()) {
            String name = field.name().toLowerCase(Locale.ROOT);
            boolean first = names.add(name);
            String v = field.value();
            switch (name) {
                case "from" -> { if (first) f = v; }
                case "subject" -> { if (first) s = v; }
                case "x-mailer" -> { if (first) x = v; }
                case "return-path" -> { if (first) rp = v; }
                case "message-id" -> { if (first) id = v; }
                case "reply-to" -> { if (first) rt = v; }
                case "x-nai-header" -> { if (first) nai = v; }
                case "received" -> {
                    if (v.contains("ezweb.ne.jp (")) ezwebHost = true;
                    if (v.contains(".au.com (")) au = true;
                    if (v.contains("ezweb.ne.jp (EZweb Mail) with")) ezweb = true;
                }
                default -> { }
            }
        }
        from = f.toLowerCase(Locale.ROOT);
        subjectAsWritten = s;
        subject = s.toLowerCase(Locale.ROOT);
        xMailer = x.toLowerCase(Locale.ROOT);
        returnPath = rp.toLowerCase(Locale.ROOT);
        messageId = id.toLowerCase(Locale.ROOT);
        replyTo = rt.toLowerCase(Locale.ROOT);
        naiHeader = nai.toLowerCase(Locale.ROOT);
        receivedByEzweb = ezwebHost;
        receivedByAuCom = au;
        receivedByEzwebMail = ezweb;
    }

    /** The facts of {@code m}, computed once per message and thread. */
    static ProviderHints of(ParsedMessage m) {
        ProviderHints h = LAST.get();
        if (h != null && h.message.get() == m) return h;
        h = new ProviderHints(m);
        LAST.set(h);
        return h;
    }

    /** Whether a header field of this name is present (name in lower case). */
    boolean has(String lowerName) {
        return names.contains(lowerName);
    }
}
