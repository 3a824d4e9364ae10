package io.scatterguard.gateway.core;

/**
 * Records the Message-ID of a message we are sending, so that a bounce quoting it later is known
 * to answer our mail. Whatever keeps the outbound ledger (in memory today, a database later)
 * implements this; senders depend only on it. Must be thread-safe; blank IDs are ignored.
 */
@FunctionalInterface
public interface OutboundRecorder {
    void record(String messageId);
}
