package io.scatterguard.tools.logaudit;

import io.scatterguard.tools.logaudit.TrackedMessage.Origin;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows messages through a Postfix log (2.x to 3.9; syslog or {@code maillog_file}). The lines
 * it uses, as Postfix writes them (source file in brackets):
 * <pre>
 * postfix/smtpd:   QID: client=host[addr][, sasl_method=..., sasl_username=...][, orig_client=host[addr]]  (smtpd.c)
 * postfix/pickup:  QID: uid=1000 from=&lt;alice&gt;                                           (pickup.c)
 * postfix/qmgr:    QID: from=&lt;a@b&gt;, size=442, nrcpt=1 (queue active)                   (qmgr_active.c)
 *                  QID: from=&lt;a@b&gt;, status=expired, returned to sender                 (qmgr_active.c)
 *                  QID: removed                                                        (qmgr_active.c)
 * postfix/smtp, lmtp, local, virtual, pipe, error, retry, discard:
 *                  QID: to=&lt;x&gt;, [orig_to=&lt;y&gt;,] relay=R, ..., dsn=5.1.1, status=bounced (text)  (log_adhoc.c)
 * postfix/bounce:  QID: sender non-delivery notification: NEWQID                       (bounce_notify_service.c)
 *                  QID: postmaster non-delivery notification: NEWQID
 *                  QID: sender delay notification: NEWQID                              (bounce_warn_service.c)
 *                  QID: sender delivery status notification: NEWQID                    (bounce_trace_service.c)
 * postfix/smtpd, postscreen, cleanup:
 *                  NOQUEUE: reject: RCPT from host[addr]: 550 5.1.1 ...; from=&lt;&gt; to=&lt;&gt; ...   (smtpd_check.c)
 *                  QID: milter-reject: END-OF-MESSAGE from host[addr]: 5.7.1 ...
 * </pre>
 * A bounce is linked to its original by the "notification" line; the original's client says
 * whether it came from outside (accept-then-bounce). A message handed to a content filter that
 * re-queued it ({@code status=sent (250 2.0.0 Ok: queued as NEWQID)} on an internal address)
 * continues as NEWQID. Queue ids are reused: a message ends at {@code removed}.
 */
final class PostfixLog implements MtaLog {
    private static final Set<String> DELIVERY_AGENTS =
            Set.of("smtp", "lmtp", "local", "virtual", "pipe", "error", "retry", "discard");
    private static final Set<String> DAEMONS = Set.of("smtpd", "postscreen", "cleanup", "pickup", "qmgr", "nqmgr",
            "bounce", "postsuper", "smtp", "lmtp", "local", "virtual", "pipe", "error", "retry", "discard");
    private static final Pattern NOTIFICATION = Pattern.compile(
            "^(sender|postmaster) (non-delivery|delay|delivery status) notification: ([0-9A-Za-z]+)$");
    private static final Pattern REJECT = Pattern.compile(
            "^(?:milter-)?reject: (CONNECT|EHLO|HELO|MAIL|RCPT|DATA|END-OF-MESSAGE|BDAT|VRFY|ETRN|header|body|"
                    + "[A-Z-]+) ");

    private final Networks networks;
    private final AuditSink sink;
    private final MessageTable table;

    PostfixLog(Networks networks, AuditSink sink, int capacity) {
        this.networks = networks;
        this.sink = sink;
        this.table = new MessageTable(capacity, this::finish);
    }

    @Override
    public Mta mta() {
        return Mta.POSTFIX;
    }

    @Override
    public boolean owns(LogLine line) {
        String p = line.program();
        int slash = p.indexOf('/');
        // postfix/smtpd, postfix-out/smtp (multi-instance), postfix/submission/smtpd (syslog_name per service)
        return slash > 0 && (p.regionMatches(true, 0, "postfix", 0, 7) || DAEMONS.contains(line.daemon()));
    }

    @Override
    public void line(LogLine l, long lineNo) {
        table.tick(lineNo);
        String msg = l.message();
        String daemon = l.daemon();
        int colon = msg.indexOf(": ");
        if (colon <= 0) return;
        String qid = msg.substring(0, colon);
        String rest = msg.substring(colon + 2);
        if (qid.equals("NOQUEUE")) {
            refusal(rest);
            return;
        }
        if (!LogText.queueIdLike(qid)) return;
        String key = l.host() + "/" + qid;
        switch (daemon) {
            case "smtpd" -> smtpd(l, key, qid, rest, lineNo);
            case "pickup" -> {
                if (rest.startsWith("uid=")) {
                    TrackedMessage m = table.start(key, qid, l.time(), lineNo);
                    m.origin = Origin.LOCAL;
                    String from = LogText.unbracket(afterSpace(rest, "from="));
                    if (from != null) m.sender = from;
                }
            }
            case "qmgr", "nqmgr" -> qmgr(l, key, qid, rest, lineNo);
            case "bounce" -> bounce(l, key, qid, rest, lineNo);
            case "cleanup" -> {
                if (rest.startsWith("reject: ") || rest.startsWith("milter-reject: ")) {
                    if (rest.contains(" proto=SMTP") || rest.contains(" proto=ESMTP")) refusal(rest);
                }
            }
            case "postsuper" -> {
                TrackedMessage m = table.get(key);
                if (m != null && rest.startsWith("removed")) table.close(m, lineNo);
            }
            default -> {
                if (DELIVERY_AGENTS.contains(daemon) && rest.startsWith("to=<")) delivery(l, key, qid, daemon, rest, lineNo);
            }
        }
    }

    private void smtpd(LogLine l, String key, String qid, String rest, long lineNo) {
        if (rest.startsWith("client=")) {
            TrackedMessage m = table.start(key, qid, l.time(), lineNo);
            String client = LogText.field(rest, "client", 0);
            String orig = LogText.field(rest, "orig_client", 0); // XFORWARD from a before-queue proxy
            if (orig != null && !orig.startsWith("unknown[unknown]")) client = orig;
            m.client = client;
            if (rest.contains("sasl_username=")) m.origin = Origin.AUTHENTICATED;
            else m.origin = networks.internal(LogText.bracketIp(client)) ? Origin.INTERNAL : Origin.OUTSIDE;
        } else if (rest.startsWith("reject: ") || rest.startsWith("milter-reject: ")) {
            refusal(rest);
        }
    }

    private void qmgr(LogLine l, String key, String qid, String rest, long lineNo) {
        if (rest.equals("removed")) {
            TrackedMessage m = table.get(key);
            if (m != null) {
                m.lastSeen = l.time();
                table.close(m, lineNo);
            }
            return;
        }
        if (!rest.startsWith("from=<")) return;
        TrackedMessage m = table.getOrStart(key, qid, l.time(), lineNo);
        m.lastSeen = l.time();
        int end = rest.indexOf('>');
        if (end > 0) m.sender = rest.substring(6, end);
        if (rest.contains("status=expired")) m.expired = true;
    }

    private void bounce(LogLine l, String key, String qid, String rest, long lineNo) {
        Matcher n = NOTIFICATION.matcher(rest);
        if (!n.matches()) return;
        TrackedMessage original = table.find(key);
        String newKey = l.host() + "/" + n.group(3);
        TrackedMessage notice = table.find(newKey);
        if (notice == null) notice = table.start(newKey, n.group(3), l.time(), lineNo);
        NotificationKind kind = switch (n.group(2)) {
            case "delay" -> NotificationKind.DELAY_WARNING;
            case "delivery status" -> NotificationKind.DELIVERY_RECEIPT;
            default -> NotificationKind.BOUNCE;
        };
        if (n.group(1).equals("postmaster")) {
            // A postmaster notice about a bounce that failed is a double bounce; one about ordinary
            // mail is the postmaster's copy (notify_classes = bounce, delay), not a notice to anyone else.
            // Without the original in the log the two cannot be told apart; neither is then counted.
            if (original == null || !original.nullSender() && original.kind == null) {
                notice.postmasterCopy = true;
                return;
            }
            kind = NotificationKind.DOUBLE_BOUNCE;
        }
        notice.notificationAbout(kind, original);
        if (original != null && original.expired) notice.causes = expiredCauses(original);
    }

    private static java.util.List<Failure> expiredCauses(TrackedMessage original) {
        Failure last = original.lastDeferral;
        if (last == null) return original.failures;
        java.util.List<Failure> c = new java.util.ArrayList<>(original.failures);
        c.add(new Failure(last.recipient(), last.status(), "expired in the queue; last error: " + last.text(), last.agent(),
                last.remote()));
        return c;
    }

    private void delivery(LogLine l, String key, String qid, String daemon, String rest, long lineNo) {
        TrackedMessage m = table.getOrStart(key, qid, l.time(), lineNo);
        m.lastSeen = l.time();
        int close = rest.indexOf('>');
        String to = close > 4 ? rest.substring(4, close) : "";
        String relay = LogText.field(rest, "relay", 0);
        String dsn = LogText.field(rest, "dsn", 0);
        int st = LogText.find(rest, "status=", 0);
        if (st < 0) return;
        int sp = rest.indexOf(' ', st);
        String status = rest.substring(st + 7, sp < 0 ? rest.length() : sp);
        String text = sp < 0 ? "" : rest.substring(sp + 1).strip();
        if (text.startsWith("(") && text.endsWith(")")) text = text.substring(1, text.length() - 1);
        if (status.equals("deliverable") || status.equals("undeliverable")) {
            m.addressProbe = true; // address verification probe (verify(8)): never delivered, no notice
            return;
        }
        Outcome outcome = switch (status) {
            case "sent" -> daemon.equals("discard") ? Outcome.DISCARDED : Outcome.SENT;
            case "bounced" -> Outcome.BOUNCED;
            case "deferred" -> Outcome.DEFERRED;
            case "expired" -> Outcome.EXPIRED;
            default -> Outcome.UNKNOWN;
        };
        boolean remoteSaid = daemon.equals("smtp") || daemon.equals("lmtp") ? text.contains(" said: ") : false;
        Failure f = new Failure(to, dsn == null ? "" : dsn, text, daemon, remoteSaid);
        if (outcome == Outcome.BOUNCED) m.addFailure(f);
        else if (outcome == Outcome.DEFERRED) m.lastDeferral = f;

        boolean viaAutoresponder = daemon.equals("pipe") && LogText.autoresponder(relay)
                || daemon.equals("local") && text.startsWith("delivered to command") && LogText.autoresponder(text);
        if (viaAutoresponder && outcome == Outcome.SENT) {
            m.autoresponder = true;
            sink.autoresponderDelivery(Mta.POSTFIX, daemon.equals("pipe") ? "pipe to " + relay : text);
        }

        if ((daemon.equals("smtp") || daemon.equals("lmtp")) && outcome == Outcome.SENT && relay != null
                && networks.internal(LogText.bracketIp(relay))) {
            String next = LogText.queuedAs(text);
            TrackedMessage after = next.isEmpty() ? null : table.find(l.host() + "/" + next);
            if (after != null && after != m) { // re-queued by a content filter: the story goes on there
                after.continues(m);
                if (!m.ownDelivery) m.handedOff = true;
                return;
            }
        }
        Destination d = switch (daemon) {
            case "smtp" -> Destination.REMOTE;
            case "lmtp", "local", "virtual", "pipe" -> Destination.LOCAL;
            default -> Destination.NONE;
        };
        m.delivered(to, d, outcome, text);
    }

    private void refusal(String rest) {
        Matcher r = REJECT.matcher(rest);
        if (!r.find()) return;
        String stage = r.group(1).toUpperCase(Locale.ROOT);
        if (stage.equals("END-OF-MESSAGE") || stage.equals("HEADER") || stage.equals("BODY")) stage = "END-OF-DATA";
        String lower = rest.toLowerCase(Locale.ROOT);
        boolean unknownUser = stage.equals("RCPT") && (lower.contains(" 5.1.1 ") || lower.contains("user unknown")
                || lower.contains("unknown user") || lower.contains("does not exist") || lower.contains("no such user"));
        sink.refusal(new Refusal(Mta.POSTFIX, stage, unknownUser));
    }

    /** What the log says this message was, once it is finished; reports notifications only. */
    private void finish(TrackedMessage m) {
        if (m.handedOff || m.addressProbe || m.postmasterCopy) return;
        NotificationKind kind = m.kind;
        if (kind == null) {
            if (!m.nullSender() || !m.ownDelivery) return;
            kind = switch (m.origin) {
                // Null-sender mail made on this host and not by the bounce daemon: an autoreply.
                case LOCAL, INTERNAL -> NotificationKind.AUTOREPLY;
                // Made by Postfix itself, but the line naming the original is not in the log.
                case UNKNOWN -> NotificationKind.BOUNCE;
                // Someone else's bounce passing through.
                default -> null;
            };
            if (kind == null) return;
        }
        sink.notification(Notifications.of(Mta.POSTFIX, kind, m));
    }

    @Override
    public void finish() {
        table.finishAll();
    }

    @Override
    public long evicted() {
        return table.evicted();
    }

    /** The token after {@code key} up to the next space. */
    private static String afterSpace(String text, String key) {
        int p = LogText.find(text, key, 0);
        if (p < 0) return null;
        int start = p + key.length();
        int end = text.indexOf(' ', start);
        return text.substring(start, end < 0 ? text.length() : end);
    }
}
