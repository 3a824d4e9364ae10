package io.scatterguard.tools.logaudit;

import io.scatterguard.tools.logaudit.TrackedMessage.Origin;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows messages through Exim's main log ({@code mainlog}, or the same lines via syslog with
 * the program name {@code exim}/{@code exim4}), Exim 4.x. Lines used (spec chapter "Log files"):
 * <pre>
 * ID &lt;= sender H=name (helo) [addr]:port P=esmtp A=auth U=user R=REFID S=size id=...   arrival
 * ID =&gt; addr &lt;orig&gt; R=router T=transport H=host [addr] C="250 ..."                   delivery
 * ID -&gt; addr ...                                                                  same delivery, another address
 * ID ** addr &lt;orig&gt; R=router T=transport: reason                                    permanent failure
 * ID == addr R=router T=transport defer (-44): reason                              deferral
 * ID Completed                                                                     end of the message
 * H=... [addr] F=&lt;sender&gt; rejected RCPT &lt;addr&gt;: reason                                refusal in the session
 * </pre>
 * Exim's bounces, delay warnings and autoreply-transport replies all arrive as
 * {@code <= <> R=REFID P=local}: R= names the message they are about. Which one it is follows from
 * that message: a delivery to an autoreply transport ({@code => >addr}) or a router/transport
 * named like a vacation program → autoreply; a {@code **} failure → bounce; only {@code ==}
 * deferrals → delay warning. When REFID is not in the log, U= decides: the MTA's own user
 * (Debian-exim, exim, mailnull...) makes bounces, anyone else an autoreply. Null-sender mail
 * submitted locally without R= (a vacation program calling {@code exim -f '<>'}) is an autoreply.
 */
final class EximLog implements MtaLog {
    private static final Pattern ID = Pattern.compile("^([0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4}) ");
    private static final Set<String> SYSTEM_USERS = Set.of("debian-exim", "exim", "exim4", "mail", "mailnull");
    private static final Pattern STATUS = Pattern.compile("\\b([245]\\.\\d{1,3}\\.\\d{1,3})\\b");

    private final Networks networks;
    private final AuditSink sink;
    private final MessageTable table;

    EximLog(Networks networks, AuditSink sink, int capacity) {
        this.networks = networks;
        this.sink = sink;
        this.table = new MessageTable(capacity, this::finish);
    }

    @Override
    public Mta mta() {
        return Mta.EXIM;
    }

    @Override
    public boolean owns(LogLine line) {
        String p = line.program();
        return p.equals("exim") || p.equals("exim4");
    }

    @Override
    public void line(LogLine l, long lineNo) {
        table.tick(lineNo);
        String msg = l.message();
        Matcher id = ID.matcher(msg);
        if (!id.find()) {
            refusal(msg);
            return;
        }
        String qid = id.group(1);
        String key = l.host() + "/" + qid;
        String rest = msg.substring(id.end());
        if (rest.startsWith("<= ") || rest.startsWith("(= ")) {
            arrival(l, key, qid, rest.substring(3), lineNo);
        } else if (rest.startsWith("=> ") || rest.startsWith("-> ") || rest.startsWith(">> ")) {
            delivery(l, key, qid, rest.substring(3), lineNo);
        } else if (rest.startsWith("** ")) {
            failure(l, key, qid, rest.substring(3), lineNo, false);
        } else if (rest.startsWith("== ")) {
            failure(l, key, qid, rest.substring(3), lineNo, true);
        } else if (rest.equals("Completed") || rest.startsWith("Completed ")) {
            TrackedMessage m = table.get(key);
            if (m != null) {
                m.lastSeen = l.time();
                table.close(m, lineNo);
            }
        } else if (rest.contains(" rejected ")) {
            refusal(rest);
        }
    }

    private void arrival(LogLine l, String key, String qid, String rest, long lineNo) {
        TrackedMessage m = table.start(key, qid, l.time(), lineNo);
        int sp = rest.indexOf(' ');
        String sender = sp < 0 ? rest : rest.substring(0, sp);
        m.sender = sender.equals("<>") ? "" : sender;
        String host = value(rest, "H=");
        String user = value(rest, "U=");
        String ref = value(rest, "R=");
        if (host != null) {
            String ip = LogText.bracketIp(hostPart(rest));
            m.client = hostPart(rest);
            if (value(rest, "A=") != null) m.origin = Origin.AUTHENTICATED;
            else m.origin = networks.internal(ip) ? Origin.INTERNAL : Origin.OUTSIDE;
        } else {
            m.origin = Origin.LOCAL;
        }
        if (user != null) m.systemUser = SYSTEM_USERS.contains(user.toLowerCase(Locale.ROOT));
        if (ref != null) {
            m.reference = ref;
            // Held by reference: what the original turns out to be (bounced, autoreplied) is logged
            // after this line, and the original may be long finished when this one is.
            m.parent = table.find(l.host() + "/" + ref);
        }
    }

    private void delivery(LogLine l, String key, String qid, String rest, long lineNo) {
        TrackedMessage m = table.getOrStart(key, qid, l.time(), lineNo);
        m.lastSeen = l.time();
        String addr = firstToken(rest);
        String router = value(rest, "R=");
        String transport = value(rest, "T=");
        String hostField = value(rest, "H=");
        if (addr.startsWith(">") || LogText.autoresponder(router) || LogText.autoresponder(transport)) {
            m.autoresponder = true;
            sink.autoresponderDelivery(Mta.EXIM, "router " + router + (transport != null ? ", transport " + transport : ""));
        }
        if (hostField != null) {
            String ip = LogText.bracketIp(hostPart(rest));
            String confirmation = quoted(rest, "C=");
            if (networks.internal(ip) && confirmation != null) {
                TrackedMessage after = table.find(l.host() + "/" + LogText.queuedAs(confirmation));
                if (after != null && after != m) {
                    after.continues(m);
                    if (!m.ownDelivery) m.handedOff = true;
                    return;
                }
            }
        }
        Destination d;
        Outcome o = Outcome.SENT;
        if (addr.equals(":blackhole:")) {
            d = Destination.NONE;
            o = Outcome.DISCARDED;
        } else if (hostField != null && (transport == null || !transport.toLowerCase(Locale.ROOT).contains("lmtp"))) {
            d = Destination.REMOTE;
        } else {
            d = Destination.LOCAL;
        }
        m.delivered(unangle(addr), d, o, "");
    }

    private void failure(LogLine l, String key, String qid, String rest, long lineNo, boolean deferral) {
        TrackedMessage m = table.getOrStart(key, qid, l.time(), lineNo);
        m.lastSeen = l.time();
        String addr = unangle(firstToken(rest));
        String transport = value(rest, "T=");
        String router = value(rest, "R=");
        String hostField = value(rest, "H=");
        int colon = rest.indexOf(": ");
        String reason = colon < 0 ? "" : rest.substring(colon + 2);
        if (deferral) {
            int defer = reason.indexOf("defer (");
            if (defer >= 0 && reason.indexOf("): ", defer) > 0) reason = reason.substring(reason.indexOf("): ", defer) + 3);
        }
        Matcher st = STATUS.matcher(reason);
        String status = st.find() ? st.group(1) : "";
        boolean remote = reason.contains("SMTP error from remote") || reason.contains("said:");
        String agent = transport != null ? transport : router != null ? router : "routing";
        Failure f = new Failure(addr, status, reason, agent, remote);
        if (deferral) {
            m.lastDeferral = f;
        } else {
            m.addFailure(f);
            if (reason.contains("retry timeout exceeded")) m.expired = true;
        }
        Destination d = hostField != null || remote ? Destination.REMOTE
                : transport == null && router != null && router.toLowerCase(Locale.ROOT).contains("dnslookup") ? Destination.REMOTE
                : Destination.NONE;
        m.delivered(addr, d, deferral ? Outcome.DEFERRED : m.expired ? Outcome.EXPIRED : Outcome.BOUNCED, reason);
    }

    private void refusal(String msg) {
        int r = msg.indexOf(" rejected ");
        if (r < 0) return;
        String after = msg.substring(r + 10);
        String stage;
        if (after.startsWith("RCPT")) stage = "RCPT";
        else if (after.startsWith("MAIL")) stage = "MAIL";
        else if (after.startsWith("after DATA") || after.startsWith("DATA")) stage = "END-OF-DATA";
        else if (after.startsWith("EHLO") || after.startsWith("HELO")) stage = "HELO";
        else if (after.startsWith("connection")) stage = "CONNECT";
        else return;
        String lower = after.toLowerCase(Locale.ROOT);
        boolean unknown = stage.equals("RCPT") && (lower.contains("unknown user") || lower.contains("unrouteable address")
                || lower.contains("user unknown") || lower.contains("no such user") || lower.contains(" 5.1.1"));
        sink.refusal(new Refusal(Mta.EXIM, stage, unknown));
    }

    private void finish(TrackedMessage m) {
        if (m.handedOff || m.sender == null || !m.nullSender() || !m.ownDelivery) return;
        NotificationKind kind = m.kind;
        if (kind == null) {
            switch (m.origin) {
                case LOCAL -> kind = classifyLocalNullSender(m);
                case INTERNAL -> kind = NotificationKind.AUTOREPLY; // a vacation script sending over SMTP
                default -> {
                    return; // someone else's bounce
                }
            }
        }
        sink.notification(Notifications.of(Mta.EXIM, kind, m));
    }

    /** Bounce, delay warning or autoreply: judged by the message R= refers to, else by U=. */
    private NotificationKind classifyLocalNullSender(TrackedMessage m) {
        if (m.reference.isEmpty()) return NotificationKind.AUTOREPLY;
        TrackedMessage ref = m.parent != null ? m.parent : table.find(m.key.substring(0, m.key.lastIndexOf('/') + 1) + m.reference);
        NotificationKind kind;
        if (ref == null) {
            kind = m.systemUser ? NotificationKind.BOUNCE : NotificationKind.AUTOREPLY;
            m.parentQueueId = m.reference;
            return kind;
        }
        if (ref.autoresponder) kind = NotificationKind.AUTOREPLY;
        else if (!ref.failures.isEmpty()) kind = NotificationKind.BOUNCE;
        else if (ref.lastDeferral != null && m.systemUser) kind = NotificationKind.DELAY_WARNING;
        else kind = m.systemUser ? NotificationKind.BOUNCE : NotificationKind.AUTOREPLY;
        if (kind == NotificationKind.AUTOREPLY) {
            m.parentQueueId = ref.queueId; // the message answered; its origin says whether that came from outside
        } else {
            m.notificationAbout(kind, ref);
        }
        return kind;
    }

    @Override
    public void finish() {
        table.finishAll();
    }

    @Override
    public long evicted() {
        return table.evicted();
    }

    /** The value of a {@code X=} field (up to the next space), or null. */
    private static String value(String text, String key) {
        int p = text.indexOf(" " + key);
        if (p < 0) return null;
        int start = p + 1 + key.length();
        if (start < text.length() && text.charAt(start) == '"') return quoted(text, key);
        int end = text.indexOf(' ', start);
        String v = text.substring(start, end < 0 ? text.length() : end);
        if (v.endsWith(":")) v = v.substring(0, v.length() - 1);
        return v;
    }

    /** The value of {@code X="..."} (Exim escapes quotes inside with backslashes), or null. */
    private static String quoted(String text, String key) {
        int p = text.indexOf(" " + key + "\"");
        if (p < 0) return null;
        int start = p + key.length() + 2;
        StringBuilder sb = new StringBuilder();
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                sb.append(text.charAt(++i));
            } else if (c == '"') {
                break;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** H=name (helo) [addr]:port — everything from H= up to and including the first bracketed address. */
    private static String hostPart(String text) {
        int p = text.indexOf(" H=");
        if (p < 0) return "";
        int close = text.indexOf(']', p);
        if (close < 0) {
            int end = text.indexOf(' ', p + 3);
            return text.substring(p + 3, end < 0 ? text.length() : end);
        }
        return text.substring(p + 3, close + 1);
    }

    private static String firstToken(String text) {
        int sp = text.indexOf(' ');
        String t = sp < 0 ? text : text.substring(0, sp);
        return t.endsWith(":") ? t.substring(0, t.length() - 1) : t;
    }

    private static String unangle(String addr) {
        return LogText.unbracket(addr);
    }
}
