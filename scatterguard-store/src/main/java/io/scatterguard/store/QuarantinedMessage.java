package io.scatterguard.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A quarantined message's record (everything but the content, which {@link QuarantineStore#raw}
 * and {@link QuarantineStore#view} read).
 *
 * @param size       size of the message as received, in bytes
 * @param releasedAt when it was released (state RELEASED), else empty
 * @param releasedBy who released it (an operator's name, or "api:…"), else empty
 * @param releasedTo where it was delivered (e.g. {@code proxy 127.0.0.1:10025}), else empty
 * @param releaseError why the last release attempt failed, if it did
 */
public record QuarantinedMessage(long id, Instant receivedAt, Instant expiresAt, String node, String sessionId,
        String clientIp, String clientName, String helo, boolean tls, String sender, List<String> recipients,
        String category, String check, String symbol, List<String> symbols, String reason, String subject,
        String messageId, long size, QuarantineState state, Optional<Instant> releasedAt, Optional<String> releasedBy,
        Optional<String> releasedTo, Optional<String> releaseError, Optional<Instant> deletedAt,
        Optional<String> deletedBy) {

    public QuarantinedMessage {
        recipients = List.copyOf(recipients);
        symbols = List.copyOf(symbols);
    }
}
