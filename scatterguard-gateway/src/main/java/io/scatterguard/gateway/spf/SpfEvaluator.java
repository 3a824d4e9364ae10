package io.scatterguard.gateway.spf;

/** Evaluates the SPF policy (RFC 7208) of a sender for a client address. */
public interface SpfEvaluator {
    /** RFC 7208 §2.6 results. */
    enum Result { PASS, FAIL, SOFTFAIL, NEUTRAL, NONE, TEMPERROR, PERMERROR }

    /**
     * A result and, for {@code FAIL}, the explanation the sender's domain publishes with {@code exp=}
     * (RFC 7208 §6.2), macros expanded; the explanation is empty when there is none.
     */
    record Outcome(Result result, String explanation) {
        public Outcome {
            if (result == null || explanation == null) throw new IllegalArgumentException("result and explanation are required");
        }
    }

    /**
     * @param ip       the client's address
     * @param mailFrom the MAIL FROM address ("" for the null sender: the HELO identity is checked)
     * @param helo     the HELO/EHLO name
     */
    Outcome evaluate(String ip, String mailFrom, String helo);
}
