package io.scatterguard.tools.logaudit;

/**
 * Why one recipient of the original message failed, as the log says it.
 *
 * @param recipient the recipient that failed
 * @param status    the RFC 3463 code the MTA logged ({@code dsn=5.1.1}), or ""
 * @param text      the MTA's explanation ({@code unknown user: "nobody"}, the remote reply...)
 * @param agent     what produced the failure: {@code local}, {@code virtual}, {@code smtp},
 *                  {@code lmtp}, {@code pipe} (Postfix), the Exim transport or router, the Sendmail mailer
 * @param remote    true when another server gave the reply (the text quotes it), false when this
 *                  server decided after accepting the message (its local delivery, its own checks)
 */
public record Failure(String recipient, String status, String text, String agent, boolean remote) {}
