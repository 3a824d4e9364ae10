package io.scatterguard.mail.bounce.reason;

import io.scatterguard.mail.bounce.Reason;
import java.util.HashMap;
import java.util.Map;

/**
 * Orange / Wanadoo / La Poste refusals carry a labelled code such as "LPN007_420" or "OFR_417"
 * (postmastery.com Orange postmaster codes, smtpfieldmanual.com/provider/orange); the last three
 * digits name the reason. Without a label, a phrase about SPF/DNS means an authentication failure.
 */
final class FrancePttRules implements ProviderRules {
    private static final Map<String, Reason> CODES = new HashMap<>();
    private static final String[] LABELS = {"lpn", "lpnaaa", "ofr", "ouk"};

    static {
        put(Reason.BLOCKED, "101", "102", "103", "510", "999");
        put(Reason.TOOMANYCONN, "104");
        put(Reason.SECURITYERROR, "305", "402");
        put(Reason.AUTHFAILURE, "401", "517");
        put(Reason.REJECTED, "403", "405", "415", "421");
        put(Reason.USERUNKNOWN, "416");
        put(Reason.MAILBOXFULL, "417");
        put(Reason.SUSPEND, "420", "426");
        put(Reason.SYSTEMERROR, "505");
        put(Reason.SPAMDETECTED, "506");
        put(Reason.MESGTOOBIG, "514");
        put(Reason.POLICYVIOLATION, "630");
        // "Service refused, please try later" / "Veuillez essayer plus tard" without a stated cause:
        // Sisimai reports these as undefined rather than guessing from the words
        put(Reason.UNDEFINED, "105", "107", "108", "109", "201", "423", "424", "513");
    }

    private static void put(Reason r, String... codes) {
        for (String c : codes) CODES.put(c, r);
    }

    @Override
    public Reason find(Facts f) {
        if (!f.hasDiagnostic()) return null;
        String text = f.lower.replace('_', '-');
        for (String label : LABELS) {
            int at = text.lastIndexOf(label);
            if (at < 0) continue;
            String token = text.substring(at + label.length());
            int sp = token.indexOf(' ');
            if (sp >= 0) token = token.substring(0, sp);
            for (Map.Entry<String, Reason> e : CODES.entrySet()) {
                if (token.endsWith(e.getKey())) return e.getValue();
            }
            break;
        }
        return text.contains("spf/dns de votre nom de domaine") ? Reason.AUTHFAILURE : null;
    }
}
