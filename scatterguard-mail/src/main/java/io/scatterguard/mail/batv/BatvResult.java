package io.scatterguard.mail.batv;

/**
 * The outcome of checking one address's BATV tag.
 *
 * @param status   what the check found
 * @param original the untagged original address (the input when it is not tagged)
 * @param parsed   how the address was taken apart
 * @param detail   a short human explanation
 */
public record BatvResult(Status status, String original, BatvAddress parsed, String detail) {

    public enum Status {
        /** Our signature, our key, within its lifetime: the address is one we signed recently. */
        VALID,
        /** Our signature, but the expiry day is outside the lifetime window. */
        EXPIRED,
        /** Well-formed tag whose signature does not match: forged or mangled. */
        BAD_SIGNATURE,
        /** Well-formed tag signed with a key number the keyring does not hold. */
        UNKNOWN_KEY,
        /** No tag at all (including the null sender). */
        NOT_TAGGED,
        /** A {@code prvs=} prefix or sub-address whose tag does not have the {@code KDDDSSSSSS} shape. */
        MALFORMED,
        /**
         * Tagged by a scheme this verifier does not check: Barracuda {@code btv1}, SparkPost
         * {@code msprvs1}, SRS, or the {@code prvs=local=TAG} ordering.
         */
        FOREIGN_TAG
    }

    public boolean isValid() {
        return status == Status.VALID;
    }

    /** A tag we can check that fails the check: expired, bad signature, unknown key or malformed. */
    public boolean isInvalid() {
        return status == Status.EXPIRED || status == Status.BAD_SIGNATURE || status == Status.UNKNOWN_KEY
                || status == Status.MALFORMED;
    }
}
