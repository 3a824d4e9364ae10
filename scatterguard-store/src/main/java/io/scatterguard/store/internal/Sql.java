package io.scatterguard.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.nio.charset.StandardCharsets;

/** Small JDBC helpers shared by the stores: binding, time conversion, length limits, page cursors. */
final class Sql {
    private Sql() {}

    /** Work on a connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Binds positional parameters of any supported type (null, String, Long, Integer, Boolean, Instant, byte[]). */
    static void bind(PreparedStatement ps, List<?> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) bind(ps, i + 1, params.get(i));
    }

    static void bind(PreparedStatement ps, int index, Object v) throws SQLException {
        switch (v) {
            case null -> ps.setNull(index, Types.NULL);
            case Instant t -> ps.setObject(index, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
            case String s -> ps.setString(index, s);
            case Long l -> ps.setLong(index, l);
            case Integer n -> ps.setInt(index, n);
            case Boolean b -> ps.setBoolean(index, b);
            case byte[] b -> ps.setBytes(index, b);
            default -> throw new IllegalArgumentException("cannot bind " + v.getClass());
        }
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** Cuts text to what the column holds (the full text stays in the raw message or the event log). */
    static String fit(String s, int max) {
        if (s == null) return "";
        return s.length() <= max ? s : s.substring(0, max);
    }

    static List<Long> longs(ResultSet rs) throws SQLException {
        List<Long> out = new ArrayList<>();
        while (rs.next()) out.add(rs.getLong(1));
        return out;
    }

    /** A keyset cursor (time, id) as an opaque URL-safe string. */
    static String cursor(Instant at, long id) {
        String plain = at.getEpochSecond() + "." + at.getNano() + "." + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    /** The (time, id) of a cursor; a cursor that was not made by {@link #cursor} is a clear error. */
    static Keyset parseCursor(String cursor) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            String[] p = plain.split("\\.");
            if (p.length != 3) throw new IllegalArgumentException("malformed");
            return new Keyset(Instant.ofEpochSecond(Long.parseLong(p[0]), Long.parseLong(p[1])), Long.parseLong(p[2]));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new IllegalArgumentException("not a page cursor of this store: '" + cursor + "'");
        }
    }

    /** A position in a newest-first listing. */
    record Keyset(Instant at, long id) {}
}
