package io.scatterguard.store.internal;

import io.scatterguard.store.AuditQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds the SQL of an audit search. The most selective indexed criterion drives the query: an
 * address (index on {@code audit_address (address_lc, at, tx_id)}), else a symbol ({@code audit_symbol
 * (symbol, at, tx_id)}), else the transactions by time. Rows come newest first by (time, id), which is
 * also the keyset of the page cursor, so a page reads about as many index entries as it returns.
 */
final class AuditSearch {
    final String sql;
    final List<Object> params;

    private AuditSearch(String sql, List<Object> params) {
        this.sql = sql;
        this.params = params;
    }

    static AuditSearch of(AuditQuery q, int limit) {
        List<Object> p = new ArrayList<>();
        StringBuilder where = new StringBuilder();
        String from;
        String at;
        String id;
        if (q.address().isPresent()) {
            from = "audit_address d JOIN audit_tx t ON t.id = d.tx_id";
            at = "d.at";
            id = "d.tx_id";
            where.append("d.address_lc = ?");
            p.add(AuditRows.lower(q.address().get()));
            q.symbol().ifPresent(s -> {
                where.append(" AND EXISTS (SELECT 1 FROM audit_symbol s WHERE s.tx_id = t.id AND s.symbol = ?)");
                p.add(s);
            });
        } else if (q.symbol().isPresent()) {
            from = "audit_symbol d JOIN audit_tx t ON t.id = d.tx_id";
            at = "d.at";
            id = "d.tx_id";
            where.append("d.symbol = ?");
            p.add(q.symbol().get());
        } else {
            from = "audit_tx t";
            at = "t.at";
            id = "t.id";
            where.append("1 = 1");
        }
        q.from().ifPresent(t -> {
            where.append(" AND ").append(at).append(" >= ?");
            p.add(t);
        });
        q.to().ifPresent(t -> {
            where.append(" AND ").append(at).append(" < ?");
            p.add(t);
        });
        q.client().ifPresent(c -> {
            String lc = c.toLowerCase(Locale.ROOT);
            where.append(" AND (t.client_ip = ? OR t.client_name = ? OR t.helo_lc = ?)");
            p.add(c);
            p.add(lc);
            p.add(lc);
        });
        q.outcome().ifPresent(o -> {
            where.append(" AND t.outcome = ?");
            p.add(o.id());
        });
        q.category().ifPresent(cat -> {
            where.append(" AND t.category = ?");
            p.add(cat.toLowerCase(Locale.ROOT));
        });
        q.backscatter().ifPresent(b -> {
            where.append(" AND t.backscatter = ?");
            p.add(b);
        });
        q.cursor().map(Sql::parseCursor).ifPresent(k -> {
            where.append(" AND (").append(at).append(" < ? OR (").append(at).append(" = ? AND ").append(id).append(" < ?))");
            p.add(k.at());
            p.add(k.at());
            p.add(k.id());
        });
        p.add(limit);
        String sql = "SELECT " + AuditRows.TX_COLUMNS + " FROM " + from + " WHERE " + where + " ORDER BY " + at + " DESC, " + id
                + " DESC LIMIT ?";
        return new AuditSearch(sql, p);
    }
}
