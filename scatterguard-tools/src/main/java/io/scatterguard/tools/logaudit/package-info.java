/**
 * {@code scatterguard logaudit}: is this server a backscatter source? Reads Postfix, Exim and
 * Sendmail logs (plain or gzip, any size, one pass with bounded memory) and reconstructs the
 * automatic notices the server sent — bounces, delay warnings, double bounces, autoreplies — by
 * following each message by queue id, then reports them by kind, recipient domain, reason and
 * time, with what to change.
 *
 * <ul>
 *   <li>{@link io.scatterguard.tools.logaudit.LogAudit}: the entry point;</li>
 *   <li>{@code LineHeaders}: syslog (traditional and RFC 3339) and Exim time stamps;</li>
 *   <li>{@code PostfixLog}, {@code EximLog}, {@code SendmailLog}: one reader per MTA behind
 *       {@code MtaLog}, a cheap "is this line mine?" by program name first;</li>
 *   <li>{@code MessageTable}: messages being followed, bounded, with a settle window for
 *       lines that link messages after one has ended;</li>
 *   <li>{@link io.scatterguard.tools.logaudit.AuditReport}: the aggregate;
 *       {@link io.scatterguard.tools.logaudit.AuditText} and
 *       {@link io.scatterguard.tools.logaudit.AuditJson} write it; {@code Advice} says what to change.</li>
 * </ul>
 */
package io.scatterguard.tools.logaudit;
