package io.scatterguard.console.internal;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.scatterguard.store.AuditTrail;
import io.scatterguard.store.QuarantineState;
import io.scatterguard.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The store's meters: quarantined messages by state, and the audit writer's queue, rows written,
 * rows dropped (queue full) and batches the database refused. The quarantine is counted with one
 * query, at most every few seconds however often Prometheus scrapes; a store that cannot answer
 * leaves the last figures and counts the failure in {@code scatterguard_store_read_errors_total}.
 */
final class StoreMetrics implements MeterBinder {
    private static final Duration CACHE = Duration.ofSeconds(5);
    private final Store store;
    private final Clock clock;
    private volatile Map<QuarantineState, Long> counts = new EnumMap<>(QuarantineState.class);
    private volatile Instant countedAt = Instant.EPOCH;
    private volatile long readErrors;

    StoreMetrics(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (QuarantineState s : QuarantineState.values()) {
            Gauge.builder("scatterguard.quarantine.messages", this, m -> m.count(s)).description("Messages in the quarantine")
                    .tag("state", s.name().toLowerCase(Locale.ROOT)).register(registry);
        }
        AuditTrail audit = store.audit();
        Gauge.builder("scatterguard.store.audit.queued", audit, a -> a.writerStats().queued())
                .description("Audit rows waiting for the background writer").register(registry);
        FunctionCounter.builder("scatterguard.store.audit.written", audit, a -> a.writerStats().written())
                .description("Audit rows stored").register(registry);
        FunctionCounter.builder("scatterguard.store.audit.dropped", audit, a -> a.writerStats().dropped())
                .description("Audit rows lost because the writer's queue was full").register(registry);
        FunctionCounter.builder("scatterguard.store.audit.failed.batches", audit, a -> a.writerStats().failedBatches())
                .description("Audit batches the database refused (retried until the queue must drop)").register(registry);
        FunctionCounter.builder("scatterguard.store.read.errors", this, m -> m.readErrors)
                .description("Store queries for metrics that failed").register(registry);
    }

    private double count(QuarantineState s) {
        Instant now = clock.instant();
        if (now.isAfter(countedAt.plus(CACHE))) {
            synchronized (this) {
                if (now.isAfter(countedAt.plus(CACHE))) {
                    try {
                        Map<QuarantineState, Long> fresh = new EnumMap<>(QuarantineState.class);
                        fresh.putAll(store.quarantine().countByState());
                        counts = fresh;
                    } catch (RuntimeException e) {
                        readErrors++;
                    }
                    countedAt = now;
                }
            }
        }
        return counts.getOrDefault(s, 0L);
    }
}
