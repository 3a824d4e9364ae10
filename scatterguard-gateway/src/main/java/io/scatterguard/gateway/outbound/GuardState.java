package io.scatterguard.gateway.outbound;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The counters and memories behind the outbound guard: one node's memory by default, or a Redis
 * server that several gateway nodes share, so that a sender's limit holds whichever node it uses.
 * Every operation is atomic on its own (in Redis: one Lua script per call). Keys are plain strings
 * chosen by the guard ({@code "rate:user:alice"}); an implementation may prefix them.
 */
public interface GuardState extends AutoCloseable {

    /**
     * One token bucket to draw from: it holds at most {@code capacity} tokens and refills at
     * {@code capacity} tokens per {@code period}; {@code cost} tokens are taken. A bucket seen for the
     * first time is full.
     */
    record Charge(String key, long capacity, Duration period, long cost) {
        public Charge {
            if (capacity < 1 || cost < 0 || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("bad charge " + key + ": " + capacity + "/" + period + " cost " + cost);
            }
        }
    }

    /**
     * Takes each charge's cost from its bucket, all or nothing: if any bucket lacks the tokens,
     * nothing is taken and the first charge (in list order) that could not be paid is returned.
     * A charge whose cost exceeds its capacity can never be paid.
     */
    Optional<Charge> take(List<Charge> charges);

    /**
     * Adds {@code member} to the set at {@code key}, forgetting members last added more than
     * {@code window} ago, and answers how many distinct members the set now holds (including this one).
     */
    long distinct(String key, String member, Duration window);

    /**
     * True if {@code key} was not marked within the last {@code period}, and marks it now; false
     * (and the old mark is kept) otherwise. This is how "at most once per period" is kept.
     */
    boolean firstWithin(String key, Duration period);

    /** Stores {@code value} under every key of {@code keys} for {@code ttl}, replacing older values. */
    void remember(List<String> keys, String value, Duration ttl);

    /** The value of the first key of {@code keys} that holds one. */
    Optional<String> recall(List<String> keys);

    /** Releases connections; the in-memory state simply forgets. */
    @Override
    void close();

    /** Thrown when the shared state cannot be reached; the guard answers 451 then, never accepts blind. */
    final class UnavailableException extends RuntimeException {
        public UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
