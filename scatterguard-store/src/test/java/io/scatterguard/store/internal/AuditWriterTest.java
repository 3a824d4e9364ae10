package io.scatterguard.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.store.AuditRecord;
import io.scatterguard.store.AuditTrail;
import io.scatterguard.store.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The audit writer's queue discipline, with a sink standing in for the database. */
@Timeout(30)
class AuditWriterTest {
    static AuditRecord record(int i) {
        return new AuditRecord(Instant.EPOCH.plusSeconds(i), "n", "s" + i, "192.0.2.1", "", "h", false, "a@example.net",
                List.of("b@example.com"), List.of(), List.of(), "END_OF_DATA", Outcome.ACCEPTED, 250, "250 ok", 1, "", "", false,
                OptionalLong.empty());
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfBlocking() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<AuditRecord> stored = Collections.synchronizedList(new ArrayList<>());
        AuditWriter w = new AuditWriter(5, 2, Duration.ofMillis(10), batch -> {
            try {
                release.await(); // the database hangs
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stored.addAll(batch);
        });
        int accepted = 0;
        long start = System.nanoTime();
        for (int i = 0; i < 50; i++) if (w.offer(record(i))) accepted++;
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(accepted).isBetween(5, 7); // the queue, plus the batch (at most 2) the writer may already hold
        assertThat(w.stats().dropped()).isEqualTo(50 - accepted);
        release.countDown();
        assertThat(w.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(stored).hasSize(accepted);
        assertThat(w.stats().written()).isEqualTo(accepted);
        w.close();
    }

    @Test
    void aFailingDatabaseIsRetriedWithoutLosingTheBatch() {
        AtomicInteger calls = new AtomicInteger();
        List<AuditRecord> stored = Collections.synchronizedList(new ArrayList<>());
        AuditWriter w = new AuditWriter(100, 10, Duration.ofMillis(10), batch -> {
            if (calls.incrementAndGet() == 1) throw new RuntimeException("connection refused");
            stored.addAll(batch);
        });
        for (int i = 0; i < 3; i++) assertThat(w.offer(record(i))).isTrue();
        assertThat(w.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(stored).hasSize(3);
        assertThat(w.stats().failedBatches()).isEqualTo(1);
        assertThat(w.stats().dropped()).isZero();
        w.close();
    }

    @Test
    void closeWritesWhatIsQueuedAndRefusesMore() {
        List<AuditRecord> stored = Collections.synchronizedList(new ArrayList<>());
        AuditWriter w = new AuditWriter(1000, 7, Duration.ofSeconds(5), stored::addAll);
        for (int i = 0; i < 100; i++) w.offer(record(i));
        w.close();
        assertThat(stored).hasSize(100);
        assertThat(stored.get(99)).isEqualTo(record(99));
        assertThat(w.offer(record(100))).isFalse();
        assertThat(w.stats().dropped()).isEqualTo(1);
    }

    @Test
    void batchesAreBounded() {
        List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch hold = new CountDownLatch(1);
        AuditWriter w = new AuditWriter(1000, 7, Duration.ofMillis(10), batch -> {
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sizes.add(batch.size());
        });
        for (int i = 0; i < 50; i++) w.offer(record(i));
        hold.countDown();
        assertThat(w.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(sizes).allSatisfy(n -> assertThat(n).isBetween(1, 7));
        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(50);
        w.close();
    }
}
