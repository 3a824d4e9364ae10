package io.scatterguard.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The databases every store test runs against: the embedded H2 file, and a real PostgreSQL server
 * reached through {@code SCATTERGUARD_TEST_PG_URL} (.ci/run starts one with {@code dev/test-postgres}).
 * Each test gets a fresh database: a new H2 file, or a new PostgreSQL schema dropped afterwards.
 * Without the URL the PostgreSQL runs fail in CI and are skipped loudly elsewhere.
 */
public enum TestDatabase {
    H2, POSTGRESQL;

    public static final String URL_VARIABLE = "SCATTERGUARD_TEST_PG_URL";

    @Override
    public String toString() {
        return this == H2 ? "H2" : "PostgreSQL";
    }

    /** The PostgreSQL URL, or a failure (CI) / a loud skip (elsewhere) when it is not set. */
    public static String postgresUrl() {
        String url = System.getenv(URL_VARIABLE);
        if (url != null && !url.isBlank()) return url;
        String msg = URL_VARIABLE + " is not set: the PostgreSQL half of the store tests did not run "
                + "(start a server with: eval \"$(dev/test-postgres start)\")";
        if ("true".equals(System.getenv("CI"))) Assertions.fail(msg + "; .ci/run should have set it");
        System.err.println("\n*** SKIPPED: " + msg + " ***\n");
        Assumptions.abort(msg);
        return null;
    }

    /** A fresh, empty database for one test; {@link Fresh#drop} removes it again. */
    public Fresh fresh(Path tempDir) throws SQLException {
        if (this == H2) return new Fresh(StoreSettings.embedded(tempDir).withNodeName("test-node"), () -> {});
        String base = postgresUrl();
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(base); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        }
        String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new Fresh(StoreSettings.embedded(tempDir).withUrl(url, "", "").withNodeName("test-node"), () -> {
            try (Connection c = DriverManager.getConnection(base); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        });
    }

    /** A fresh database's settings and how to remove it. */
    public record Fresh(StoreSettings settings, Dropper dropper) {
        public void drop() throws SQLException {
            dropper.drop();
        }
    }

    @FunctionalInterface
    public interface Dropper {
        void drop() throws SQLException;
    }
}
