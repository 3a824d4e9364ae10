package io.scatterguard.gateway.core;

import io.scatterguard.store.AuditEntry;
import io.scatterguard.store.AuditQuery;
import io.scatterguard.store.Store;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * Waits for audit rows a session writes as it closes: the client has its last reply (and has gone)
 * before the server's side of the session ends, so an "abandoned" record may come just after.
 */
final class AuditAwait {
    private AuditAwait() {}

    /** The audit trail once {@code done} holds for it, or as it is after 10 s. */
    static List<AuditEntry> rows(Store store, Predicate<List<AuditEntry>> done) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            store.audit().flush(Duration.ofSeconds(10));
            List<AuditEntry> rows = store.audit().search(AuditQuery.all().limit(1000)).items();
            if (done.test(rows) || System.nanoTime() > end) return rows;
            Thread.sleep(50);
        }
    }
}
