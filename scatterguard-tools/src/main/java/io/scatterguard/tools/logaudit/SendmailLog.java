package io.scatterguard.tools.logaudit;

import io.scatterguard.tools.logaudit.TrackedMessage.Origin;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows messages through Sendmail's syslog lines (8.12 and later; programs {@code sendmail},
 * {@code sm-mta}, {@code sm-msp-queue}). Lines used (sendmail/deliver.c, savemail.c, srvrsmtp.c):
 * <pre>
 * QID: from=&lt;a@b&gt;, size=N, class=0, nrcpts=1, msgid=&lt;...&gt;, proto=ESMTP, daemon=MTA, relay=host [addr]
 * QID: to=&lt;x&gt;,&lt;y&gt;, [ctladdr=...,] delay=..., mailer=esmtp, pri=..., relay=host. [addr], dsn=5.1.1, stat=User unknown
 * QID: NEWQID: DSN: User unknown                 (the bounce NEWQID for QID; "Warning: could not send..." = delay warning)
 * QID: NEWQID: return to sender: User unknown    (the same, older wording)
 * QID: NEWQID: postmaster notify: User unknown   (a notice to the postmaster; about a bounce = double bounce)
 * QID: ruleset=check_rcpt, arg1=&lt;x&gt;, relay=..., reject=550 5.1.1 &lt;x&gt;... User unknown
 * QID: &lt;x@y&gt;... User unknown                    (refused at RCPT)
 * </pre>
 * Sendmail logs no end-of-message line, so a message ends when it has not been mentioned for two
 * hours of log time (a deferred message is mentioned at every queue run). The submission program
 * handing mail to the daemon ({@code stat=Sent (NEWQID Message accepted for delivery)} on an
 * internal address) continues as NEWQID.
 */
final class SendmailLog implements MtaLog {
    private static final Duration IDLE = Duration.ofHours(2);
    private static final Pattern LINK = Pattern.compile("^([0-9A-Za-z]{6,20}): (DSN|return to sender|postmaster notify): (.*)$");
    private static final Set<String> REMOTE_MAILERS = Set.of("esmtp", "smtp", "smtp8", "dsmtp", "relay");

    private final Networks networks;
    private final AuditSink sink;
    private final MessageTable table;
    private Instant lastSweep = Instant.EPOCH;

    SendmailLog(Networks networks, AuditSink sink, int capacity) {
        this.networks = networks;
        this.sink = sink;
        this.table = new MessageTable(capacity, this::finish);
    }

    @Override
    public Mta mta() {
        return Mta.SENDMAIL;
    }

    @Override
    public boolean owns(LogLine line) {
        String p = line.program();
        return p.startsWith("sendmail") || p.startsWith("sm-mta") || p.startsWith("sm-msp");
    }

    @Override
    public void line(LogLine l, long lineNo) {
        table.tick(lineNo);
        if (l.time().isAfter(lastSweep.plus(Duration.ofMinutes(10)))) {
            table.closeIdle(l.time().minus(IDLE), lineNo);
            lastSweep = l.time();
        }
        String msg = l.message();
        if (msg.startsWith("ruleset=")) { // check_relay refusals come before any queue id exists
            refusal(msg);
            return;
        }
        int colon = msg.indexOf(": ");
        if (colon <= 0) return;
        String qid = msg.substring(0, colon);
        if (!LogText.queueIdLike(qid) || qid.length() < 6) return;
        String rest = msg.substring(colon + 2);
        String key = l.host() + "/" + qid;
        if (rest.startsWith("from=")) {
            arrival(l, key, qid, rest, lineNo);
        } else if (rest.startsWith("to=")) {
            delivery(l, key, qid, rest, lineNo);
        } else if (rest.startsWith("AUTH=server")) {
            TrackedMessage m = table.get(key);
            if (m != null) m.origin = Origin.AUTHENTICATED;
        } else if (rest.startsWith("ruleset=") || rest.startsWith("Milter") || rest.matches("^<[^>]*>\\.\\.\\. .*")) {
            refusal(rest);
        } else {
            Matcher link = LINK.matcher(rest);
            if (link.matches()) link(l, key, link, lineNo);
        }
    }

    private void arrival(LogLine l, String key, String qid, String rest, long lineNo) {
        TrackedMessage m = table.get(key);
        if (m == null || m.sender != null) m = table.start(key, qid, l.time(), lineNo);
        m.lastSeen = l.time();
        String from = LogText.field(rest, "from", 0);
        m.sender = from == null ? "" : LogText.unbracket(from);
        if (m.kind != null || m.origin != Origin.UNKNOWN) return;
        String relay = LogText.field(rest, "relay", 0);
        if (relay == null) {
            m.origin = Origin.LOCAL;
            return;
        }
        String ip = LogText.bracketIp(relay);
        m.client = relay;
        if (ip.isEmpty()) m.origin = Origin.LOCAL; // relay=user@localhost: the sendmail command
        else m.origin = networks.internal(ip) ? Origin.INTERNAL : Origin.OUTSIDE;
    }

    private void delivery(LogLine l, String key, String qid, String rest, long lineNo) {
        TrackedMessage m = table.getOrStart(key, qid, l.time(), lineNo);
        m.lastSeen = l.time();
        int end = rest.length();
        for (String stop : new String[] {", ctladdr=", ", delay="}) {
            int p = rest.indexOf(stop);
            if (p >= 0 && p < end) end = p;
        }
        String[] recipients = rest.substring(3, end).split(",");
        String mailer = LogText.field(rest, "mailer", 0);
        String relay = LogText.field(rest, "relay", 0);
        String dsn = LogText.field(rest, "dsn", 0);
        int st = LogText.find(rest, "stat=", 0);
        String stat = st < 0 ? "" : rest.substring(st + 5);
        String mailerName = mailer == null ? "" : mailer.toLowerCase(Locale.ROOT);
        Outcome outcome;
        if (stat.startsWith("Sent")) outcome = Outcome.SENT;
        else if (stat.startsWith("Deferred") || dsn != null && dsn.startsWith("4")) outcome = Outcome.DEFERRED;
        else outcome = Outcome.BOUNCED;

        if (mailerName.equals("prog") && outcome == Outcome.SENT && LogText.autoresponder(rest.substring(3, end))) {
            m.autoresponder = true;
            sink.autoresponderDelivery(Mta.SENDMAIL, "program " + rest.substring(3, end));
        }
        boolean remoteMailer = REMOTE_MAILERS.contains(mailerName);
        if (remoteMailer && outcome == Outcome.SENT && relay != null && networks.internal(LogText.bracketIp(relay))) {
            String next = LogText.queuedAs(stat);
            TrackedMessage after = next.isEmpty() ? null : table.find(l.host() + "/" + next);
            if (after != null && after != m) {
                after.continues(m);
                if (!m.ownDelivery) m.handedOff = true;
                return;
            }
        }
        String text = stat.startsWith("Sent (") && stat.endsWith(")") ? stat.substring(6, stat.length() - 1) : stat;
        Destination d = remoteMailer ? Destination.REMOTE
                : mailerName.equals("error") || mailerName.isEmpty() ? Destination.NONE : Destination.LOCAL;
        for (String r : recipients) {
            String to = LogText.unbracket(r.strip());
            Failure f = new Failure(to, dsn == null ? "" : dsn, text, mailerName, remoteMailer && outcome != Outcome.SENT);
            if (outcome == Outcome.BOUNCED) m.addFailure(f);
            else if (outcome == Outcome.DEFERRED) m.lastDeferral = f;
            m.delivered(to, d, outcome, text);
        }
    }

    private void link(LogLine l, String key, Matcher link, long lineNo) {
        TrackedMessage original = table.find(key);
        String newKey = l.host() + "/" + link.group(1);
        TrackedMessage notice = table.find(newKey);
        if (notice == null) notice = table.start(newKey, link.group(1), l.time(), lineNo);
        notice.lastSeen = l.time();
        String what = link.group(2);
        String text = link.group(3);
        NotificationKind kind;
        if (what.equals("postmaster notify")) {
            if (original == null || !original.nullSender() && original.kind == null) {
                notice.postmasterCopy = true;
                return;
            }
            kind = NotificationKind.DOUBLE_BOUNCE;
        } else if (text.startsWith("Warning: could not send message")) {
            kind = NotificationKind.DELAY_WARNING;
        } else if (text.startsWith("Return receipt")) {
            kind = NotificationKind.DELIVERY_RECEIPT;
        } else {
            kind = NotificationKind.BOUNCE;
        }
        notice.notificationAbout(kind, original);
        if (text.startsWith("Cannot send message for") && original != null) original.expired = true;
    }

    private void refusal(String rest) {
        String lower = rest.toLowerCase(Locale.ROOT);
        String stage;
        if (rest.startsWith("<")) {
            if (!lower.contains("user unknown")) return;
            sink.refusal(new Refusal(Mta.SENDMAIL, "RCPT", true));
            return;
        }
        if (!lower.contains("reject=")) return;
        if (rest.startsWith("ruleset=check_rcpt") || lower.startsWith("milter: to=")) stage = "RCPT";
        else if (rest.startsWith("ruleset=check_mail") || lower.startsWith("milter: from=")) stage = "MAIL";
        else if (rest.startsWith("ruleset=check_relay") || lower.startsWith("milter: connect")) stage = "CONNECT";
        else if (lower.startsWith("milter: data") || lower.startsWith("milter: eom")) stage = "END-OF-DATA";
        else stage = "OTHER";
        boolean unknown = stage.equals("RCPT") && (lower.contains("user unknown") || lower.contains(" 5.1.1 "));
        sink.refusal(new Refusal(Mta.SENDMAIL, stage, unknown));
    }

    private void finish(TrackedMessage m) {
        if (m.handedOff || m.postmasterCopy) return;
        NotificationKind kind = m.kind;
        if (kind == null) {
            if (!m.nullSender() || !m.ownDelivery) return;
            if (m.origin != Origin.LOCAL && m.origin != Origin.INTERNAL) return; // someone else's bounce
            kind = NotificationKind.AUTOREPLY;
        }
        sink.notification(Notifications.of(Mta.SENDMAIL, kind, m));
    }

    @Override
    public void finish() {
        table.finishAll();
    }

    @Override
    public long evicted() {
        return table.evicted();
    }
}
