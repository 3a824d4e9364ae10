package io.scatterguard.mail.bounce.reason;

import io.scatterguard.mail.bounce.Reason;

/**
 * NTT docomo (mfsmax.docomo.ne.jp) says "550 Unknown user" both for a missing mailbox and for the
 * recipient's reception filter; the status code and the command it answered tell them apart
 * (5.1.1 or RCPT: no such user; 5.2.0 or DATA: filtered / refused).
 */
final class NttDocomoRules implements ProviderRules {
    private static final PhraseRules PHRASES = new PhraseRules()
            .add(Reason.MAILBOXFULL, "552 too much mail data")
            .add(Reason.SYNTAXERROR, "503 bad sequence of commands", "504 command parameter not implemented")
            .add(Reason.TOOMANYCONN, "552 too many recipients");

    @Override
    public Reason find(Facts f) {
        if (!f.hasDiagnostic()) return null;
        if (f.status.equals("5.1.1") || f.status.equals("5.0.911")) return Reason.USERUNKNOWN;
        if (f.status.equals("5.2.0")) return Reason.FILTERED;
        Reason r = PHRASES.find(f);
        if (r != null) return r;
        if (f.status.equals("5.0.0")) {
            if (f.command.equals("RCPT")) return Reason.USERUNKNOWN;
            if (f.command.equals("DATA")) return Reason.REJECTED;
        }
        return null;
    }
}
