package io.scatterguard.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A message to hold, as the gateway knows it at end of data: the raw bytes as received (CRLF, dots
 * undone), the envelope, the client, and the verdict that quarantined it.
 *
 * @param category  lower-case word such as {@code spam}, {@code virus}, {@code backscatter}, {@code policy};
 *                  it selects the retention
 * @param check     the name of the check that quarantined it
 * @param symbol    that check's symbol (e.g. {@code SPAMD_SPAM})
 * @param symbols   every symbol the transaction collected, for search and display
 */
public record QuarantineRequest(Instant receivedAt, String sessionId, String clientIp, String clientName, String helo,
        boolean tls, String sender, List<String> recipients, String category, String check, String symbol,
        List<String> symbols, String reason, String subject, String messageId, byte[] raw) {

    public QuarantineRequest {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(raw, "raw");
        recipients = List.copyOf(recipients);
        symbols = List.copyOf(symbols);
        if (recipients.isEmpty()) throw new IllegalArgumentException("a quarantined message needs at least one recipient");
        if (category == null || category.isBlank()) throw new IllegalArgumentException("category is required");
        sessionId = Objects.requireNonNullElse(sessionId, "");
        clientIp = Objects.requireNonNullElse(clientIp, "");
        clientName = Objects.requireNonNullElse(clientName, "");
        helo = Objects.requireNonNullElse(helo, "");
        sender = Objects.requireNonNullElse(sender, "");
        check = Objects.requireNonNullElse(check, "");
        symbol = Objects.requireNonNullElse(symbol, "");
        reason = Objects.requireNonNullElse(reason, "");
        subject = Objects.requireNonNullElse(subject, "");
        messageId = Objects.requireNonNullElse(messageId, "");
    }
}
