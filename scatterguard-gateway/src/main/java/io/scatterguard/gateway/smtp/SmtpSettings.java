package io.scatterguard.gateway.smtp;

import java.time.Duration;

/**
 * Limits and identity of the SMTP server. Defaults follow Postfix's where it has one
 * ({@code message_size_limit}, {@code smtpd_recipient_limit}, {@code smtpd_hard_error_limit},
 * {@code smtpd_timeout}, {@code line_length_limit}).
 *
 * @param hostName          the name in the greeting and EHLO reply
 * @param maxMessageBytes   SIZE limit (advertised; larger messages get 552 5.3.4)
 * @param maxRecipients     RCPT per transaction (more get 452 4.5.3)
 * @param maxLineLength     command line length, CRLF excluded (RFC 5321: 512 with CRLF)
 * @param maxErrors         protocol errors before 421 and disconnect
 * @param maxCommands       commands per session before 421 (stops endless NOOP/RSET loops)
 * @param idleTimeout       how long to wait for the next command or data line
 * @param sessionTimeout    total lifetime of one connection
 * @param greetPause        wait before the greeting; a client that talks first is refused
 */
public record SmtpSettings(
        String hostName,
        long maxMessageBytes,
        int maxRecipients,
        int maxLineLength,
        int maxErrors,
        int maxCommands,
        Duration idleTimeout,
        Duration sessionTimeout,
        Duration greetPause) {

    public static SmtpSettings defaults(String hostName) {
        return new SmtpSettings(hostName, 25L << 20, 100, 510, 20, 1000, Duration.ofMinutes(5), Duration.ofMinutes(30),
                Duration.ofMillis(300));
    }
}
