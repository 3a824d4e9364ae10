package io.scatterguard.mail.bounce.reason;

import io.scatterguard.mail.bounce.Reason;

/**
 * Messages that a particular MTA writes itself (not relayed from a remote server) and whose
 * meaning is fixed by that MTA's source, e.g. Exim's "retry timeout exceeded" (retry.c) or
 * "Unrouteable address" (route.c). Sisimai's MTA modules turn these into a stated reason; here
 * they play the same role when the parser stated none, and the reason is then re-examined like any
 * stated one.
 */
final class MtaMessages {
    /** Exim, from exim/src (file:line as cited by Sisimai::Lhost::Exim). */
    private static final Object[][] EXIM = {
        {Reason.USERUNKNOWN, Phrases.of("user not found")},                           // route.c getpwnam()
        {Reason.HOSTUNKNOWN, Phrases.of(
                "all host address lookups failed permanently",                    // transports/smtp.c
                "all relevant mx records point to non-existent hosts",            // routers/dnslookup.c
                "unrouteable address")},                                          // route.c
        {Reason.MAILBOXFULL, Phrases.of("mailbox is full", "error: quota exceed")},   // transports/appendfile.c
        {Reason.NOTACCEPT, Phrases.of(
                "an mx or srv record indicated no smtp service",                  // routers/dnslookup.c
                "no host found for existing smtp connection")},                   // transports/smtp.c
        {Reason.SYNTAXERROR, Phrases.of(
                "angle-brackets nested too deep", "expected word or \"<\"",          // parser.c
                "domain missing in source-routed address", "malformed address:", " may not follow ")},
        {Reason.SYSTEMERROR, Phrases.of(
                "delivery to file forbidden", "delivery to pipe forbidden",       // deliver.c
                "local delivery failed", "lmtp error after ")},                   // transports/pipe.c, lmtp.c
        {Reason.CONTENTERROR, Phrases.of("too many \"received\" headers")},           // deliver.c
        {Reason.EXPIRED, Phrases.of(
                "retry timeout exceeded",                                         // retry.c
                "no action is required on your part",                             // deliver.c
                "retry time not reached for any host after a long failure period", // smtp.c
                "all hosts have been failing for a long time and were last tried",
                "delay reason: ", "has been frozen", "was frozen on arrival by ")}, // deliver.c, receive.c
        {Reason.MAILERERROR, Phrases.of("pipe to |")},
    };
    /** qmail 1.03 and qmail-ldap (qmail-remote.c, qmail-local.c, error_str.c, qmail-ldap patch). */
    private static final Object[][] QMAIL = {
        {Reason.BLOCKED, Phrases.of(" but my name was rejected.")},                     // qmail-remote.c:231
        {Reason.HOSTUNKNOWN, Phrases.of("sorry, i couldn't find any host ")},           // qmail-remote.c:68
        {Reason.MAILBOXFULL, Phrases.of("disk quota exceeded")},                        // error_str.c
        {Reason.MESGTOOBIG, Phrases.of("message size exceeds fixed maximum message size:")},
        {Reason.NETWORKERROR, Phrases.of(
                "sorry, i wasn't able to establish an smtp connection",
                "sorry. although i'm listed as a best-preference mx or a for that host")},
        {Reason.NOTACCEPT, Phrases.of("sorry, i couldn't find a mail exchanger or ip address")}, // notqmail null MX
        {Reason.SYSTEMFULL, Phrases.of("requested action not taken: mailbox unavailable (not enough free space)")},
        {Reason.USERUNKNOWN, Phrases.of("no mailbox here by that name")},               // qmail-local.c:589
        {Reason.EXCEEDLIMIT, Phrases.of("the message exeeded the maximum size the user accepts")}, // qmail-ldap
        {Reason.SUSPEND, Phrases.of(
                "mailaddress is administrativly disabled", "mailaddress is administrativley disabled",
                "mailaddress is administratively disabled", "mailaddress is administrativeley disabled")},
        {Reason.SYSTEMERROR, Phrases.of(
                "bad interpreter: no such file or directory",
                "automatic homedir creator crashed", "illegal value in ldap attribute",
                "ldap attribute is not given but mandatory", "timeout while performing search on ldap server",
                "too many results returned but needs to be unique", "permanent error while executing qmail-forward",
                "temporary error in automatic homedir creation", "temporary error while executing qmail-forward",
                "temporary failure in ldap lookup", "unable to contact ldap server",
                "unable to login into ldap server, bad credentials")},
    };
    /** OpenSMTPD (smtpd/queue.c, smtpd/mta.c relay->failstr). */
    private static final Object[][] OPENSMTPD = {
        {Reason.EXPIRED, Phrases.of("envelope expired")},
        {Reason.SECURITYERROR, Phrases.of("could not retrieve credentials")},
        {Reason.HOSTUNKNOWN, Phrases.of(" domain does not exist ")},
        {Reason.NETWORKERROR, Phrases.of(
                "address family mismatch on destination mxs", "all routes to destination blocked",
                "bad dns lookup error code", "could not retrieve source address", "network error on destination mxs",
                "no valid route to remote mx", "no valid route to destination", "temporary failure in mx lookup")},
        {Reason.NOTACCEPT, Phrases.of(
                "destination seem to reject all mails", "no mx found for domain", "no mx found for destination")},
    };
    /** Exchange Server 2007 and later: the NDR code after the status ("550 5.1.1 RESOLVER.ADR.RecipNotFound; ..."). */
    private static final Object[][] EXCHANGE = {
        {Reason.HOSTUNKNOWN, Phrases.of(" smtpsend.dns.nonexistentdomain")},
        {Reason.NETWORKERROR, Phrases.of(" smtpsend.dns.mxloopback")},
        {Reason.USERUNKNOWN, Phrases.of(" resolver.adr.recipnotfound", " resolver.adr.recipientnotfound",
                " resolver.adr.exrecipnotfound")},
        {Reason.TOOMANYCONN, Phrases.of(" resolver.adr.reciplimit")},
        {Reason.SYSTEMERROR, Phrases.of(" resolver.adr.badprimary", " resolver.adr.invalidinsmtp",
                " resolver.adr.ambiguous")},
        {Reason.SECURITYERROR, Phrases.of(" resolver.rst.authrequired")},
        {Reason.REJECTED, Phrases.of(" resolver.rst.notauthorized")},
        {Reason.MESGTOOBIG, Phrases.of(" resolver.rst.recipsizelimit")},
        {Reason.EXPIRED, Phrases.of(" queue.expired")},
    };
    /** Ipswitch IMail Server (SMTP32), Exchange 2000/2003 (MSEXCH), Lotus Notes/Domino and Courier texts. */
    private static final Object[][] OTHERS = {
        {Reason.USERUNKNOWN, Phrases.of("unknown user: ", "invalid final delivery userid")},   // IMail
        {Reason.USERUNKNOWN, Phrases.of("the recipient name is not recognized")},             // Exchange 2003
        {Reason.USERUNKNOWN, Phrases.of(
                "not listed in public name & address book",                                   // Lotus Notes
                "not listed in domino directory",                                             // Domino
                "no se encuentra en el directorio de domino",                                 // Domino (es)
                "domino ディレクトリには見つかりません")},                                        // Domino (ja)
        {Reason.FILTERED, Phrases.of("cannot route mail to user")},                           // Domino
        {Reason.SYSTEMERROR, Phrases.of("several matches found in domino directory")},        // Domino
        {Reason.SYSTEMERROR, Phrases.of("this domain's dns violates rfc 1035.")},             // Courier esmtpclient.c
        {Reason.NETWORKERROR, Phrases.of(" dns lookup failed.")},                              // Courier esmtpclient.c
    };
    /** qmail-send.c:922, "I'm not going to try again; this message has been in the queue too long." */
    private static final String QMAIL_GAVE_UP = "this message has been in the queue too long.";
    /** A qmail refusal at RCPT that also timed out is re-examined from the remote reply. */
    private static final String[] QMAIL_RCPT_THEN_GAVE_UP = {" does not like recipient.", QMAIL_GAVE_UP};
    private static final String[] IMAIL_ATTEMPTS = {"delivery failed ", " attempts"};

    private MtaMessages() {
    }

    /** The reason an MTA's own message states, or null. {@code lower} is the lower-cased diagnostic. */
    static Reason stated(String lower) {
        if (lower.isEmpty()) return null;
        Reason r = first(EXIM, lower);
        if (r != null) return r;
        if (Phrases.isAligned(lower, QMAIL_RCPT_THEN_GAVE_UP)) return null;
        r = first(QMAIL, lower);
        if (r != null) return r;
        r = first(OPENSMTPD, lower);
        if (r != null) return r;
        r = first(EXCHANGE, lower);
        if (r != null) return r;
        r = first(OTHERS, lower);
        if (r != null) return r;
        if (lower.contains(QMAIL_GAVE_UP) || Phrases.isAligned(lower, IMAIL_ATTEMPTS)) return Reason.EXPIRED;
        return null;
    }

    /**
     * True when Exim itself reported an expiry or a full mailbox: Exim keeps retrying those, so
     * Sisimai gives them a temporary (4.0.9NN) pseudo code when no status code was written.
     */
    static boolean eximTemporary(String lower) {
        Reason r = first(EXIM, lower);
        return r == Reason.EXPIRED || r == Reason.MAILBOXFULL;
    }

    private static Reason first(Object[][] table, String lower) {
        for (Object[] row : table) {
            if (((Phrases) row[1]).in(lower)) return (Reason) row[0];
        }
        return null;
    }
}
