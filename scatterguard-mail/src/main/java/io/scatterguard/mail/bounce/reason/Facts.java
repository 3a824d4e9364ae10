package io.scatterguard.mail.bounce.reason;

import io.scatterguard.mail.bounce.Reason;
import java.util.Locale;

/**
 * What the classification looks at for one recipient, after the codes were completed: the reason
 * the parser stated (null if none), status and reply code, failed command, action, the diagnostic
 * (with repeated "550-5.7.1" continuation prefixes removed) and its lower-cased form, the remote
 * host and the recipient's domain.
 */
final class Facts {
    Reason reason;
    String status = "";
    String replyCode = "";
    String command = "";
    String action = "";
    /** Sisimai's "diagnostic type": SMTP for a server reply, X-UNIX for a local delivery program. */
    String diagType = "SMTP";
    String diagnostic = "";
    String lower = "";
    String remoteHost = "";
    /** The MTA's own message marks the failure as one it keeps retrying (Exim expiry, full mailbox). */
    boolean mtaTemporary;
    /** The bounce message, for what only it can tell (reporting host); may be null. */
    io.scatterguard.mail.parse.ParsedMessage message;
    private String localHosts;

    /** Host names of the reporting side (from the bounce's own newest Received header), computed once. */
    String localHosts() {
        if (localHosts == null) localHosts = ReportContext.localHosts(message);
        return localHosts;
    }
    String destination = "";

    /** Sets the diagnostic; the lower-cased copy is padded with a space at each end for phrase tests. */
    void diagnostic(String text) {
        diagnostic = text == null ? "" : text;
        lower = diagnostic.isEmpty() ? "" : " " + diagnostic.toLowerCase(Locale.ROOT) + " ";
        hits = null;
    }

    private java.util.BitSet hits;

    /** True when the diagnostic contains one of the reason's phrases (one scan, done on first use). */
    boolean says(Reason r) {
        if (lower.isEmpty()) return false;
        if (hits == null) hits = ReasonPatterns.scan(lower);
        return ReasonPatterns.matches(r, lower, hits);
    }

    boolean hasDiagnostic() {
        return !diagnostic.isEmpty();
    }
}
