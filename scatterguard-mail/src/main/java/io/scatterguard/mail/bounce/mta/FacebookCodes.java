package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.bounce.Reason;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Facebook's mail response codes ({@code RCP-P2}, {@code POL-T1}, ...), which Facebook's bounces
 * ("Sorry, your message could not be delivered" from {@code mailer-daemon@mx.facebook.com}) put in the
 * Diagnostic-Code; each code is documented with its cause, so it states the reason.
 */
final class FacebookCodes {
    private FacebookCodes() {}

    private static final Pattern CODE = Pattern.compile("\\b([A-Z]{3}-[PT]\\d)\\b");
    private static final Map<String, Reason> CODES = Map.ofEntries(
            Map.entry("RCP-P1", Reason.USERUNKNOWN), Map.entry("INT-P1", Reason.USERUNKNOWN),
            Map.entry("INT-P3", Reason.USERUNKNOWN), Map.entry("INT-P4", Reason.USERUNKNOWN),
            Map.entry("RCP-P2", Reason.FILTERED), Map.entry("RCP-P3", Reason.FILTERED),
            Map.entry("MSG-P1", Reason.MESGTOOBIG), Map.entry("INT-P2", Reason.MESGTOOBIG),
            Map.entry("MSG-P2", Reason.CONTENTERROR), Map.entry("MSG-P3", Reason.CONTENTERROR),
            Map.entry("POL-P6", Reason.CONTENTERROR), Map.entry("POL-P7", Reason.CONTENTERROR),
            Map.entry("POL-P1", Reason.SECURITYERROR), Map.entry("POL-P2", Reason.SECURITYERROR),
            Map.entry("POL-P5", Reason.SECURITYERROR),
            Map.entry("POL-P3", Reason.NOTACCEPT), Map.entry("POL-P4", Reason.NOTACCEPT),
            Map.entry("POL-T1", Reason.NOTACCEPT), Map.entry("POL-T2", Reason.NOTACCEPT),
            Map.entry("POL-T3", Reason.NOTACCEPT),
            Map.entry("DNS-P1", Reason.REJECTED), Map.entry("DNS-P2", Reason.REJECTED),
            Map.entry("DNS-T1", Reason.REJECTED), Map.entry("DNS-P3", Reason.REJECTED),
            Map.entry("DNS-T2", Reason.REJECTED),
            Map.entry("CON-T1", Reason.SYSTEMERROR), Map.entry("CON-T3", Reason.TOOMANYCONN),
            Map.entry("RCP-T4", Reason.SUSPEND));

    /** Sets the reason a Facebook response code in the diagnostic names. */
    static void refine(DeliveryStatus.Builder b) {
        Matcher m = CODE.matcher(b.diagnostic());
        if (!m.find()) return;
        Reason r = CODES.get(m.group(1));
        if (r == null && m.group(1).startsWith("INT-T")) r = Reason.SYSTEMERROR;
        if (r != null) b.reason(r);
    }
}
