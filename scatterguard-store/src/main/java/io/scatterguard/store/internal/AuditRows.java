package io.scatterguard.store.internal;

import io.scatterguard.store.AuditEntry;
import io.scatterguard.store.AuditRecord;
import io.scatterguard.store.CheckResult;
import io.scatterguard.store.Outcome;
import io.scatterguard.store.RefusedRecipient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/** Writes audit records as rows (transaction, its addresses, its symbols) and reads them back. */
final class AuditRows {
    static final String TX_COLUMNS = "t.id, t.at, t.node, t.session_id, t.client_ip, t.client_name, t.helo, t.tls, t.sender, "
            + "t.stage, t.outcome, t.reply_code, t.reply, t.size, t.message_id, t.category, t.backscatter, t.quarantine_id, t.checks";

    private AuditRows() {}

    /** Inserts the records in JDBC batches on {@code c} (the caller commits). */
    static void insert(Database db, Connection c, List<AuditRecord> records) throws SQLException {
        if (records.isEmpty()) return;
        List<Long> ids = new ArrayList<>(records.size());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_tx (at, node, session_id, client_ip, client_name, "
                + "helo, helo_lc, tls, sender, stage, outcome, reply_code, reply, size, message_id, category, backscatter, "
                + "quarantine_id, checks) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                new String[] {db.dialect() == Database.Dialect.H2 ? "ID" : "id"})) {
            for (AuditRecord r : records) {
                List<Object> p = new ArrayList<>(19);
                p.add(r.time());
                p.add(Sql.fit(r.node(), 255));
                p.add(Sql.fit(r.sessionId(), 64));
                p.add(Sql.fit(r.clientIp(), 64));
                p.add(Sql.fit(lower(r.clientName()), 255));
                p.add(Sql.fit(r.helo(), 255));
                p.add(Sql.fit(lower(r.helo()), 255));
                p.add(r.tls());
                p.add(Sql.fit(r.sender(), 512));
                p.add(Sql.fit(r.stage(), 16));
                p.add(r.outcome().id());
                p.add(r.replyCode());
                p.add(Sql.fit(r.reply(), 2000));
                p.add(r.size());
                p.add(Sql.fit(r.messageId(), 998));
                p.add(Sql.fit(r.category(), 32));
                p.add(r.backscatter());
                p.add(r.quarantineId().isPresent() ? (Object) r.quarantineId().getAsLong() : null);
                p.add(encodeChecks(r.checks()));
                Sql.bind(ps, p);
                ps.addBatch();
            }
            ps.executeBatch();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                while (keys.next()) ids.add(keys.getLong(1));
            }
        }
        if (ids.size() != records.size()) {
            throw new SQLException("the database returned " + ids.size() + " ids for " + records.size() + " audit rows");
        }
        try (PreparedStatement addr = c.prepareStatement("INSERT INTO audit_address (tx_id, address_lc, at, position, address, "
                + "roles, reply) VALUES (?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement sym = c.prepareStatement("INSERT INTO audit_symbol (tx_id, symbol, at) VALUES (?, ?, ?)")) {
            for (int i = 0; i < records.size(); i++) {
                AuditRecord r = records.get(i);
                long id = ids.get(i);
                int pos = 0;
                for (Addr a : addresses(r).values()) {
                    Sql.bind(addr, java.util.Arrays.asList(id, a.lc, r.time(), pos++, Sql.fit(a.address, 512), a.roles,
                            a.reply == null ? null : Sql.fit(a.reply, 1000)));
                    addr.addBatch();
                }
                Set<String> symbols = new LinkedHashSet<>();
                for (String s : r.symbols()) symbols.add(Sql.fit(s, 128));
                for (String s : symbols) {
                    Sql.bind(sym, List.of(id, s, r.time()));
                    sym.addBatch();
                }
            }
            addr.executeBatch();
            sym.executeBatch();
        }
    }

    private static final class Addr {
        final String lc;
        final String address;
        String roles = "";
        String reply;

        Addr(String lc, String address) {
            this.lc = lc;
            this.address = address;
        }
    }

    /** The sender and recipients, each address once with all its roles. */
    private static Map<String, Addr> addresses(AuditRecord r) {
        Map<String, Addr> out = new LinkedHashMap<>();
        if (!r.sender().isBlank()) role(out, r.sender(), 'S', null);
        for (String rc : r.recipients()) role(out, rc, 'R', null);
        for (RefusedRecipient x : r.refused()) role(out, x.address(), 'X', x.reply());
        return out;
    }

    private static void role(Map<String, Addr> out, String address, char role, String reply) {
        String lc = Sql.fit(lower(address), 512);
        if (lc.isEmpty()) return;
        Addr a = out.computeIfAbsent(lc, k -> new Addr(k, address.strip()));
        if (a.roles.indexOf(role) < 0) a.roles += role;
        if (reply != null) a.reply = reply;
    }

    static String lower(String s) {
        return s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
    }

    static String encodeChecks(List<CheckResult> checks) {
        StringBuilder sb = new StringBuilder();
        for (CheckResult c : checks) {
            String line = flat(c.check()) + "\t" + flat(c.verdict()) + "\t" + flat(c.symbol()) + "\n";
            if (sb.length() + line.length() > 7900) {
                sb.append("(").append(checks.size()).append(" verdicts in all)\ttruncated\t\n"); // the event log has them all
                break;
            }
            sb.append(line);
        }
        return sb.toString();
    }

    private static String flat(String s) {
        return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }

    static List<CheckResult> decodeChecks(String s) {
        List<CheckResult> out = new ArrayList<>();
        for (String line : s.split("\n")) {
            if (line.isEmpty()) continue;
            String[] p = line.split("\t", -1);
            out.add(new CheckResult(p[0], p.length > 1 ? p[1] : "", p.length > 2 ? p[2] : ""));
        }
        return out;
    }

    /** Reads the transaction rows of a result set, then their addresses, as entries in result order. */
    static List<AuditEntry> read(Connection c, ResultSet rs) throws SQLException {
        List<long[]> keys = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        while (rs.next()) {
            long id = rs.getLong("id");
            keys.add(new long[] {id});
            long q = rs.getLong("quarantine_id");
            OptionalLong qid = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(q);
            rows.add(new Object[] {id, Sql.instant(rs, "at"), rs.getString("node"), rs.getString("session_id"),
                    rs.getString("client_ip"), rs.getString("client_name"), rs.getString("helo"), rs.getBoolean("tls"),
                    rs.getString("sender"), rs.getString("stage"), rs.getString("outcome"), rs.getInt("reply_code"),
                    rs.getString("reply"), rs.getLong("size"), rs.getString("message_id"), rs.getString("category"),
                    rs.getBoolean("backscatter"), qid, rs.getString("checks")});
        }
        Map<Long, List<String[]>> addrs = addressRows(c, keys.stream().map(k -> k[0]).toList());
        List<AuditEntry> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            long id = (Long) r[0];
            List<String> rcpts = new ArrayList<>();
            List<RefusedRecipient> refused = new ArrayList<>();
            for (String[] a : addrs.getOrDefault(id, List.of())) {
                if (a[1].indexOf('R') >= 0) rcpts.add(a[0]);
                if (a[1].indexOf('X') >= 0) refused.add(new RefusedRecipient(a[0], a[2] == null ? "" : a[2]));
            }
            out.add(new AuditEntry(id, new AuditRecord((java.time.Instant) r[1], (String) r[2], (String) r[3], (String) r[4],
                    (String) r[5], (String) r[6], (Boolean) r[7], (String) r[8], rcpts, refused, decodeChecks((String) r[18]),
                    (String) r[9], Outcome.fromId((String) r[10]), (Integer) r[11], (String) r[12], (Long) r[13],
                    (String) r[14], (String) r[15], (Boolean) r[16], (OptionalLong) r[17])));
        }
        return out;
    }

    /** address, roles, reply of each transaction, in position order. */
    private static Map<Long, List<String[]>> addressRows(Connection c, List<Long> ids) throws SQLException {
        Map<Long, List<String[]>> out = new HashMap<>();
        if (ids.isEmpty()) return out;
        String in = String.join(",", ids.stream().map(x -> "?").toList());
        try (PreparedStatement ps = c.prepareStatement("SELECT tx_id, address, roles, reply FROM audit_address WHERE tx_id IN ("
                + in + ") ORDER BY tx_id, position")) {
            Sql.bind(ps, new ArrayList<>(ids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
                }
            }
        }
        return out;
    }
}
