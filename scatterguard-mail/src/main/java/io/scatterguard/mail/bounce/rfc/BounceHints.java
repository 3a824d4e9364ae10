package io.scatterguard.mail.bounce.rfc;

import io.scatterguard.mail.parse.ParsedMessage;

/**
 * Cheap header-only signs that a message is a delivery report: null envelope sender, a
 * MAILER-DAEMON/postmaster sender, or a subject MTAs use for bounces. Used by parsers whose format
 * has no distinctive header of its own.
 */
public final class BounceHints {
    private BounceHints() {}

    private static final String[] SUBJECTS = {
        "undeliver", "undelivered", "returned mail", "delivery status", "delivery failure", "delivery fail",
        "failure notice", "mail delivery", "delivery notification", "non delivery", "non-delivery", "nondeliver",
        "could not be delivered", "mail failed", "mail system error", "postmaster notify", "warning:",
        "delayed mail", "returned to sender", "delivery report", "bounce", "rejected", "failed", "delivery problem",
        "not delivered", "error", "unzustellbar", "notification"
    };

    public static boolean looksLikeBounce(ParsedMessage m) {
        String env = m.envelopeSender();
        if (env != null && (env.isEmpty() || env.equals("<>"))) return true;
        String from = m.headers().lower("From");
        if (from.contains("mailer-daemon") || from.contains("postmaster") || from.contains("mail delivery")
                || from.contains("mail-daemon") || from.contains("mailerdaemon")) return true;
        String rp = m.headers().lower("Return-Path");
        if (rp.equals("<>") || rp.contains("mailer-daemon")) return true;
        String s = m.subjectLower();
        for (String k : SUBJECTS) {
            if (s.contains(k)) return true;
        }
        return false;
    }
}
