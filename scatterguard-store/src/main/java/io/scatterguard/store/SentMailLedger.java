package io.scatterguard.store;

import io.scatterguard.mail.verdict.OutboundLedger;
import java.time.Instant;
import java.util.Optional;

/**
 * The outbound ledger in the store, shared by every node: the Message-IDs and envelope senders of
 * mail we sent, each forgotten after the ledger retention. {@link #contains} is what the inbound
 * backscatter judge asks; it answers from a small in-process cache first. A database failure is
 * thrown ({@link StoreException}), never answered "not ours", so the gateway says 451.
 */
public interface SentMailLedger extends OutboundLedger {

    /** Records a message we sent at {@code sentAt}; a blank Message-ID is ignored. */
    void record(String messageId, String sender, Instant sentAt);

    /** When we last sent mail from this envelope sender (any case), within the retention. */
    Optional<Instant> lastSentFrom(String sender);

    /** Forgets what was sent before {@code cutoff}; returns how many entries went. */
    int purgeBefore(Instant cutoff);
}
