package io.scatterguard.store;

import java.util.Locale;

/** How an SMTP transaction ended, as the audit trail and the statistics count it. */
public enum Outcome {
    /** 2xx final reply: delivered or passed to the backend. */
    ACCEPTED,
    /** 5xx: refused for good. */
    REJECTED,
    /** 4xx: the client keeps the message and tries again. */
    TEMPFAILED,
    /** 2xx, but held in the quarantine instead of delivered. */
    QUARANTINED,
    /** 2xx and dropped on purpose (mail whose sender must never be answered). */
    DISCARDED,
    /** The client left (or reset) before the transaction ended. */
    ABANDONED;

    /** The lower-case name used in the database, exports and the console. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Outcome fromId(String id) {
        try {
            return valueOf(id.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown outcome '" + id + "'; expected one of accepted, rejected, tempfailed, "
                    + "quarantined, discarded, abandoned", e);
        }
    }

    /** The outcome of a plain final reply code: 2xx accepted, 4xx temp-failed, 5xx rejected, else abandoned. */
    public static Outcome ofReplyCode(int code) {
        if (code >= 200 && code < 400) return ACCEPTED;
        if (code >= 400 && code < 500) return TEMPFAILED;
        if (code >= 500 && code < 600) return REJECTED;
        return ABANDONED;
    }
}
