package io.scatterguard.store.internal;

import io.scatterguard.store.SessionStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;

/** {@link SessionStore} over JDBC: one row per session, keyed by the id's hash. */
public final class JdbcSessionStore implements SessionStore {
    private final Database db;

    public JdbcSessionStore(Database db) {
        this.db = db;
    }

    @Override
    public void create(StoredSession s) {
        db.transaction("start a console session", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO console_session (id_hash, user_id, username, csrf, "
                    + "created_at, last_seen) VALUES (?, ?, ?, ?, ?, ?)")) {
                Sql.bind(ps, List.of(s.idHash(), s.userId(), s.username(), s.csrf(), s.created(), s.lastSeen()));
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<StoredSession> find(String idHash) {
        return db.read("find a console session", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id_hash, user_id, username, csrf, created_at, last_seen "
                    + "FROM console_session WHERE id_hash = ?")) {
                Sql.bind(ps, List.of(idHash));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.empty();
                    return Optional.of(new StoredSession(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            Sql.instant(rs, "created_at"), Sql.instant(rs, "last_seen")));
                }
            }
        });
    }

    @Override
    public void touch(String idHash, java.time.Instant lastSeen) {
        update("record the use of a console session", "UPDATE console_session SET last_seen = ? WHERE id_hash = ?",
                List.of(lastSeen, idHash));
    }

    @Override
    public void delete(String idHash) {
        update("end a console session", "DELETE FROM console_session WHERE id_hash = ?", List.of(idHash));
    }

    @Override
    public void deleteUser(long userId) {
        update("end a user's console sessions", "DELETE FROM console_session WHERE user_id = ?", List.of(userId));
    }

    @Override
    public int purge(java.time.Instant idleBefore, java.time.Instant createdBefore) {
        return update("purge ended console sessions", "DELETE FROM console_session WHERE last_seen < ? OR created_at < ?",
                List.of(idleBefore, createdBefore));
    }

    @Override
    public int count() {
        return db.read("count console sessions", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM console_session");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    private int update(String what, String sql, List<Object> params) {
        return db.transaction(what, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Sql.bind(ps, params);
                return ps.executeUpdate();
            }
        });
    }
}
