package io.scatterguard.mail.bounce.reason;

import io.scatterguard.mail.bounce.Reason;
import java.util.ArrayList;
import java.util.List;

/**
 * Exchange Server / Exchange Online (Microsoft 365, Outlook.com) non-delivery codes, from
 * Microsoft's "Email non-delivery reports and SMTP errors in Exchange Online" and the Outlook.com
 * postmaster troubleshooting page. A row is an enhanced status code (or a class prefix such as
 * "5.7." with a range of detail numbers, e.g. 5.7.606-649) and a phrase of the message.
 */
final class MicrosoftRules implements ProviderRules {
    private record Row(Reason reason, String status, int lo, int hi, String phrase) {
    }

    private static final List<Row> ROWS = new ArrayList<>();
    /** Outlook.com postmaster codes ("RP-001", "SC-004" ...) with the reply code they come with. */
    private static final String[][] OUTLOOK_CODES = {
        {"RP-001", "421", "BADREPUTATION"}, {"RP-002", "421", "BADREPUTATION"}, {"RP-003", "421", "BADREPUTATION"},
        {"SC-001", "550", "BADREPUTATION"}, {"SC-002", "550", "POLICYVIOLATION"}, {"SC-003", "550", "BLOCKED"},
        {"SC-004", "550", "BLOCKED"}, {"DY-001", "550", "BLOCKED"}, {"DY-002", "550", "SECURITYERROR"},
        {"OU-001", "550", "BLOCKED"}, {"OU-002", "550", "BADREPUTATION"},
    };

    private static void exact(Reason r, String status, String phrase) {
        ROWS.add(new Row(r, status, -1, -1, phrase));
    }

    private static void range(Reason r, String prefix, int lo, int hi, String phrase) {
        ROWS.add(new Row(r, prefix, lo, hi, phrase));
    }

    static {
        exact(Reason.AUTHFAILURE, "4.7.26", "must pass either spf or dkim validation, this message is not signed");
        exact(Reason.AUTHFAILURE, "5.7.23", "the message was rejected because of sender policy framework violation");
        exact(Reason.AUTHFAILURE, "5.7.509", "does not pass dmarc verification");
        exact(Reason.AUTHFAILURE, "5.7.515", "doesn't meet the required authentication level");
        exact(Reason.BADREPUTATION, "4.7.650", "has been temporarily rate limited due to ip reputation");
        exact(Reason.BLOCKED, "4.4.2", "connection dropped");
        range(Reason.BLOCKED, "4.7.", 850, 899, "access denied, please try again later");
        exact(Reason.BLOCKED, "5.7.25", "must have a reverse dns record");
        exact(Reason.BLOCKED, "5.7.506", "access denied, bad helo");
        exact(Reason.BLOCKED, "5.7.507", "access denied, rejected by recipient");
        exact(Reason.BLOCKED, "5.7.510", "does not accept email over ipv6");
        exact(Reason.BLOCKED, "5.7.511", "access denied, banned sender");
        exact(Reason.BLOCKED, "5.7.513", "using customer block list");
        range(Reason.BLOCKED, "5.7.", 606, 649, "access denied, banned sending ip ");
        range(Reason.BLOCKED, "4.7.", 500, 699, "access denied, please try again later");
        exact(Reason.BLOCKED, "5.5.4", "invalid domain name");
        exact(Reason.BLOCKED, "5.7.1", "part of their network is on our block list (s3150)");
        exact(Reason.CONTENTERROR, "5.3.0", "too many related errors");
        exact(Reason.CONTENTERROR, "5.6.11", "invalid characters");
        exact(Reason.CONTENTERROR, "5.4.11", "agent generated message depth exceeded");
        exact(Reason.CONTENTERROR, "5.5.6", "invalid message content");
        exact(Reason.MESGTOOBIG, "5.2.3", "resolver.rst.recipsizelimit; message too large for this recipient");
        exact(Reason.MESGTOOBIG, "5.3.4", "message size exceeds fixed maximum message size");
        exact(Reason.MESGTOOBIG, "5.3.4", "message too big for system");
        exact(Reason.EXPIRED, "4.4.1", "connection timed out");
        exact(Reason.EXPIRED, "4.4.7", "message delayed");
        exact(Reason.EXPIRED, "4.4.7", "queue expired; message expired");
        exact(Reason.EXPIRED, "4.4.7", "message expired");
        exact(Reason.EXPIRED, "5.4.300", "message expired");
        exact(Reason.EXPIRED, "5.4.316", "message expired");
        exact(Reason.FAILEDSTARTTLS, "4.4.8", " failed mta-sts validation");
        exact(Reason.FAILEDSTARTTLS, "5.4.8", " failed mta-sts validation");
        exact(Reason.FAILEDSTARTTLS, "4.4.317", "starttls is required to send mail");
        exact(Reason.FAILEDSTARTTLS, "5.4.317", "starttls is required to send mail");
        exact(Reason.FAILEDSTARTTLS, "4.7.5", "remote certificate failed mta-sts validation");
        exact(Reason.FAILEDSTARTTLS, "5.7.5", "remote certificate failed mta-sts validation");
        exact(Reason.MAILBOXFULL, "5.2.2", "mailbox full");
        exact(Reason.NETWORKERROR, "5.4.4", "smtpsend.dns.nonexistentdomain; nonexistent domain");
        exact(Reason.NETWORKERROR, "5.4.6", "hop count exceeded - possible mail loop");
        exact(Reason.NETWORKERROR, "4.4.312", "dns query failed");
        exact(Reason.NETWORKERROR, "5.4.312", "dns query failed");
        exact(Reason.NETWORKERROR, "4.4.316", "connection refused");
        exact(Reason.NETWORKERROR, "5.4.316", "connection refused");
        exact(Reason.NETWORKERROR, "5.4.4", "invalid arguments");
        exact(Reason.NETWORKERROR, "5.4.6", "routing loop detected");
        exact(Reason.NETWORKERROR, "5.4.14", "routing loop detected");
        exact(Reason.NORELAYING, "5.7.1", "unable to relay");
        exact(Reason.NORELAYING, "5.7.1", "client was not authenticated");
        exact(Reason.NORELAYING, "5.4.1", "relay access denied");
        exact(Reason.NORELAYING, "5.7.64", "tenantattribution; relay access denied");
        exact(Reason.NORELAYING, "5.4.310", "does not exist");
        exact(Reason.NOTACCEPT, "4.3.2", "system not accepting network messages");
        exact(Reason.NOTACCEPT, "4.4.4", "hosted tenant which has no mail-enabled subscriptions");
        exact(Reason.NOTACCEPT, "5.3.2", "storedrv.deliver: missing or bad storedriver mdb properties");
        exact(Reason.POLICYVIOLATION, "5.0.350", "x-dg-ref header is too long");
        exact(Reason.POLICYVIOLATION, "5.0.350", "requested action not taken: policy violation detected (as345)");
        range(Reason.POLICYVIOLATION, "5.7.", 900, 999, "delivery not authorized, message refused");
        exact(Reason.REJECTED, "5.1.7", "invalid address");
        exact(Reason.REJECTED, "5.1.7", "unknown sender address");
        exact(Reason.REJECTED, "5.1.0", "sender denied");
        exact(Reason.REJECTED, "5.1.8", "access denied, bad outbound sender");
        exact(Reason.REJECTED, "5.7.1", "delivery not authorized");
        exact(Reason.REJECTED, "5.7.12", "sender was not authenticated by organization");
        exact(Reason.REJECTED, "5.7.124", "sender not in allowed-senders list");
        exact(Reason.REJECTED, "5.7.133", "sender not authenticated for group");
        exact(Reason.REJECTED, "5.7.134", "sender was not authenticated for mailbox");
        exact(Reason.REJECTED, "5.7.13", "sender was not authenticated for public folder");
        exact(Reason.REJECTED, "5.7.135", "sender was not authenticated for public folder");
        exact(Reason.REJECTED, "5.7.136", "sender was not authenticated");
        range(Reason.REJECTED, "5.7.", 501, 503, "access denied, spam abuse detected");
        exact(Reason.REJECTED, "5.7.512", "access denied, message must be rfc 5322 section 3.6.2 compliant");
        exact(Reason.SYSTEMERROR, "4.4.318", "(suspiciousremoteservererror)");
        exact(Reason.SYSTEMERROR, "5.4.318", "(suspiciousremoteservererror)");
        exact(Reason.SYSTEMERROR, "4.7.500", "server busy. please try again later from ");
        exact(Reason.SYSTEMERROR, "4.7.700", "pfa agent busy, please try again.");
        exact(Reason.SYSTEMFULL, "4.3.1", "insufficient system resources");
        exact(Reason.USERUNKNOWN, "5.1.1", "resolver.adr.exrecipnotfound; not found");
        exact(Reason.USERUNKNOWN, "5.1.1", "user unknown");
        exact(Reason.USERUNKNOWN, "5.1.3", "storedrv.submit; invalid recipient address");
        range(Reason.USERUNKNOWN, "5.1.", 4, 5, "recipient address reserved by rfc 2606");
        exact(Reason.USERUNKNOWN, "5.1.6", "recipient addresses in single label domains not accepted");
        exact(Reason.USERUNKNOWN, "5.1.1", "bad destination mailbox address");
        exact(Reason.USERUNKNOWN, "5.1.10", "recipient not found");
        exact(Reason.USERUNKNOWN, "5.4.1", "recipient address rejected: access denied");
        exact(Reason.USERUNKNOWN, "5.5.0", "requested action not taken: mailbox unavailable");
        exact(Reason.USERUNKNOWN, "5.1.2", "invalid x.400 address");
        exact(Reason.USERUNKNOWN, "5.1.351", "remote server returned unknown recipient or mailbox unavailable");
    }

    @Override
    public Reason find(Facts f) {
        if (!f.hasDiagnostic() || !StatusCodes.isValid(f.status)) return null;
        int detail = Integer.parseInt(f.status.substring(4));
        for (Row r : ROWS) {
            if (r.lo < 0) {
                if (!f.status.equals(r.status)) continue;
            } else {
                if (!f.status.startsWith(r.status) || detail < r.lo || detail > r.hi) continue;
            }
            if (f.lower.contains(r.phrase)) return r.reason;
        }
        for (String[] c : OUTLOOK_CODES) {
            if (f.diagnostic.contains(c[0]) && f.replyCode.equals(c[1])) return Reason.valueOf(c[2]);
        }
        return null;
    }
}
