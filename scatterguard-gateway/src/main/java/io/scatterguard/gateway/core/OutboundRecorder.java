package io.scatterguard.gateway.core;

/**
 * Records the Message-ID (and envelope sender) of a message we are sending, so that a bounce
 * quoting it later is known to answer our mail. Whatever keeps the outbound ledger (in memory, and
 * the store shared by every node) implements this; senders depend only on it. Must be thread-safe;
 * blank IDs are ignored.
 */
@FunctionalInterface
public interface OutboundRecorder {
    void record(String messageId, String sender);
}
