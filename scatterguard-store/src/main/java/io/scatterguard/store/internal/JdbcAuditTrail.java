package io.scatterguard.store.internal;

import io.scatterguard.store.AuditEntry;
import io.scatterguard.store.AuditQuery;
import io.scatterguard.store.AuditRecord;
import io.scatterguard.store.AuditTrail;
import io.scatterguard.store.Page;
import io.scatterguard.store.StoreSettings;
import java.io.IOException;
import java.io.Writer;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@link AuditTrail} over JDBC with the batching {@link AuditWriter} in front. */
public final class JdbcAuditTrail implements AuditTrail, AutoCloseable {
    private static final int EXPORT_PAGE = 1000;
    private static final int PURGE_CHUNK = 5000;

    private final Database db;
    private final AuditWriter writer;

    public JdbcAuditTrail(Database db, StoreSettings settings) {
        this.db = db;
        this.writer = new AuditWriter(settings.auditQueueCapacity(), settings.auditBatchSize(), settings.auditFlushInterval(),
                this::writeNow);
    }

    @Override
    public boolean record(AuditRecord record) {
        return writer.offer(record);
    }

    @Override
    public void writeNow(List<AuditRecord> records) {
        if (records.isEmpty()) return;
        db.transaction("write " + records.size() + " audit record(s)", c -> {
            AuditRows.insert(db, c, records);
            return null;
        });
    }

    @Override
    public boolean flush(Duration timeout) {
        return writer.flush(timeout);
    }

    @Override
    public Optional<AuditEntry> get(long id) {
        return db.read("read audit record " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + AuditRows.TX_COLUMNS + " FROM audit_tx t WHERE t.id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return AuditRows.read(c, rs).stream().findFirst();
                }
            }
        });
    }

    @Override
    public Page<AuditEntry> search(AuditQuery q) {
        AuditSearch s = AuditSearch.of(q, q.limit() + 1);
        return db.read("search the audit trail", c -> {
            List<AuditEntry> rows;
            try (PreparedStatement ps = c.prepareStatement(s.sql)) {
                Sql.bind(ps, s.params);
                try (ResultSet rs = ps.executeQuery()) {
                    rows = AuditRows.read(c, rs);
                }
            }
            boolean more = rows.size() > q.limit();
            List<AuditEntry> items = more ? rows.subList(0, q.limit()) : rows;
            Optional<String> next = more
                    ? Optional.of(Sql.cursor(items.getLast().record().time(), items.getLast().id()))
                    : Optional.empty();
            return new Page<>(items, next);
        });
    }

    /** Calls {@code each} for every match, newest first, a page at a time (no cursor held open between pages). */
    private long forEach(AuditQuery q, RowConsumer each) throws IOException {
        AuditQuery page = q.limit(EXPORT_PAGE).after(null);
        long n = 0;
        while (true) {
            Page<AuditEntry> p = search(page);
            for (AuditEntry e : p.items()) {
                each.accept(e);
                n++;
            }
            if (p.next().isEmpty()) return n;
            page = page.after(p.next().get());
        }
    }

    @FunctionalInterface
    private interface RowConsumer {
        void accept(AuditEntry e) throws IOException;
    }

    @Override
    public long exportCsv(AuditQuery query, Writer out) throws IOException {
        AuditExport.csvHeader(out);
        long n = forEach(query, e -> AuditExport.csvRow(out, e));
        out.flush();
        return n;
    }

    @Override
    public long exportJson(AuditQuery query, Writer out) throws IOException {
        out.write("[");
        long n = forEach(query, new RowConsumer() {
            boolean first = true;

            @Override
            public void accept(AuditEntry e) throws IOException {
                out.write(first ? "\n" : ",\n");
                first = false;
                AuditExport.json(out, e);
            }
        });
        out.write(n == 0 ? "]\n" : "\n]\n");
        out.flush();
        return n;
    }

    @Override
    public int purgeBefore(Instant cutoff) {
        int total = 0;
        while (true) {
            int n = db.transaction("purge the audit trail", c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "DELETE FROM audit_tx WHERE id IN (SELECT id FROM audit_tx WHERE at < ? ORDER BY at LIMIT " + PURGE_CHUNK + ")")) {
                    Sql.bind(ps, List.of(cutoff));
                    return ps.executeUpdate();
                }
            });
            total += n;
            if (n < PURGE_CHUNK) return total;
        }
    }

    @Override
    public WriterStats writerStats() {
        return writer.stats();
    }

    @Override
    public void close() {
        writer.close();
    }
}
