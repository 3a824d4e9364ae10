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
    /** Host names of the reporting side (from the bounce's own Received headers). */
    String localHosts = "";
    String destination = "";

    /** Sets the diagnostic; the lower-cased copy is padded with a space at each end for phrase tests. */
    void diagnostic(String text) {
        diagnostic = text == null ? "" : text;
        lower = diagnostic.isEmpty() ? "" : " " + diagnostic.toLowerCase(Locale.ROOT) + " ";
    }

    boolean hasDiagnostic() {
        return !diagnostic.isEmpty();
    }
}
