package io.scatterguard.store.internal;

import io.scatterguard.store.MessageView;
import io.scatterguard.store.Page;
import io.scatterguard.store.QuarantineQuery;
import io.scatterguard.store.QuarantineRequest;
import io.scatterguard.store.QuarantineState;
import io.scatterguard.store.QuarantineStore;
import io.scatterguard.store.QuarantinedMessage;
import io.scatterguard.store.ReleaseRefusedException;
import io.scatterguard.store.ReleaseRefusedException.Reason;
import io.scatterguard.store.StoreSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link QuarantineStore} over JDBC. Release is exactly-once across nodes because the claim is one
 * conditional UPDATE ({@code ... WHERE state = 'HELD'}): the database lets exactly one of two
 * concurrent claims change the row, the other sees zero rows updated.
 */
public final class JdbcQuarantineStore implements QuarantineStore {
    /** A claim older than this is taken to belong to a node that died while delivering. */
    static final Duration STALE_CLAIM = Duration.ofMinutes(15);
    private static final String COLUMNS = "q.id, q.received_at, q.expires_at, q.node, q.session_id, q.client_ip, q.client_name, "
            + "q.helo, q.tls, q.sender, q.category, q.check_name, q.symbol, q.symbols, q.reason, q.subject, q.message_id, "
            + "q.size, q.state, q.released_at, q.released_by, q.released_to, q.release_error, q.deleted_at, q.deleted_by";

    private final Database db;
    private final StoreSettings settings;
    private final Clock clock;

    public JdbcQuarantineStore(Database db, StoreSettings settings, Clock clock) {
        this.db = db;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public long put(QuarantineRequest r) {
        byte[] stored = Compression.gzip(r.raw());
        String category = r.category().strip().toLowerCase(Locale.ROOT);
        Instant expires = r.receivedAt().plus(settings.quarantineRetention(category));
        return db.transaction("store the quarantined message", c -> {
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO quarantine (received_at, expires_at, node, session_id, "
                    + "client_ip, client_name, helo, tls, sender, sender_lc, category, check_name, symbol, symbols, reason, "
                    + "subject, message_id, size, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    new String[] {db.dialect() == Database.Dialect.H2 ? "ID" : "id"})) {
                Sql.bind(ps, List.of(r.receivedAt(), expires, Sql.fit(settings.nodeName(), 255), Sql.fit(r.sessionId(), 64),
                        Sql.fit(r.clientIp(), 64), Sql.fit(r.clientName(), 255), Sql.fit(r.helo(), 255), r.tls(),
                        Sql.fit(r.sender(), 512), Sql.fit(lower(r.sender()), 512), Sql.fit(category, 32), Sql.fit(r.check(), 128),
                        Sql.fit(r.symbol(), 128), Sql.fit(String.join(" ", r.symbols()), 4000), Sql.fit(r.reason(), 2000),
                        Sql.fit(SafeText.clean(r.subject()), 1000), Sql.fit(r.messageId(), 998), (long) r.raw().length,
                        QuarantineState.HELD.name()));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    if (!keys.next()) throw new SQLException("the database returned no id for the quarantined message");
                    id = keys.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO quarantine_recipient (quarantine_id, position, address, address_lc) VALUES (?, ?, ?, ?)")) {
                int pos = 0;
                for (String rcpt : r.recipients()) {
                    Sql.bind(ps, List.of(id, pos++, Sql.fit(rcpt, 512), Sql.fit(lower(rcpt), 512)));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO quarantine_content (quarantine_id, compression, content) VALUES (?, ?, ?)")) {
                Sql.bind(ps, List.of(id, Compression.GZIP, stored));
                ps.executeUpdate();
            }
            c.commit();
            db.syncDurably(c);
            return id;
        });
    }

    private static String lower(String s) {
        return s.strip().toLowerCase(Locale.ROOT);
    }

    @Override
    public Optional<QuarantinedMessage> get(long id) {
        return db.read("read quarantined message " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM quarantine q WHERE q.id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.empty();
                    return Optional.of(row(rs, recipients(c, List.of(id)).getOrDefault(id, List.of())));
                }
            }
        });
    }

    @Override
    public Optional<byte[]> raw(long id) {
        return db.read("read quarantined message " + id, c -> content(c, id));
    }

    private static Optional<byte[]> content(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT compression, content FROM quarantine_content WHERE quarantine_id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                return Optional.of(Compression.expand(rs.getString(1), rs.getBytes(2)));
            }
        }
    }

    @Override
    public Optional<MessageView> view(long id, int maxTextChars) {
        return raw(id).map(raw -> SafeText.view(raw, maxTextChars));
    }

    @Override
    public Page<QuarantinedMessage> list(QuarantineQuery q) {
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM quarantine q WHERE ");
        List<Object> params = new ArrayList<>();
        if (q.state().isPresent()) {
            sql.append("q.state = ?");
            params.add(q.state().get().name());
        } else {
            sql.append("q.state <> 'DELETED'");
        }
        q.category().ifPresent(cat -> {
            sql.append(" AND q.category = ?");
            params.add(cat.strip().toLowerCase(Locale.ROOT));
        });
        q.address().ifPresent(a -> {
            sql.append(" AND (q.sender_lc = ? OR EXISTS (SELECT 1 FROM quarantine_recipient r "
                    + "WHERE r.quarantine_id = q.id AND r.address_lc = ?))");
            params.add(lower(a));
            params.add(lower(a));
        });
        q.symbol().ifPresent(s -> {
            sql.append(" AND q.symbol = ?");
            params.add(s.strip());
        });
        q.from().ifPresent(t -> {
            sql.append(" AND q.received_at >= ?");
            params.add(t);
        });
        q.to().ifPresent(t -> {
            sql.append(" AND q.received_at < ?");
            params.add(t);
        });
        q.cursor().map(Sql::parseCursor).ifPresent(k -> {
            sql.append(" AND (q.received_at < ? OR (q.received_at = ? AND q.id < ?))");
            params.addAll(List.of(k.at(), k.at(), k.id()));
        });
        sql.append(" ORDER BY q.received_at DESC, q.id DESC LIMIT ?");
        params.add(q.limit() + 1);
        return db.read("list the quarantine", c -> {
            List<Long> ids = new ArrayList<>();
            List<QuarantinedMessage> page = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                Sql.bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        QuarantinedMessage m = row(rs, List.of());
                        page.add(m);
                        ids.add(m.id());
                    }
                }
            }
            boolean more = page.size() > q.limit();
            if (more) {
                page.remove(page.size() - 1);
                ids.remove(ids.size() - 1);
            }
            Map<Long, List<String>> rcpts = recipients(c, ids);
            List<QuarantinedMessage> items = page.stream().map(m -> withRecipients(m, rcpts.getOrDefault(m.id(), List.of())))
                    .toList();
            Optional<String> next = more ? Optional.of(Sql.cursor(items.getLast().receivedAt(), items.getLast().id()))
                    : Optional.empty();
            return new Page<>(items, next);
        });
    }

    private static QuarantinedMessage withRecipients(QuarantinedMessage m, List<String> r) {
        return new QuarantinedMessage(m.id(), m.receivedAt(), m.expiresAt(), m.node(), m.sessionId(), m.clientIp(),
                m.clientName(), m.helo(), m.tls(), m.sender(), r, m.category(), m.check(), m.symbol(), m.symbols(), m.reason(),
                m.subject(), m.messageId(), m.size(), m.state(), m.releasedAt(), m.releasedBy(), m.releasedTo(),
                m.releaseError(), m.deletedAt(), m.deletedBy());
    }

    private static Map<Long, List<String>> recipients(Connection c, List<Long> ids) throws SQLException {
        Map<Long, List<String>> out = new HashMap<>();
        if (ids.isEmpty()) return out;
        String in = String.join(",", ids.stream().map(x -> "?").toList());
        try (PreparedStatement ps = c.prepareStatement("SELECT quarantine_id, address FROM quarantine_recipient "
                + "WHERE quarantine_id IN (" + in + ") ORDER BY quarantine_id, position")) {
            Sql.bind(ps, new ArrayList<>(ids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        return out;
    }

    private static QuarantinedMessage row(ResultSet rs, List<String> recipients) throws SQLException {
        String symbols = rs.getString("symbols");
        return new QuarantinedMessage(rs.getLong("id"), Sql.instant(rs, "received_at"), Sql.instant(rs, "expires_at"),
                rs.getString("node"), rs.getString("session_id"), rs.getString("client_ip"), rs.getString("client_name"),
                rs.getString("helo"), rs.getBoolean("tls"), rs.getString("sender"), recipients, rs.getString("category"),
                rs.getString("check_name"), rs.getString("symbol"),
                symbols.isBlank() ? List.of() : Arrays.asList(symbols.split(" ")), rs.getString("reason"),
                rs.getString("subject"), rs.getString("message_id"), rs.getLong("size"),
                QuarantineState.valueOf(rs.getString("state")), Optional.ofNullable(Sql.instant(rs, "released_at")),
                Optional.ofNullable(rs.getString("released_by")), Optional.ofNullable(rs.getString("released_to")),
                Optional.ofNullable(rs.getString("release_error")), Optional.ofNullable(Sql.instant(rs, "deleted_at")),
                Optional.ofNullable(rs.getString("deleted_by")));
    }

    @Override
    public Map<QuarantineState, Long> countByState() {
        return db.read("count the quarantine", c -> {
            Map<QuarantineState, Long> out = new EnumMap<>(QuarantineState.class);
            for (QuarantineState s : QuarantineState.values()) out.put(s, 0L);
            try (PreparedStatement ps = c.prepareStatement("SELECT state, COUNT(*) FROM quarantine GROUP BY state");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(QuarantineState.valueOf(rs.getString(1)), rs.getLong(2));
            }
            return out;
        });
    }

    @Override
    public QuarantinedMessage release(long id, String by, String target, Delivery delivery) throws ReleaseRefusedException {
        String token = UUID.randomUUID().toString();
        Instant now = clock.instant();
        int claimed = db.read("claim quarantined message " + id + " for release", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE quarantine SET state = 'RELEASING', claim_token = ?, "
                    + "claimed_at = ? WHERE id = ? AND (state = 'HELD' OR (state = 'RELEASING' AND claimed_at < ?))")) {
                Sql.bind(ps, List.of(token, now, id, now.minus(STALE_CLAIM)));
                return ps.executeUpdate();
            }
        });
        if (claimed == 0) throw refusal(id, "released");
        QuarantinedMessage message;
        byte[] raw;
        try {
            message = get(id).orElseThrow(() -> new IllegalStateException("the record disappeared while being released"));
            raw = raw(id).orElseThrow(() -> new IllegalStateException("the stored content is missing"));
            delivery.deliver(message, raw);
        } catch (Exception e) {
            String error = Sql.fit(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), 2000);
            db.read("return the release claim of " + id, c -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE quarantine SET state = 'HELD', claim_token = NULL, "
                        + "claimed_at = NULL, release_error = ? WHERE id = ? AND claim_token = ?")) {
                    Sql.bind(ps, List.of(error, id, token));
                    return ps.executeUpdate();
                }
            });
            throw new ReleaseRefusedException(id, Reason.DELIVERY_FAILED,
                    "quarantined message " + id + " could not be delivered: " + error + "; it is still held", e);
        }
        Instant done = clock.instant();
        db.read("record the release of " + id, c -> { // auto-commit: committed before the sync
            try (PreparedStatement ps = c.prepareStatement("UPDATE quarantine SET state = 'RELEASED', claim_token = NULL, "
                    + "released_at = ?, released_by = ?, released_to = ?, release_error = NULL WHERE id = ? AND claim_token = ?")) {
                Sql.bind(ps, List.of(done, Sql.fit(by, 255), Sql.fit(target, 1000), id, token));
                if (ps.executeUpdate() != 1) {
                    throw new SQLException("quarantined message " + id + " was delivered, but its release claim was taken "
                            + "over meanwhile (delivery slower than " + STALE_CLAIM.toMinutes() + " minutes)");
                }
            }
            db.syncDurably(c);
            return null;
        });
        return get(id).orElseThrow();
    }

    /** The refusal that fits the message's current state. */
    private ReleaseRefusedException refusal(long id, String verb) {
        Optional<QuarantinedMessage> m = get(id);
        if (m.isEmpty()) return new ReleaseRefusedException(id, Reason.NOT_FOUND, "no quarantined message " + id);
        QuarantinedMessage q = m.get();
        return switch (q.state()) {
            case RELEASED -> new ReleaseRefusedException(id, Reason.ALREADY_RELEASED, "quarantined message " + id
                    + " was already released by " + q.releasedBy().orElse("?") + " at " + q.releasedAt().map(Instant::toString).orElse("?")
                    + " to " + q.releasedTo().orElse("?"));
            case DELETED -> new ReleaseRefusedException(id, Reason.DELETED, "quarantined message " + id + " was deleted by "
                    + q.deletedBy().orElse("?") + " at " + q.deletedAt().map(Instant::toString).orElse("?"));
            case RELEASING -> new ReleaseRefusedException(id, Reason.IN_PROGRESS, "quarantined message " + id
                    + " is being released right now; it cannot be " + verb + " as well");
            case HELD -> new ReleaseRefusedException(id, Reason.IN_PROGRESS, "quarantined message " + id
                    + " changed state meanwhile; try again");
        };
    }

    @Override
    public void delete(long id, String by) throws ReleaseRefusedException {
        Instant now = clock.instant();
        int changed = db.transaction("delete quarantined message " + id, c -> {
            int n;
            try (PreparedStatement ps = c.prepareStatement("UPDATE quarantine SET state = 'DELETED', deleted_at = ?, "
                    + "deleted_by = ? WHERE id = ? AND state IN ('HELD', 'RELEASED')")) {
                Sql.bind(ps, List.of(now, Sql.fit(by, 255), id));
                n = ps.executeUpdate();
            }
            if (n == 1) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM quarantine_content WHERE quarantine_id = ?")) {
                    ps.setLong(1, id);
                    ps.executeUpdate();
                }
            }
            return n;
        });
        if (changed == 0) throw refusal(id, "deleted");
    }

    @Override
    public int purgeExpired(Instant now) {
        return db.transaction("purge expired quarantined mail", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM quarantine WHERE expires_at < ? AND state <> 'RELEASING'")) {
                Sql.bind(ps, List.of(now));
                return ps.executeUpdate();
            }
        });
    }
}
