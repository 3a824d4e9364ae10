package io.scatterguard.mail.bounce.reason;

import io.scatterguard.mail.bounce.Reason;
import java.util.EnumSet;
import java.util.Set;

/**
 * Decides the bounce reason from the status code, reply code, failed command and error message,
 * in the order Sisimai::Reason uses so that results compare: first a set of reason tests that weigh
 * the status code together with the message (mailbox full, size, suspended, ..., blocked); then,
 * when the status code says nothing specific, the message phrases of further reasons; then the
 * status code's own meaning, its class (X.6 content, X.7 security), the reply code (syntax error),
 * the action (delayed → expired) and the command (refused at HELO → blocked); finally onhold when
 * there was a message and undefined when there was none.
 */
final class ReasonClassifier {
    /** Reasons a parser may state that are re-examined against the message (Sisimai's retry list). */
    static final Set<Reason> RETRY = EnumSet.of(Reason.UNDEFINED, Reason.ONHOLD, Reason.SYSTEMERROR,
            Reason.SECURITYERROR, Reason.EXPIRED, Reason.SUSPEND, Reason.NETWORKERROR, Reason.HOSTUNKNOWN,
            Reason.USERUNKNOWN);

    /** First pass: tests that combine the status code, command and message. */
    private static final Reason[] FIRST = {
        Reason.MAILBOXFULL, Reason.MESGTOOBIG, Reason.EXCEEDLIMIT, Reason.SUSPEND, Reason.HASMOVED,
        Reason.NORELAYING, Reason.AUTHFAILURE, Reason.USERUNKNOWN, Reason.FILTERED, Reason.REQUIREPTR,
        Reason.NOTCOMPLIANTRFC, Reason.BADREPUTATION, Reason.CONTENTERROR, Reason.REJECTED, Reason.HOSTUNKNOWN,
        Reason.SPAMDETECTED, Reason.SPEEDING, Reason.TOOMANYCONN, Reason.BLOCKED,
    };
    /** Second pass: message phrases only, used when the status code is vague or absent. */
    private static final Reason[] SECOND = {
        Reason.MAILBOXFULL, Reason.SPAMDETECTED, Reason.POLICYVIOLATION, Reason.VIRUSDETECTED,
        Reason.NORELAYING, Reason.AUTHFAILURE, Reason.BADREPUTATION, Reason.SECURITYERROR,
        Reason.SYSTEMERROR, Reason.NETWORKERROR, Reason.SPEEDING, Reason.SUSPEND, Reason.EXPIRED,
        Reason.CONTENTERROR, Reason.SYSTEMFULL, Reason.NOTACCEPT, Reason.FAILEDSTARTTLS, Reason.MAILERERROR,
    };
    /** Reasons that, found in a 5.1.1 message, mean the recipient itself was not the problem. */
    private static final Reason[] NOT_USER = {
        Reason.NORELAYING, Reason.BLOCKED, Reason.MAILBOXFULL, Reason.HASMOVED, Reason.REJECTED,
        Reason.NOTACCEPT,
    };

    private ReasonClassifier() {
    }

    /** The reason for these facts; never null. */
    static Reason classify(Facts f) {
        if (f.reason != null && !RETRY.contains(f.reason)) return f.reason;
        if (f.status.startsWith("2.")) return Reason.DELIVERED;

        Reason found = null;
        if (f.diagType.equals("SMTP") || f.diagType.isEmpty()) {
            for (Reason r : FIRST) {
                if (probe(r, f)) {
                    found = r;
                    break;
                }
            }
        }
        if (found == null || found == Reason.UNDEFINED) {
            found = anotherOne(f);
            if (found == Reason.UNDEFINED) found = null;
            if (found == null && f.action.startsWith("delayed")) found = Reason.EXPIRED;
            if (found != null) return found;
            if (f.says(Reason.VACATION)) return Reason.VACATION;
            return f.hasDiagnostic() ? Reason.ONHOLD : Reason.UNDEFINED;
        }
        return found;
    }

    /** Sisimai's fallback ("anotherone"): message phrases, then what the codes and command imply. */
    private static Reason anotherOne(Facts f) {
        if (f.reason != null && f.reason != Reason.UNDEFINED && f.reason != Reason.ONHOLD) return f.reason;
        Reason byStatus = StatusCodes.reasonOf(f.status);
        boolean tryText = byStatus == null || RETRY.contains(byStatus) || !f.diagType.equals("SMTP");
        if (!tryText) return byStatus;

        for (Reason r : SECOND) {
            if (f.says(r)) return r;
        }
        if (byStatus != null) return byStatus;

        String head = f.status.length() >= 3 ? f.status.substring(0, 3) : "";
        if (head.equals("5.6") || head.equals("4.6")) return Reason.CONTENTERROR;
        if (head.equals("5.7") || head.equals("4.7")) return Reason.SECURITYERROR;
        if (f.diagType.startsWith("X-UNIX")) return Reason.MAILERERROR;
        if (isSyntaxError(f)) return Reason.SYNTAXERROR;
        if (f.action.startsWith("delayed") || f.action.startsWith("expired")) return Reason.EXPIRED;
        if (f.command.equals("EHLO") || f.command.equals("HELO")) return Reason.BLOCKED;
        return null;
    }

    /** One first-pass test: does reason r apply to these facts? */
    static boolean probe(Reason r, Facts f) {
        if (f.reason == r) return true;
        Reason byStatus = StatusCodes.reasonOf(f.status);
        String text = f.lower;
        switch (r) {
            case MAILBOXFULL, AUTHFAILURE, REQUIREPTR, TOOMANYCONN, BLOCKED, EXCEEDLIMIT:
                return byStatus == r || f.says(r);
            case MESGTOOBIG:
                if (byStatus == Reason.MESGTOOBIG) return true;
                if (byStatus == Reason.EXCEEDLIMIT || f.status.equals("5.2.3")) return false;
                return f.says(r);
            case SUSPEND:
                return f.replyCode.equals("525") || f.says(r);
            case HASMOVED, NOTCOMPLIANTRFC, SPEEDING, BADREPUTATION:
                return f.says(r);
            case CONTENTERROR:
                if (probe(Reason.SPAMDETECTED, f)) return false;
                return byStatus == r || f.says(r);
            case NORELAYING:
                if (f.reason == Reason.SECURITYERROR || f.reason == Reason.SYSTEMERROR) return false;
                if (f.command.equals("CONN") || f.command.equals("EHLO") || f.command.equals("HELO")) return false;
                return f.says(r);
            case USERUNKNOWN:
                return isUserUnknown(f, byStatus);
            case FILTERED:
                return isFiltered(f, byStatus);
            case REJECTED:
                return isRejected(f, byStatus);
            case HOSTUNKNOWN:
                if (byStatus == Reason.HOSTUNKNOWN) return !f.says(Reason.NETWORKERROR);
                return f.says(r);
            case SPAMDETECTED:
                if (f.status.isEmpty()) return false;
                if (byStatus == Reason.SPAMDETECTED) return true;
                if (SmtpCommands.beforeData(f.command)) return false;
                return f.says(r);
            default:
                return false;
        }
    }

    private static boolean isUserUnknown(Facts f, Reason byStatus) {
        if (byStatus == Reason.USERUNKNOWN) {
            // 5.1.1 but the message says the refusal was about something else
            for (Reason other : NOT_USER) {
                if (f.says(other)) return false;
            }
            return true;
        }
        // Without a 5.1.1, "user unknown" counts only as an answer to RCPT: after DATA the same words
        // come from reception filters (filtered), and an unknown command is left to the later tests.
        return f.command.equals("RCPT") && f.says(Reason.USERUNKNOWN);
    }

    private static boolean isFiltered(Facts f, Reason byStatus) {
        if (byStatus == Reason.FILTERED) {
            return f.says(Reason.USERUNKNOWN) || f.says(Reason.FILTERED);
        }
        // Content filters act after DATA: a refusal before it is not "filtered"
        if (SmtpCommands.beforeData(f.command)) return false;
        return f.says(Reason.FILTERED) || f.says(Reason.USERUNKNOWN);
    }

    private static boolean isRejected(Facts f, Reason byStatus) {
        if (byStatus == Reason.REJECTED) return true;
        if (f.command.equals("MAIL")) return f.says(Reason.REJECTED);
        if (f.command.equals("DATA")) {
            return byStatus != Reason.USERUNKNOWN && f.says(Reason.REJECTED);
        }
        if (byStatus == null || byStatus == Reason.ONHOLD || byStatus == Reason.UNDEFINED
                || byStatus == Reason.SECURITYERROR || byStatus == Reason.SYSTEMERROR) {
            return f.says(Reason.REJECTED);
        }
        return false;
    }

    /** Reply codes 401-407 and 501-507: the server did not understand a command. */
    private static boolean isSyntaxError(Facts f) {
        if (f.reason == Reason.SYNTAXERROR) return true;
        if (f.replyCode.length() != 3) return false;
        char c = f.replyCode.charAt(0);
        return (c == '4' || c == '5') && f.replyCode.charAt(1) == '0'
                && f.replyCode.charAt(2) >= '1' && f.replyCode.charAt(2) <= '7';
    }
}
