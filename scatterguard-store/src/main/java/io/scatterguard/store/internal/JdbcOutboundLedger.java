package io.scatterguard.store.internal;

import io.scatterguard.mail.verdict.OutboundLedger;
import io.scatterguard.store.SentMailLedger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link SentMailLedger} in the {@code outbound_ledger} table, shared by every node. A small LRU
 * cache of IDs known to be ours (recorded here or found in the table) answers repeated look-ups
 * without the database; an ID not in the cache is one primary-key look-up. Misses are not cached:
 * another node may record the ID a moment later.
 */
public final class JdbcOutboundLedger implements SentMailLedger {
    private static final int CACHE_SIZE = 10_000;

    private final Database db;
    private final String node;
    private final Duration retention;
    private final Clock clock;
    private final Map<String, Instant> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    public JdbcOutboundLedger(Database db, String node, Duration retention, Clock clock) {
        this.db = db;
        this.node = node;
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public void record(String messageId, String sender, Instant sentAt) {
        String id = OutboundLedger.normalise(messageId);
        if (id.isEmpty()) return;
        if (id.length() > 998) throw new IllegalArgumentException("Message-ID longer than 998 characters: " + id.substring(0, 40) + "…");
        String s = Sql.fit(sender == null ? "" : sender.strip(), 512);
        db.transaction("record outbound Message-ID", c -> {
            int n;
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE outbound_ledger SET sender = ?, sender_lc = ?, sent_at = ?, node = ? WHERE message_id = ?")) {
                Sql.bind(ps, List.of(s, AuditRows.lower(s), sentAt, Sql.fit(node, 255), id));
                n = ps.executeUpdate();
            }
            if (n == 0) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO outbound_ledger (message_id, sender, sender_lc, sent_at, node) VALUES (?, ?, ?, ?, ?)")) {
                    Sql.bind(ps, List.of(id, s, AuditRows.lower(s), sentAt, Sql.fit(node, 255)));
                    ps.executeUpdate();
                } catch (SQLException e) {
                    if (!"23505".equals(e.getSQLState())) throw e;
                    // another node recorded the same ID in between: theirs is as good as ours
                }
            }
            return null;
        });
        synchronized (cache) {
            cache.put(id, sentAt);
        }
    }

    @Override
    public boolean contains(String messageId) {
        return sentAt(messageId).isPresent();
    }

    @Override
    public Optional<Instant> sentAt(String messageId) {
        String id = OutboundLedger.normalise(messageId);
        if (id.isEmpty()) return Optional.empty();
        Instant oldest = clock.instant().minus(retention);
        Instant cached;
        synchronized (cache) {
            cached = cache.get(id);
        }
        if (cached != null) {
            return cached.isBefore(oldest) ? Optional.empty() : Optional.of(cached);
        }
        Optional<Instant> found = db.read("look up an outbound Message-ID", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT sent_at FROM outbound_ledger WHERE message_id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(Sql.instant(rs, "sent_at")) : Optional.<Instant>empty();
                }
            }
        });
        if (found.isEmpty() || found.get().isBefore(oldest)) return Optional.empty();
        synchronized (cache) {
            cache.put(id, found.get());
        }
        return found;
    }

    @Override
    public Optional<Instant> lastSentFrom(String sender) {
        String s = AuditRows.lower(sender);
        if (s.isEmpty()) return Optional.empty();
        Instant oldest = clock.instant().minus(retention);
        return db.read("look up an outbound sender", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT MAX(sent_at) AS sent_at FROM outbound_ledger WHERE sender_lc = ? AND sent_at >= ?")) {
                Sql.bind(ps, List.of(s, oldest));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(Sql.instant(rs, "sent_at")) : Optional.<Instant>empty();
                }
            }
        });
    }

    @Override
    public int purgeBefore(Instant cutoff) {
        synchronized (cache) {
            cache.values().removeIf(t -> t.isBefore(cutoff));
        }
        return db.transaction("purge the outbound ledger", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM outbound_ledger WHERE sent_at < ?")) {
                Sql.bind(ps, List.of(cutoff));
                return ps.executeUpdate();
            }
        });
    }
}
