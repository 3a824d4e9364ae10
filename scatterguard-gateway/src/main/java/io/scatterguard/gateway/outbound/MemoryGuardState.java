package io.scatterguard.gateway.outbound;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The guard's state in this node's memory: the default for one gateway. Each structure is guarded
 * by one lock (operations are a few map look-ups, far cheaper than the SMTP exchange around them),
 * and entries that no longer matter — full buckets, marks and memories past their time — are swept
 * out as the maps grow, so memory stays bounded by the traffic of the last period.
 */
public final class MemoryGuardState implements GuardState {
    private static final int SWEEP_EVERY = 4096;

    private final InstantSource clock;
    private final Map<String, Bucket> buckets = new HashMap<>();
    private final Map<String, TimedSet> sets = new HashMap<>();
    private final Map<String, Long> marks = new HashMap<>();
    private final Map<String, Memory> memories = new ConcurrentHashMap<>();
    private long operations;

    private static final class Bucket {
        double tokens;
        long at; // millis of the last update
        long fullAt; // millis when it will be full again: after that it may be forgotten
    }

    private record Memory(String value, long until) {}

    /** A set's members with when each was last added, and the window it was last asked about. */
    private static final class TimedSet {
        final Map<String, Long> added = new HashMap<>();
        long window;

        void forgetBefore(long now) {
            long oldest = now - window;
            added.values().removeIf(t -> t <= oldest);
        }
    }

    public MemoryGuardState() {
        this(InstantSource.system());
    }

    public MemoryGuardState(InstantSource clock) {
        this.clock = clock;
    }

    private long now() {
        return clock.millis();
    }

    @Override
    public synchronized Admission admit(Members members, List<Charge> charges) {
        long now = now();
        sweepSometimes(now);
        long count = 0;
        if (members != null) {
            TimedSet set = sets.computeIfAbsent(members.key(), k -> new TimedSet());
            set.window = members.window().toMillis();
            set.forgetBefore(now);
            set.added.put(members.member(), now);
            count = set.added.size();
            if (count > members.limit()) return new Admission(count, true, Optional.empty());
        }
        // first see that every bucket can pay (a key named twice pays twice), then take
        Map<String, Double> left = new HashMap<>();
        for (Charge c : charges) {
            Double tokens = left.get(c.key());
            if (tokens == null) {
                Bucket b = buckets.get(c.key());
                tokens = b == null ? c.capacity() : refilled(b, c, now);
            }
            if (tokens < c.cost()) return new Admission(count, false, Optional.of(c));
            left.put(c.key(), tokens - c.cost());
        }
        for (Charge c : charges) {
            Bucket b = buckets.computeIfAbsent(c.key(), k -> new Bucket());
            b.tokens = left.get(c.key());
            b.at = now;
            double perMilli = (double) c.capacity() / c.period().toMillis();
            b.fullAt = now + (long) Math.ceil((c.capacity() - b.tokens) / perMilli);
        }
        return new Admission(count, false, Optional.empty());
    }

    private static double refilled(Bucket b, Charge c, long now) {
        double perMilli = (double) c.capacity() / c.period().toMillis();
        return Math.min(c.capacity(), b.tokens + Math.max(0, now - b.at) * perMilli);
    }

    @Override
    public synchronized boolean firstWithin(String key, Duration period) {
        long now = now();
        sweepSometimes(now);
        Long until = marks.get(key);
        if (until != null && until > now) return false;
        marks.put(key, now + period.toMillis());
        return true;
    }

    @Override
    public void remember(List<String> keys, String value, Duration ttl) {
        long until = now() + ttl.toMillis();
        for (String k : keys) memories.put(k, new Memory(value, until));
        if (memories.size() % SWEEP_EVERY == 0) {
            long now = now();
            memories.values().removeIf(m -> m.until() <= now);
        }
    }

    @Override
    public Optional<String> recall(List<String> keys) {
        long now = now();
        for (String k : keys) {
            Memory m = memories.get(k);
            if (m != null && m.until() > now) return Optional.of(m.value());
        }
        return Optional.empty();
    }

    /** Entries held now (for tests and the memory benchmark). */
    public synchronized int size() {
        return buckets.size() + sets.size() + marks.size() + memories.size();
    }

    private void sweepSometimes(long now) {
        if (++operations % SWEEP_EVERY != 0) return;
        buckets.values().removeIf(b -> b.fullAt <= now);
        sets.values().removeIf(m -> {
            m.forgetBefore(now);
            return m.added.isEmpty();
        });
        marks.values().removeIf(until -> until <= now);
    }

    @Override
    public synchronized void close() {
        buckets.clear();
        sets.clear();
        marks.clear();
        memories.clear();
    }
}
