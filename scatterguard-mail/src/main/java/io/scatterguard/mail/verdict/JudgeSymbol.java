package io.scatterguard.mail.verdict;

import io.scatterguard.mail.verdict.JudgeEvidence.Strength;

/**
 * The findings the backscatter judge can report, each with its fixed strength and which way it
 * leans (primer §3). The names are stable: they appear in reports and logs.
 */
public enum JudgeSymbol {
    /** Ordinary mail is never backscatter. */
    NOT_AUTO_GENERATED(Strength.INFO, Leaning.OURS),
    /** ARF feedback reports answer our mail by nature and belong to abuse handling, not to the bounce path. */
    FEEDBACK_REPORT(Strength.INFO, Leaning.OURS),
    /** Read receipts (MDN) are no delivery failure and are only sent when the original asked for one. */
    READ_RECEIPT(Strength.INFO, Leaning.OURS),
    /** A null-sender message with more than one RCPT: no genuine notification does that (Haraka). */
    NULL_SENDER_MULTI_RCPT(Strength.STRONG, Leaning.BACKSCATTER),
    /** The recipient carries a BATV tag we signed, still within its lifetime. */
    BATV_VALID(Strength.STRONG, Leaning.OURS),
    /** The recipient carries a BATV tag that is forged, malformed or signed with a key we do not hold. */
    BATV_INVALID(Strength.STRONG, Leaning.BACKSCATTER),
    /** The recipient carries our BATV signature, but its lifetime is over. */
    BATV_EXPIRED(Strength.STRONG, Leaning.BACKSCATTER),
    /** We sign with BATV, yet the recipient at our domain carries no tag. */
    BATV_MISSING(Strength.WEAK, Leaning.BACKSCATTER),
    /** The recipient is tagged by a scheme we do not verify (Barracuda, SparkPost, SRS...). */
    BATV_FOREIGN(Strength.INFO, Leaning.NEUTRAL),
    /** The quoted original's Message-ID (or the Message-ID an autoreply answers) is in our outbound ledger. */
    LEDGER_HIT(Strength.STRONG, Leaning.OURS),
    /** The report names a Message-ID our outbound ledger does not know. */
    LEDGER_MISS(Strength.WEAK, Leaning.BACKSCATTER),
    /** One of our relays appears on the original's quoted Received lines; a forger can copy host names. */
    RELAY_QUOTED(Strength.WEAK, Leaning.OURS),
    /** The recipient is a role address that never sends mail (no-reply, dmarc-reports...). */
    ROLE_RECIPIENT(Strength.STRONG, Leaning.BACKSCATTER),
    /** The quoted original's From is at one of our domains; says little, since spam forges it. */
    ORIGINAL_FROM_OUR_DOMAIN(Strength.INFO, Leaning.NEUTRAL),
    /** The quoted original's From is at a domain that is not ours. */
    ORIGINAL_FROM_OTHER_DOMAIN(Strength.WEAK, Leaning.BACKSCATTER),
    /** The report quotes nothing of the original message. */
    NO_ORIGINAL(Strength.INFO, Leaning.NEUTRAL),
    /** Nothing shows that the message answers mail we sent. */
    NO_EVIDENCE(Strength.INFO, Leaning.BACKSCATTER);

    /** Which way a finding points. */
    public enum Leaning {
        /** Towards "this answers mail we sent" (not backscatter). */
        OURS,
        /** Towards backscatter. */
        BACKSCATTER,
        NEUTRAL
    }

    private final Strength strength;
    private final Leaning leaning;

    JudgeSymbol(Strength strength, Leaning leaning) {
        this.strength = strength;
        this.leaning = leaning;
    }

    public Strength strength() {
        return strength;
    }

    public Leaning leaning() {
        return leaning;
    }
}
