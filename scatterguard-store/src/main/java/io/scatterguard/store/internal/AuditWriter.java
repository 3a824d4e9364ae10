package io.scatterguard.store.internal;

import io.scatterguard.store.AuditRecord;
import io.scatterguard.store.AuditTrail;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The audit trail's background writer: SMTP threads put records on a bounded queue and go on; one
 * thread takes up to a batch at a time and writes it in one database transaction. A full queue
 * drops the record and counts it (the JSON event log still has it) instead of stalling mail; a
 * failing database is retried with growing pauses, holding the batch while the queue absorbs new
 * records. {@link #close} stops taking records and writes what is queued.
 */
final class AuditWriter implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("io.scatterguard.store.audit");

    private final BlockingQueue<AuditRecord> queue;
    private final int batchSize;
    private final Duration flushInterval;
    private final Consumer<List<AuditRecord>> sink;
    private final Thread thread;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failedBatches = new AtomicLong();
    private final AtomicLong lost = new AtomicLong(); // accepted into the queue, then given up at close
    private final Object progress = new Object();
    private volatile boolean closing;
    private long lastDropLog;

    AuditWriter(int capacity, int batchSize, Duration flushInterval, Consumer<List<AuditRecord>> sink) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.batchSize = batchSize;
        this.flushInterval = flushInterval;
        this.sink = sink;
        this.thread = Thread.ofPlatform().name("scatterguard-audit-writer").daemon(true).unstarted(this::run);
        thread.start();
    }

    boolean offer(AuditRecord r) {
        if (closing || !queue.offer(r)) {
            long n = dropped.incrementAndGet();
            long now = System.nanoTime();
            synchronized (this) {
                if (now - lastDropLog > TimeUnit.SECONDS.toNanos(10) || n == 1) {
                    lastDropLog = now;
                    LOG.log(System.Logger.Level.WARNING, "audit trail: " + (closing ? "store closing" : "queue full")
                            + "; " + n + " record(s) dropped so far (the JSON event log still has every decision)");
                }
            }
            return false;
        }
        accepted.incrementAndGet();
        return true;
    }

    private void run() {
        List<AuditRecord> batch = new ArrayList<>(batchSize);
        long pauseMs = 0;
        while (true) {
            try {
                if (batch.isEmpty()) {
                    AuditRecord first = queue.poll(flushInterval.toMillis(), TimeUnit.MILLISECONDS);
                    if (first == null) {
                        if (closing && queue.isEmpty()) return;
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, batchSize - 1);
                }
                try {
                    sink.accept(batch);
                    written.addAndGet(batch.size());
                    batch.clear();
                    pauseMs = 0;
                    synchronized (progress) {
                        progress.notifyAll();
                    }
                } catch (RuntimeException e) {
                    failedBatches.incrementAndGet();
                    pauseMs = Math.min(30_000, Math.max(500, pauseMs * 2));
                    LOG.log(System.Logger.Level.WARNING, "audit trail: cannot write " + batch.size() + " record(s), retrying in "
                            + pauseMs + " ms: " + e.getMessage());
                    if (closing) {
                        int n = batch.size() + queue.size();
                        dropped.addAndGet(n);
                        lost.addAndGet(n);
                        LOG.log(System.Logger.Level.ERROR, "audit trail: store closing while the database fails; "
                                + n + " record(s) not written");
                        queue.clear();
                        batch.clear();
                        synchronized (progress) {
                            progress.notifyAll();
                        }
                        return;
                    }
                    Thread.sleep(pauseMs);
                }
            } catch (InterruptedException e) {
                if (!closing) Thread.currentThread().interrupt();
                closing = true;
            }
        }
    }

    /** Waits until every record accepted before the call is written (or dropped). */
    boolean flush(Duration timeout) {
        long target = accepted.get();
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (written.get() + droppedAfterAccept() < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !thread.isAlive()) return written.get() + droppedAfterAccept() >= target;
                try {
                    progress.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    private long droppedAfterAccept() {
        return lost.get();
    }

    AuditTrail.WriterStats stats() {
        return new AuditTrail.WriterStats(queue.size(), written.get(), dropped.get(), failedBatches.get());
    }

    @Override
    public void close() {
        closing = true;
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.log(System.Logger.Level.ERROR, "audit trail: writer did not finish within 30 s; " + queue.size()
                    + " record(s) not written");
        }
    }
}
