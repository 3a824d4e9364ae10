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
     * A set of distinct members over a sliding window (the envelope senders one user used in the
     * last hour), and how many it may hold before a transaction is refused.
     */
    record Members(String key, String member, Duration window, long limit) {
        public Members {
            if (member.isEmpty()) throw new IllegalArgumentException("a set's member cannot be empty");
        }
    }

    /**
     * What {@link #admit} found.
     *
     * @param members   how many distinct members the set holds now, this one included (0 without a set)
     * @param overLimit the set holds more than its limit: nothing was taken
     * @param unpaid    the first charge (in list order) that could not be paid: nothing was taken
     */
    record Admission(long members, boolean overLimit, Optional<Charge> unpaid) {
        public boolean admitted() {
            return !overLimit && unpaid.isEmpty();
        }
    }

    /**
     * One atomic step for one transaction (one round trip to Redis): adds {@code members.member()}
     * to its set (forgetting members last added more than the window ago) and, unless the set now
     * holds more than its limit, takes each charge's cost from its bucket, all or nothing — if any
     * bucket lacks the tokens, nothing is taken. A key named twice pays twice; a charge whose cost
     * exceeds its capacity can never be paid. {@code members} may be null: charges only.
     */
    Admission admit(Members members, List<Charge> charges);

    /** {@link #admit} without a set: the first charge that could not be paid, or empty when all were. */
    default Optional<Charge> take(List<Charge> charges) {
        return admit(null, charges).unpaid();
    }

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
