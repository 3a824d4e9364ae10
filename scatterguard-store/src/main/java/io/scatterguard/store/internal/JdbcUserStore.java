package io.scatterguard.store.internal;

import io.scatterguard.store.ApiToken;
import io.scatterguard.store.User;
import io.scatterguard.store.UserStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@link UserStore} over JDBC: the {@code users} and {@code api_tokens} tables. */
public final class JdbcUserStore implements UserStore {
    private final Database db;
    private final Clock clock;

    public JdbcUserStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    private static String name(String username) {
        String n = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        if (n.isEmpty()) throw new IllegalArgumentException("a username is required");
        if (n.length() > 255) throw new IllegalArgumentException("username longer than 255 characters");
        return n;
    }

    private static String hash(String passwordHash) {
        if (passwordHash == null || passwordHash.isBlank()) throw new IllegalArgumentException("a password hash is required");
        if (passwordHash.length() > 512) throw new IllegalArgumentException("password hash longer than 512 characters");
        return passwordHash;
    }

    @Override
    public User create(String username, String passwordHash) {
        String n = name(username);
        String h = hash(passwordHash);
        if (find(n).isPresent()) throw new IllegalArgumentException("user '" + n + "' exists already");
        Instant now = clock.instant();
        try {
            return db.transaction("create user " + n, c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO users (username, password_hash, created_at, disabled) "
                        + "VALUES (?, ?, ?, FALSE)", new String[] {db.dialect() == Database.Dialect.H2 ? "ID" : "id"})) {
                    Sql.bind(ps, List.of(n, h, now));
                    ps.executeUpdate();
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        keys.next();
                        return new User(keys.getLong(1), n, h, now, false);
                    }
                }
            });
        } catch (io.scatterguard.store.StoreException e) {
            if (e.getCause() instanceof SQLException s && "23505".equals(s.getSQLState())) {
                throw new IllegalArgumentException("user '" + n + "' exists already", e);
            }
            throw e;
        }
    }

    @Override
    public Optional<User> find(String username) {
        return one("SELECT * FROM users WHERE username = ?", name(username));
    }

    @Override
    public Optional<User> get(long id) {
        return one("SELECT * FROM users WHERE id = ?", id);
    }

    private Optional<User> one(String sql, Object key) {
        return db.read("read a user", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Sql.bind(ps, 1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(user(rs)) : Optional.<User>empty();
                }
            }
        });
    }

    private static User user(ResultSet rs) throws SQLException {
        return new User(rs.getLong("id"), rs.getString("username"), rs.getString("password_hash"), Sql.instant(rs, "created_at"),
                rs.getBoolean("disabled"));
    }

    @Override
    public List<User> list() {
        return db.read("list users", c -> {
            List<User> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM users ORDER BY username");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(user(rs));
            }
            return out;
        });
    }

    @Override
    public void setPasswordHash(long userId, String passwordHash) {
        update("UPDATE users SET password_hash = ? WHERE id = ?", userId, hash(passwordHash), userId);
    }

    @Override
    public void setDisabled(long userId, boolean disabled) {
        update("UPDATE users SET disabled = ? WHERE id = ?", userId, disabled, userId);
    }

    private void update(String sql, long userId, Object... params) {
        int n = db.read("update user " + userId, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Sql.bind(ps, Arrays.asList(params));
                return ps.executeUpdate();
            }
        });
        if (n == 0) throw new IllegalArgumentException("no user with id " + userId);
    }

    @Override
    public boolean delete(long userId) {
        return db.transaction("delete user " + userId, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM users WHERE id = ?")) {
                ps.setLong(1, userId);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public ApiToken addToken(long userId, String name, String tokenHash, Instant expiresAt) {
        if (tokenHash == null || !tokenHash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("token hash must be Credentials.hashToken's 64 hex digits");
        }
        if (get(userId).isEmpty()) throw new IllegalArgumentException("no user with id " + userId);
        String n = Sql.fit(name == null ? "" : name.strip(), 255);
        Instant now = clock.instant();
        return db.transaction("add an API token", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO api_tokens (user_id, name, token_hash, created_at, "
                    + "expires_at) VALUES (?, ?, ?, ?, ?)", new String[] {db.dialect() == Database.Dialect.H2 ? "ID" : "id"})) {
                Sql.bind(ps, Arrays.asList(userId, n, tokenHash, now, expiresAt));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return new ApiToken(keys.getLong(1), userId, n, tokenHash, now, Optional.ofNullable(expiresAt), Optional.empty());
                }
            }
        });
    }

    @Override
    public Optional<User> authenticateToken(String tokenHash, Instant now) {
        return db.transaction("check an API token", c -> {
            long tokenId;
            long userId;
            try (PreparedStatement ps = c.prepareStatement("SELECT id, user_id FROM api_tokens WHERE token_hash = ? "
                    + "AND (expires_at IS NULL OR expires_at > ?)")) {
                Sql.bind(ps, List.of(tokenHash, now));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.<User>empty();
                    tokenId = rs.getLong(1);
                    userId = rs.getLong(2);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE api_tokens SET last_used_at = ? WHERE id = ?")) {
                Sql.bind(ps, List.of(now, tokenId));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM users WHERE id = ? AND disabled = FALSE")) {
                ps.setLong(1, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(user(rs)) : Optional.<User>empty();
                }
            }
        });
    }

    @Override
    public List<ApiToken> tokens(long userId) {
        return db.read("list API tokens", c -> {
            List<ApiToken> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM api_tokens WHERE user_id = ? ORDER BY id")) {
                ps.setLong(1, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ApiToken(rs.getLong("id"), rs.getLong("user_id"), rs.getString("name"),
                                rs.getString("token_hash"), Sql.instant(rs, "created_at"),
                                Optional.ofNullable(Sql.instant(rs, "expires_at")),
                                Optional.ofNullable(Sql.instant(rs, "last_used_at"))));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public boolean revokeToken(long tokenId) {
        return db.read("revoke an API token", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM api_tokens WHERE id = ?")) {
                ps.setLong(1, tokenId);
                return ps.executeUpdate() == 1;
            }
        });
    }
}
