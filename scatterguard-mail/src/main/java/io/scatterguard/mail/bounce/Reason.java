package io.scatterguard.mail.bounce;

import java.util.Locale;

/**
 * Why delivery to one recipient failed, in Sisimai's vocabulary so that results compare across
 * tools (primer §6). {@link #id()} is the lower-case name used in JSON and configuration.
 */
public enum Reason {
    AUTHFAILURE, BADREPUTATION, BLOCKED, CONTENTERROR, DELIVERED, EXCEEDLIMIT, EXPIRED,
    FAILEDSTARTTLS, FEEDBACK, FILTERED, HASMOVED, HOSTUNKNOWN, MAILBOXFULL, MAILERERROR, MESGTOOBIG,
    NETWORKERROR, NORELAYING, NOTACCEPT, NOTCOMPLIANTRFC, ONHOLD, POLICYVIOLATION, REJECTED,
    REQUIREPTR, SECURITYERROR, SPAMDETECTED, SPEEDING, SUPPRESSED, SUSPEND, SYNTAXERROR, SYSTEMERROR,
    SYSTEMFULL, TOOMANYCONN, UNDEFINED, USERUNKNOWN, VACATION, VIRUSDETECTED;

    private final String id = name().toLowerCase(Locale.ROOT);

    public String id() {
        return id;
    }

    /** userunknown, hostunknown and hasmoved never succeed on retry (Sisimai::SMTP::Failure). */
    public boolean alwaysHard() {
        return this == USERUNKNOWN || this == HOSTUNKNOWN || this == HASMOVED;
    }

    /** Parses a reason id, case-insensitively; UNDEFINED for anything unknown. */
    public static Reason of(String id) {
        if (id == null) return UNDEFINED;
        try {
            return valueOf(id.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNDEFINED;
        }
    }
}
