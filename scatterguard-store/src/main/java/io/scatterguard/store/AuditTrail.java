package io.scatterguard.store;

import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The audit trail: one row per SMTP transaction decision, searchable and exportable.
 *
 * <p>{@link #record} only queues: a background writer stores the rows in batches so that the SMTP
 * path never waits for the database. The queue is bounded; when it is full a row is dropped and
 * counted ({@link WriterStats#dropped()}) rather than block the mail flow. {@link #flush} and
 * closing the {@link Store} write what is queued.
 */
public interface AuditTrail {

    /** Queues the record for the background writer; returns false when it was dropped (queue full or closed). */
    boolean record(AuditRecord record);

    /** Writes the records now, in one transaction (bulk loads, tests). */
    void writeNow(List<AuditRecord> records);

    /** Waits until everything queued before this call is written; false when the time ran out. */
    boolean flush(Duration timeout);

    Optional<AuditEntry> get(long id);

    /** One page of matches, newest first. */
    Page<AuditEntry> search(AuditQuery query);

    /**
     * Writes every match (limit and cursor ignored), newest first, as CSV with a header line
     * (RFC 4180; cells that a spreadsheet would run as a formula are prefixed with {@code '}).
     * Streams: memory stays flat however many rows match. Returns the number of rows.
     */
    long exportCsv(AuditQuery query, Writer out) throws IOException;

    /** Writes every match as one JSON array of objects, streaming. Returns the number of rows. */
    long exportJson(AuditQuery query, Writer out) throws IOException;

    /** Deletes the rows older than {@code cutoff}; returns how many transactions went. */
    int purgeBefore(Instant cutoff);

    WriterStats writerStats();

    /**
     * The background writer's counters since start.
     *
     * @param queued        rows waiting now
     * @param written       rows stored
     * @param dropped       rows lost because the queue was full (or the store closing)
     * @param failedBatches batches the database refused (they are retried until the queue must drop)
     */
    record WriterStats(int queued, long written, long dropped, long failedBatches) {}
}
