package io.scatterguard.console.internal;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.scatterguard.store.AuditTrail;
import io.scatterguard.store.QuarantineState;
import io.scatterguard.store.Store;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The store's meters: quarantined messages by state, and the audit writer's queue, rows written,
 * rows dropped (queue full) and batches the database refused. The quarantine is counted when
 * Prometheus scrapes (a grouped count over an indexed column); a store that cannot answer shows 0
 * for that scrape and counts the failure in {@code scatterguard_store_read_errors_total}.
 */
final class StoreMetrics implements MeterBinder {
    private final Store store;
    private final AtomicLong readErrors = new AtomicLong();

    StoreMetrics(Store store) {
        this.store = store;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        // Micrometer holds a gauge's object weakly unless told otherwise; these gauges keep this binder alive.
        for (QuarantineState s : QuarantineState.values()) {
            Gauge.builder("scatterguard.quarantine.messages", this, m -> m.count(s)).description("Messages in the quarantine")
                    .tag("state", s.name().toLowerCase(Locale.ROOT)).strongReference(true).register(registry);
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
        FunctionCounter.builder("scatterguard.store.read.errors", readErrors, AtomicLong::get)
                .description("Store queries for metrics that failed").register(registry);
    }

    private double count(QuarantineState s) {
        try {
            return store.quarantine().countByState().getOrDefault(s, 0L);
        } catch (RuntimeException e) {
            readErrors.incrementAndGet();
            return 0;
        }
    }
}
