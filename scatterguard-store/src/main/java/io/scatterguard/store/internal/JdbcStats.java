package io.scatterguard.store.internal;

import io.scatterguard.store.Outcome;
import io.scatterguard.store.StoreStats;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link StoreStats} as SQL aggregates over the audit trail. Time buckets are computed in the
 * database from the epoch seconds (the same expression on H2 and PostgreSQL), so only one row per
 * bucket and outcome comes back whatever the traffic.
 */
public final class JdbcStats implements StoreStats {
    private static final int MAX_BUCKETS = 10_000;

    private final Database db;

    public JdbcStats(Database db) {
        this.db = db;
    }

    @Override
    public List<OutcomeBucket> outcomesOverTime(Instant from, Instant to, Duration bucket) {
        long seconds = bucket.toSeconds();
        if (seconds < 1) throw new IllegalArgumentException("bucket must be at least one second: " + bucket);
        if (!to.isAfter(from)) throw new IllegalArgumentException("'to' must be after 'from'");
        long first = Math.floorDiv(from.getEpochSecond(), seconds);
        long last = Math.floorDiv(to.getEpochSecond() - 1, seconds);
        if (last - first + 1 > MAX_BUCKETS) {
            throw new IllegalArgumentException("too many buckets (" + (last - first + 1) + "); use a larger bucket than " + bucket);
        }
        // the bucket size is a validated number, written into the SQL so GROUP BY sees one expression
        String b = "FLOOR(EXTRACT(EPOCH FROM at) / " + seconds + ")";
        Map<Long, Map<Outcome, Long>> counts = new TreeMap<>();
        db.read("count outcomes over time", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + b + " AS bucket, outcome, COUNT(*) FROM audit_tx "
                    + "WHERE at >= ? AND at < ? GROUP BY " + b + ", outcome")) {
                Sql.bind(ps, List.of(from, to));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        counts.computeIfAbsent(rs.getLong(1), k -> new EnumMap<>(Outcome.class))
                                .merge(Outcome.fromId(rs.getString(2)), rs.getLong(3), Long::sum);
                    }
                }
            }
            return null;
        });
        List<OutcomeBucket> out = new ArrayList<>();
        for (long k = first; k <= last; k++) {
            Map<Outcome, Long> m = new EnumMap<>(Outcome.class);
            for (Outcome o : Outcome.values()) m.put(o, 0L);
            m.putAll(counts.getOrDefault(k, Map.of()));
            out.add(new OutcomeBucket(Instant.ofEpochSecond(k * seconds), m));
        }
        return out;
    }

    @Override
    public Map<String, Long> backscatterRefusedByCategory(Instant from, Instant to) {
        return db.read("count refused backscatter", c -> {
            Map<String, Long> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT category, COUNT(*) AS n FROM audit_tx WHERE at >= ? AND at < ? "
                    + "AND backscatter = TRUE AND outcome = 'rejected' GROUP BY category ORDER BY n DESC, category")) {
                Sql.bind(ps, List.of(from, to));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.put(rs.getString(1), rs.getLong(2));
                }
            }
            return out;
        });
    }

    @Override
    public List<Ranked> topBackscatterSources(Instant from, Instant to, int limit) {
        checkLimit(limit);
        return db.read("rank backscatter sources", c -> {
            List<Ranked> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT client_ip, MAX(helo) AS helo, COUNT(*) AS n FROM audit_tx "
                    + "WHERE at >= ? AND at < ? AND backscatter = TRUE GROUP BY client_ip ORDER BY n DESC, client_ip LIMIT ?")) {
                Sql.bind(ps, List.of(from, to, limit));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(new Ranked(rs.getString(1), rs.getString(2), rs.getLong(3)));
                }
            }
            return out;
        });
    }

    @Override
    public List<Ranked> topForgedSenders(Instant from, Instant to, int limit) {
        checkLimit(limit);
        return db.read("rank forged senders", c -> {
            List<Ranked> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT a.address_lc, COUNT(*) AS n FROM audit_tx t "
                    + "JOIN audit_address a ON a.tx_id = t.id WHERE t.at >= ? AND t.at < ? AND t.backscatter = TRUE "
                    + "AND (a.roles LIKE '%R%' OR a.roles LIKE '%X%') GROUP BY a.address_lc ORDER BY n DESC, a.address_lc LIMIT ?")) {
                Sql.bind(ps, List.of(from, to, limit));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(new Ranked(rs.getString(1), "", rs.getLong(2)));
                }
            }
            return out;
        });
    }

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > 1000) throw new IllegalArgumentException("limit must be between 1 and 1000, got " + limit);
    }
}
