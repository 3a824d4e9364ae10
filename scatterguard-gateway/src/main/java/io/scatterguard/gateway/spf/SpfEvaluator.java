package io.scatterguard.gateway.spf;

/** Evaluates the SPF policy (RFC 7208) of a sender for a client address. */
public interface SpfEvaluator {
    /** RFC 7208 §2.6 results. */
    enum Result { PASS, FAIL, SOFTFAIL, NEUTRAL, NONE, TEMPERROR, PERMERROR }

    /**
     * @param ip       the client's address
     * @param mailFrom the MAIL FROM address ("" for the null sender: the HELO identity is checked)
     * @param helo     the HELO/EHLO name
     */
    Result evaluate(String ip, String mailFrom, String helo);
}
