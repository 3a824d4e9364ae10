package io.scatterguard.mail.bounce.reason;

import io.scatterguard.mail.bounce.Reason;
import java.util.ArrayList;
import java.util.List;

/**
 * Gmail / Google Workspace SMTP errors (support.google.com/a/answer/3726730, /mail/answer/81126):
 * each documented message with its reply code and status code. A row matches when the message
 * contains the phrase and the reply and status codes agree with the row's, ignoring the class
 * digit (Google sends the same text as 4xx and 5xx).
 */
final class GoogleRules implements ProviderRules {
    private record Row(Reason reason, String reply, String status, String phrase) {
    }

    private static final List<Row> ROWS = new ArrayList<>();

    private static void row(Reason r, String reply, String status, String phrase) {
        ROWS.add(new Row(r, reply, status, phrase));
    }

    static {
        Reason A = Reason.AUTHFAILURE;
        row(A, "451", "4.7.24", "the spf record of the sending domain");
        row(A, "550", "5.7.24", "the spf record of the sending domain");
        row(A, "421", "4.7.26", "senders to authenticate with either spf or dkim");
        row(A, "550", "5.7.26", "senders to authenticate with either spf or dkim");
        row(A, "550", "5.7.26", "fails to pass spf checks for an spf record with a hard fail");
        row(A, "550", "5.7.26", "has an spf record with a hard fail policy");
        row(A, "451", "4.7.26", "is not accepted due to domain's dmarc policy");
        row(A, "550", "5.7.26", "is not accepted due to domain's dmarc policy");
        row(A, "550", "5.7.1", "fails to pass authentication checks");
        row(A, "550", "5.7.26", "fails to pass authentication checks");
        row(A, "421", "4.7.27", "senders to authenticate with spf");
        row(A, "421", "4.7.27", "senders to authenticate their email with spf");
        row(A, "550", "5.7.27", "senders to authenticate with spf");
        row(A, "421", "4.7.30", "senders to authenticate their email with dkim");
        row(A, "550", "5.7.30", "senders to authenticate with dkim");
        row(A, "421", "4.7.32", "aligned with either the authenticated spf or dkim");
        row(A, "421", "5.7.32", "aligned with either the authenticated spf or dkim");
        row(A, "421", "4.7.40", "to add a dmarc record to ");
        Reason R = Reason.BADREPUTATION;
        row(R, "421", "4.7.0", "very low reputation of the sending ip address");
        row(R, "421", "4.7.0", "very low reputation of the sending domain");
        row(R, "550", "5.7.1", "due to the very low reputation of the sending ip address");
        row(R, "550", "5.7.1", "due to the very low reputation of the sending domain");
        Reason B = Reason.BLOCKED;
        row(B, "421", "4.7.0", "ip not in whitelist for rcpt domain");
        row(B, "421", "4.7.0", "try again later, closing connection.");
        row(B, "501", "5.5.4", "empty helo/ehlo argument not allowed");
        row(B, "501", "5.5.4", "helo/ehlo argument is invalid");
        row(B, "421", "4.7.0", "an unusual rate of unsolicited mail");
        row(B, "421", "4.7.28", "an unusual rate of mail");
        row(B, "550", "5.7.1", "an unusual rate of unsolicited mail");
        row(B, "550", "5.7.28", "an unusual rate of unsolicited mail");
        Reason X = Reason.EXCEEDLIMIT;
        row(X, "552", "5.2.3", "exceeded google's message size limits");
        row(X, "552", "5.3.4", "exceeds google's limit of limit attachments.");
        row(X, "552", "5.3.4", "your message exceeded google's message header size limits");
        row(X, "552", "5.3.4", "bytes per individual header size");
        row(X, "552", "5.3.4", "exceeds google's header name limit of");
        row(X, "552", "5.3.4", "exceeds google's message header size limit");
        row(Reason.EXPIRED, "421", "4.7.0", "connection expired");
        row(Reason.EXPIRED, "451", "4.4.2", "timeout - closing connection");
        Reason T = Reason.FAILEDSTARTTLS;
        row(T, "530", "5.7.0", "must issue a starttls command first");
        row(T, "454", "5.5.1", "starttls may not be repeated");
        row(T, "421", "4.7.0", "tls required for rcpt domain");
        row(T, "421", "4.7.29", "senders to use tls/ssl for smtp");
        row(T, "550", "5.7.29", "senders to use tls/ssl for smtp");
        Reason F = Reason.MAILBOXFULL;
        row(F, "452", "4.2.2", "inbox is out of storage space");
        row(F, "552", "5.2.2", "inbox is out of storage space and inactive");
        row(F, "452", "4.2.2", "is over quota");
        row(F, "552", "5.2.2", "is over quota");
        row(F, "550", "5.7.1", "email quota exceeded");
        row(Reason.MESGTOOBIG, "552", "5.3.4", "exceeded google's message size limits");
        row(Reason.MESGTOOBIG, "552", "5.3.4", "exceeds google's message size limit of");
        row(Reason.NETWORKERROR, "554", "5.4.6", "message exceeded 50 hops");
        row(Reason.NETWORKERROR, "554", "5.6.0", "message exceeded 50 hops");
        Reason N = Reason.NORELAYING;
        row(N, "550", "5.7.0", "mail relay denied");
        row(N, "550", "5.7.1", "invalid credentials for relay");
        row(N, "550", "5.7.1", "is not authorized to send email directly to our servers");
        Reason C = Reason.NOTCOMPLIANTRFC;
        row(C, "550", "5.7.1", "missing a valid address in the from: header");
        row(C, "550", "5.7.1", "multiple addresses in from: header are not accepted");
        row(C, "550", "5.7.1", "is not rfc 5322 compliant");
        row(C, "550", "5.7.1", "missing a valid message-id: header");
        row(C, "550", "5.7.1", "contains a unicode character in a disallowed header");
        row(C, "550", "5.7.1", "encoded-word syntax is not permitted");
        row(C, "553", "5.1.7", "is not a valid rfc 5321 address");
        row(C, "554", "5.6.0", "mail message is malformed");
        Reason P = Reason.POLICYVIOLATION;
        row(P, "552", "5.7.0", "illegal attachment on your message");
        row(P, "552", "5.7.0", "blocked because its content presents a potential security issue");
        row(P, "550", "5.7.1", "you are sending to (or from) has a policy that prohibited");
        row(P, "421", "4.7.28", "sending messages with the same message-id:");
        row(Reason.REJECTED, "550", "5.7.0", "mail sending denied");
        row(Reason.REJECTED, "550", "5.7.1", "unauthenticated email is not accepted");
        Reason Q = Reason.REQUIREPTR;
        row(Q, "421", "4.7.0", "does not have a ptr record");
        row(Q, "421", "4.7.23", " have a ptr record, or the ptr record");
        row(Q, "550", "5.7.1", "does not meet ipv6 sending guidelines regarding ptr records and authentication");
        row(Q, "550", "5.7.25", "does not have a ptr record");
        row(Q, "550", "5.7.25", "does not match the ip address of the hostname");
        Reason S = Reason.SECURITYERROR;
        row(S, "454", "4.7.0", "too many login attempts");
        row(S, "501", "5.5.2", "cannot decode response");
        row(S, "503", "5.7.0", "no identity changes permitted");
        row(S, "530", "5.5.1", "authentication required.");
        row(S, "530", "5.7.0", "authentication required.");
        row(S, "535", "5.7.1", "application-specific password required");
        row(S, "535", "5.7.9", "application-specific password required");
        row(S, "535", "5.7.1", "please log in with your web browser");
        row(S, "534", "5.7.9", "please log in with your web browser");
        row(S, "534", "5.7.14", "please log in through your web browser");
        row(S, "535", "5.7.1", "username and password not accepted");
        row(S, "535", "5.7.8", "username and password not accepted");
        row(Reason.SPAMDETECTED, "421", "4.7.0", "due to the nature of the content or the links within");
        row(Reason.SPAMDETECTED, "550", "5.7.1", "likely unsolicited mail");
        Reason V = Reason.SPEEDING;
        row(V, "450", "4.2.1", "is receiving mail too quickly");
        row(V, "450", "4.2.1", "peak smtp relay limit exceeded for customer");
        row(V, "450", "4.2.1", "rate that prevents additional messages from being delivered");
        row(V, "550", "5.2.1", "rate that prevents additional messages from being delivered");
        row(V, "550", "5.4.5", "daily sending quota exceeded");
        row(V, "550", "5.4.5", "daily user sending limit exceeded");
        row(V, "550", "5.4.5", "daily smtp relay limit exceeded for");
        row(V, "550", "5.7.1", "daily smtp relay limit exceeded for");
        row(V, "550", "5.7.1", "daily smtp relay sending limit exceeded for");
        row(V, "550", "5.7.1", "this mail has been rate limited");
        row(Reason.SUSPEND, "550", "5.2.1", "account that you tried to reach is disabled");
        row(Reason.SUSPEND, "550", "5.2.1", "account that you tried to reach is inactive");
        Reason Y = Reason.SYNTAXERROR;
        row(Y, "451", "4.5.0", "smtp protocol violation");
        row(Y, "454", "4.5.0", "smtp protocol violation");
        row(Y, "525", "5.7.10", "smtp protocol violation");
        row(Y, "535", "5.5.4", "optional argument not permitted");
        row(Y, "501", "5.7.11", "syntax error");
        row(Y, "501", "5.5.2", "syntax error");
        row(Y, "555", "5.5.2", "syntax error");
        row(Y, "502", "5.5.1", "too many unrecognized commands, goodbye");
        row(Y, "502", "5.5.1", "unimplemented command");
        row(Y, "502", "5.5.1", "unrecognized command");
        row(Y, "503", "5.5.1", "bad sequence of commands");
        row(Y, "503", "5.5.1", "ehlo/helo first");
        row(Y, "503", "5.5.1", "mail first");
        row(Y, "503", "5.5.1", "rcpt first");
        row(Y, "503", "5.5.1", "no data after bdat");
        row(Y, "504", "5.7.4", "unrecognized authentication type");
        row(Y, "504", "5.7.4", "xoauth is no longer supported");
        row(Y, "554", "5.7.0", "too many unauthenticated commands");
        Reason E = Reason.SYSTEMERROR;
        row(E, "421", "4.3.0", "temporary system problem");
        row(E, "421", "4.7.0", "temporary system problem");
        row(E, "421", "4.4.5", "server busy");
        row(E, "451", "4.3.0", "multiple destination domains per transaction is unsupported");
        row(E, "451", "4.3.0", "mail server has temporarily rejected this message");
        row(E, "451", "4.3.0", "mail server temporarily rejected message");
        row(E, "452", "4.5.3", "domain policy size per transaction exceeded");
        row(E, "454", "4.7.0", "cannot authenticate due to temporary system problem");
        row(Reason.TOOMANYCONN, "452", "4.5.3", "your message has too many recipients");
        row(Reason.TOOMANYCONN, "550", "5.5.3", "too many recipients for this sender");
        Reason U = Reason.USERUNKNOWN;
        row(U, "550", "5.1.1", "the email account that you tried to reach does not exist");
        row(U, "553", "5.1.2", "we weren't able to find the recipient domain");
        row(U, "553", "5.1.3", "is not a valid rfc 5321 address");
    }

    @Override
    public Reason find(Facts f) {
        if (!f.hasDiagnostic() || !ReplyCodes.isValid(f.replyCode) || !StatusCodes.isValid(f.status)) return null;
        String statusTail = f.status.substring(2);    // 5.7.1 -> 7.1
        String replyTail = f.replyCode.substring(1);  // 421 -> 21
        for (Row r : ROWS) {
            if (!r.reply.substring(1).equals(replyTail)) continue;
            if (!r.status.substring(2).equals(statusTail)) continue;
            if (f.lower.contains(r.phrase)) return r.reason;
        }
        return null;
    }
}
