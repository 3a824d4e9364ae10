package io.scatterguard.tools.logaudit;

import io.scatterguard.mail.bounce.Reason;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Turns the findings into what to change, for the MTA whose log it was, most important first. The
 * principle behind every item (Postfix's BACKSCATTER_README): refuse during the SMTP session,
 * never accept and notify later; and let automatic replies answer only mail that deserves one.
 */
final class Advice {
    private static final Set<Reason> CONTENT = EnumSet.of(Reason.SPAMDETECTED, Reason.VIRUSDETECTED, Reason.FILTERED,
            Reason.CONTENTERROR, Reason.POLICYVIOLATION, Reason.REJECTED, Reason.SECURITYERROR, Reason.BLOCKED);

    private Advice() {}

    static List<AdviceItem> of(AuditReport r) {
        List<AdviceItem> out = new ArrayList<>();
        if (r.linesRecognised() == 0) {
            out.add(new AdviceItem("no-mail-log", "Give the audit a mail log",
                    "None of the lines is a Postfix, Exim or Sendmail log line. Name the MTA's log (/var/log/mail.log, "
                            + "/var/log/maillog, /var/log/exim4/mainlog, Postfix's maillog_file), or pipe the journal in: "
                            + "journalctl SYSLOG_FACILITY=2 -o short-iso | scatterguard logaudit -"));
            return out;
        }
        long atb = r.acceptThenBounce();
        if (atb > 0) {
            out.add(new AdviceItem("accept-then-bounce", "Refuse during the SMTP session instead of bouncing later",
                    atb + " notice(s) answered mail that was accepted from outside clients (250 at the end of DATA) and "
                            + "failed afterwards; their senders are usually forged. Every refusal must happen before that "
                            + "final 250. The items below name the settings; afterwards check from outside with "
                            + "'scatterguard probe HOST --domain DOMAIN' (it must report that unknown recipients are "
                            + "rejected at RCPT), or put 'scatterguard serve' in proxy mode in front of the server."));
        }
        for (Mta mta : r.mtas()) {
            unknownUsers(r, mta, out);
            content(r, mta, out);
            mailboxFull(r, mta, out);
            expired(r, mta, out);
            delayWarnings(r, mta, out);
        }
        autoreplies(r, out);
        undeliverable(r, out);
        if (r.remoteTotal() == 0) {
            String refused = r.unknownUserRefusals() > 0
                    ? " Unknown recipients were refused at RCPT " + r.unknownUserRefusals() + " time(s), as they should be."
                    : "";
            out.add(new AdviceItem("none-found", "No notifications to remote addresses",
                    "These logs show no bounce, warning or autoreply sent to another server." + refused
                            + " Logs only show what happened; check the configuration from outside too: "
                            + "scatterguard probe HOST --domain DOMAIN."));
        }
        if (r.evicted() > 0) {
            out.add(new AdviceItem("too-many-open", "Some messages were followed incompletely",
                    r.evicted() + " message(s) were still open when the limit of messages followed at once was reached "
                            + "(their end is not in the log, or the log is very busy). Raise --max-open for exact figures."));
        }
        return out;
    }

    private static void unknownUsers(AuditReport r, Mta mta, List<AdviceItem> out) {
        long here = r.causes(mta, Reason.USERUNKNOWN, false) + r.causes(mta, Reason.HOSTUNKNOWN, false);
        long next = r.causes(mta, Reason.USERUNKNOWN, true);
        if (here > 0) {
            switch (mta) {
                case POSTFIX -> {
                    boolean virtual = r.causeAgents(mta, Reason.USERUNKNOWN, false).contains("virtual");
                    out.add(new AdviceItem("postfix-local-recipient-maps", "Postfix: reject unknown recipients at RCPT",
                            here + " bounce(s) to remote senders because Postfix accepted mail for users that do not exist "
                                    + "and its " + (virtual ? "virtual" : "local") + " delivery agent bounced it afterwards. "
                                    + "Postfix refuses unknown users at RCPT only when it can look them up: "
                                    + (virtual ? "list every mailbox in virtual_mailbox_maps (and aliases in virtual_alias_maps)"
                                            : "restore local_recipient_maps = proxy:unix:passwd.byname $alias_maps "
                                                    + "(the default; an empty value turns the check off)")
                                    + ", and keep smtpd_reject_unlisted_recipient = yes (the default). "
                                    + "Check with: postconf local_recipient_maps virtual_mailbox_maps smtpd_reject_unlisted_recipient"));
                }
                case EXIM -> out.add(new AdviceItem("exim-verify-recipient", "Exim: verify recipients in the RCPT ACL",
                        here + " bounce(s) to remote senders because Exim accepted mail for addresses it could not deliver. "
                                + "Put 'require verify = recipient' in acl_smtp_rcpt (Debian's acl_check_rcpt has it; "
                                + "make sure it was not removed), so unknown recipients get a 550 at RCPT."));
                case SENDMAIL -> out.add(new AdviceItem("sendmail-virtusertable", "Sendmail: list the valid recipients",
                        here + " bounce(s) to remote senders because Sendmail accepted mail for users that do not exist. "
                                + "List the valid addresses of each virtual domain in the virtusertable and end it with a "
                                + "catch-all '@example.com error:nouser 5.1.1 User unknown', so unknown users are refused at RCPT."));
            }
        }
        if (next > 0) {
            switch (mta) {
                case POSTFIX -> out.add(new AdviceItem("postfix-relay-recipient-maps",
                        "Postfix: know the next hop's users (relay_recipient_maps or reject_unverified_recipient)",
                        next + " bounce(s) to remote senders because the next hop (your mailbox server) refused recipients "
                                + "that this Postfix had accepted. List the valid recipients of relayed domains in "
                                + "relay_recipient_maps (virtual_mailbox_maps or an LMTP user map for the others), or let "
                                + "Postfix ask the next hop during the session: smtpd_recipient_restrictions = ..., "
                                + "reject_unauth_destination, reject_unverified_recipient (answers are cached by verify(8))."));
                case EXIM -> out.add(new AdviceItem("exim-recipient-callout", "Exim: ask the next hop at RCPT time",
                        next + " bounce(s) to remote senders because the next hop refused recipients Exim had accepted. "
                                + "In acl_smtp_rcpt, for relayed domains: 'require verify = recipient/callout=30s,defer_ok', "
                                + "or keep a list of the valid users per domain."));
                case SENDMAIL -> out.add(new AdviceItem("sendmail-relay-recipients", "Sendmail: relay only to valid recipients",
                        next + " bounce(s) to remote senders because the next hop refused recipients Sendmail had accepted. "
                                + "Give relay permission per address (access map 'To:alice@example.com RELAY' with "
                                + "FEATURE(`relay_hosts_only') and no domain-wide entry), or verify recipients at RCPT with a milter."));
            }
        }
    }

    private static void content(AuditReport r, Mta mta, List<AdviceItem> out) {
        long n = 0;
        for (Reason reason : CONTENT) n += r.causes(mta, reason, false) + r.causes(mta, reason, true);
        if (n == 0) return;
        String how = switch (mta) {
            case POSTFIX -> "run the content checks before the queue: smtpd_milters (rspamd, clamav-milter, amavisd-milter) "
                    + "or a before-queue smtpd_proxy_filter. An after-queue content_filter must discard or quarantine, "
                    + "never bounce (amavis: $final_spam_destiny = D_DISCARD; $final_virus_destiny = D_DISCARD).";
            case EXIM -> "scan in acl_smtp_data ('deny malware = *', 'deny spam = nobody:true' with a score condition), "
                    + "so the verdict is a 550 before the final 250, never a bounce from a router or transport afterwards.";
            case SENDMAIL -> "run content filters as milters (INPUT_MAIL_FILTER) so they reject in the SMTP session.";
        };
        out.add(new AdviceItem(mta.id() + "-before-queue-content-filter",
                mta.label() + ": reject content in the SMTP session, not after it",
                n + " notice(s) to remote senders were caused by content or policy checks that ran after the message "
                        + "had been accepted (spam, virus, policy). Put the content filter before the queue: " + how));
    }

    private static void mailboxFull(AuditReport r, Mta mta, List<AdviceItem> out) {
        long n = r.causes(mta, Reason.MAILBOXFULL, false) + r.causes(mta, Reason.MAILBOXFULL, true);
        if (n == 0) return;
        String how = mta == Mta.POSTFIX
                ? "with Dovecot, its quota-status policy service: smtpd_recipient_restrictions = ..., "
                        + "check_policy_service inet:127.0.0.1:12340"
                : "for Dovecot mailboxes, its quota-status service; otherwise defer (4xx) instead of bouncing";
        out.add(new AdviceItem(mta.id() + "-quota-at-rcpt", mta.label() + ": refuse mail for full mailboxes at RCPT",
                n + " notice(s) to remote senders because a mailbox was full when the accepted message reached it. "
                        + "Check the quota while the sender is still connected: " + how + "."));
    }

    private static void expired(AuditReport r, Mta mta, List<AdviceItem> out) {
        long n = r.causes(mta, Reason.EXPIRED, false) + r.causes(mta, Reason.EXPIRED, true);
        if (n == 0) return;
        out.add(new AdviceItem(mta.id() + "-expired", mta.label() + ": mail expired in the queue",
                n + " notice(s) to remote senders for mail that waited in the queue until it expired — accepted, then "
                        + "undeliverable for days. Verify recipients at RCPT against the next hop"
                        + (mta == Mta.POSTFIX ? " (reject_unverified_recipient)" : "")
                        + " so mail for it is deferred at the door while it is down, and fix the next hop."));
    }

    private static void delayWarnings(AuditReport r, Mta mta, List<AdviceItem> out) {
        long n = r.remote(mta, NotificationKind.DELAY_WARNING);
        if (n == 0) return;
        String how = switch (mta) {
            case POSTFIX -> "leave delay_warning_time = 0h (the default) on mail exchangers";
            case EXIM -> "set delay_warning = 0s (no warnings), or restrict them with delay_warning_condition";
            case SENDMAIL -> "set confTO_QUEUEWARN longer than confTO_QUEUERETURN so no warning is sent";
        };
        out.add(new AdviceItem(mta.id() + "-delay-warnings", mta.label() + ": stop delay warnings to remote senders",
                n + " delay warning(s) went to remote senders. They go to whoever the envelope names, forged "
                        + "or not: " + how + "."));
    }

    private static void autoreplies(AuditReport r, List<AdviceItem> out) {
        long n = r.kind(NotificationKind.AUTOREPLY).remote();
        if (n == 0) return;
        out.add(new AdviceItem("autoreplies", "Autoresponders: answer only mail that deserves an answer",
                n + " autoreply(s) went to remote addresses. Configure vacation programs and autoresponders (RFC 3834) "
                        + "never to answer the null sender, MAILER-DAEMON, postmaster, owner-* or *-request addresses, mail "
                        + "with Precedence: bulk/list/junk, List-Id or List-Unsubscribe headers, or Auto-Submitted other "
                        + "than 'no'; to answer each sender at most once in several days; to skip mail the spam filter "
                        + "marked or that failed SPF/DMARC; and to send the reply from the null sender."));
    }

    private static void undeliverable(AuditReport r, List<AdviceItem> out) {
        long bounced = 0;
        for (NotificationKind k : NotificationKind.values()) {
            bounced += r.kind(k).remoteOutcomes().getOrDefault(Outcome.BOUNCED, 0L);
        }
        long doubles = r.kind(NotificationKind.DOUBLE_BOUNCE).total();
        if (bounced == 0 && doubles == 0) return;
        out.add(new AdviceItem("undeliverable-notices", "Notices to senders that do not exist",
                bounced + " notice(s) were refused by the receiving server and " + doubles + " double bounce(s) reached "
                        + "the postmaster: the senders did not exist, the hallmark of forged addresses. Fix the causes "
                        + "above; the double bounces then stop by themselves."));
    }
}
