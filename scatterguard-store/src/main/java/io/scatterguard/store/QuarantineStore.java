package io.scatterguard.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Held mail: messages a check quarantined instead of refusing, kept for review and never bounced.
 * {@link #put} is synchronous and durable (the gateway answers 250 only after it returns). A message
 * is released at most once across every node sharing the store: {@link #release} claims it with one
 * conditional UPDATE, delivers, then records who released it, when, and where to.
 */
public interface QuarantineStore {

    /** Stores the message and its record in one transaction, durably; returns the new id. */
    long put(QuarantineRequest request);

    /** The record, or empty for an unknown id (deleted and expired records are gone). */
    Optional<QuarantinedMessage> get(long id);

    /** The message exactly as received, or empty when unknown or deleted. */
    Optional<byte[]> raw(long id);

    /** The message made safe to show, its text cut at {@code maxTextChars}; empty when unknown or deleted. */
    Optional<MessageView> view(long id, int maxTextChars);

    /** A page of records, newest first. */
    Page<QuarantinedMessage> list(QuarantineQuery query);

    /** How many records are in each state (deleted included). */
    java.util.Map<QuarantineState, Long> countByState();

    /**
     * Delivers the message once: claims it (HELD to RELEASING, atomically), calls {@code delivery}
     * with the raw message, then marks it RELEASED with {@code by}, the time and {@code target}. If the
     * delivery throws, the claim is returned (state HELD, the error recorded) and the exception is
     * rethrown as {@link ReleaseRefusedException.Reason#DELIVERY_FAILED}, so it can be tried again.
     *
     * @throws ReleaseRefusedException when it is unknown, already released, being released, or deleted
     */
    QuarantinedMessage release(long id, String by, String target, Delivery delivery) throws ReleaseRefusedException;

    /**
     * Deletes the content and marks the record DELETED (kept until it expires, so the console can
     * show who deleted what). A message being released cannot be deleted.
     *
     * @throws ReleaseRefusedException when it is unknown, already deleted or being released
     */
    void delete(long id, String by) throws ReleaseRefusedException;

    /** Removes every record whose retention ended before {@code now}; returns how many. */
    int purgeExpired(Instant now);

    /** Delivers a message being released; throws when the destination did not take it. */
    @FunctionalInterface
    interface Delivery {
        void deliver(QuarantinedMessage message, byte[] raw) throws Exception;
    }
}
