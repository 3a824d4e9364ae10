package io.scatterguard.mail.verdict;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@link OutboundLedger} in memory: at most {@code capacity} IDs, each forgotten after
 * {@code maxAge} (bounces of real mail arrive within days; the oldest entries go first when full).
 * For tests, file scans and small installations; the gateway keeps a persistent one.
 * Thread-safe.
 */
public final class InMemoryOutboundLedger implements OutboundLedger {
    private final int capacity;
    private final Duration maxAge;
    private final Clock clock;
    private final LinkedHashMap<String, Instant> sent = new LinkedHashMap<>();

    public InMemoryOutboundLedger(int capacity, Duration maxAge) {
        this(capacity, maxAge, Clock.systemUTC());
    }

    public InMemoryOutboundLedger(int capacity, Duration maxAge, Clock clock) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be positive: " + capacity);
        if (maxAge.isNegative() || maxAge.isZero()) throw new IllegalArgumentException("maxAge must be positive: " + maxAge);
        this.capacity = capacity;
        this.maxAge = maxAge;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Remembers a Message-ID we sent now. */
    public void record(String messageId) {
        record(messageId, clock.instant());
    }

    /** Remembers a Message-ID we sent at {@code sentAt}. Blank IDs are ignored. */
    public synchronized void record(String messageId, Instant sentAt) {
        String id = OutboundLedger.normalise(messageId);
        if (id.isEmpty()) return;
        sent.remove(id); // re-insert so insertion order stays "oldest first"
        sent.put(id, sentAt);
        while (sent.size() > capacity) {
            Iterator<Map.Entry<String, Instant>> it = sent.entrySet().iterator();
            it.next();
            it.remove();
        }
    }

    @Override
    public boolean contains(String messageId) {
        return sentAt(messageId).isPresent();
    }

    @Override
    public synchronized Optional<Instant> sentAt(String messageId) {
        String id = OutboundLedger.normalise(messageId);
        Instant at = sent.get(id);
        if (at == null) return Optional.empty();
        if (at.plus(maxAge).isBefore(clock.instant())) {
            sent.remove(id);
            return Optional.empty();
        }
        return Optional.of(at);
    }

    public synchronized int size() {
        return sent.size();
    }
}
