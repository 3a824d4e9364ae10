package io.scatterguard.gateway.check;

/**
 * One check at one stage (house style: Postfix restrictions, James hooks). It reads an immutable
 * context and answers a {@link Verdict}; it may throw, and the chain turns that into a temporary
 * failure — a check never causes an acceptance by failing.
 *
 * @param <C> the stage's context (client, HELO, envelope so far, the message at end of data...)
 */
public interface Check<C> {
    /** A stable name used in configuration, logs and the audit trail, e.g. "dnsbl". */
    String name();

    Verdict evaluate(C context) throws Exception;
}
