package io.scatterguard.store.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.scatterguard.store.StoreException;
import io.scatterguard.store.StoreSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The connection pool and the schema. Opening runs the Flyway migrations (on PostgreSQL Flyway
 * holds an advisory lock, so several nodes may start at once). The few differences between H2 and
 * PostgreSQL are in {@link Dialect}.
 */
public final class Database implements AutoCloseable {
    /** The two databases the store runs on. */
    public enum Dialect { H2, POSTGRESQL }

    private final HikariDataSource pool;
    private final Dialect dialect;

    private Database(HikariDataSource pool, Dialect dialect) {
        this.pool = pool;
        this.dialect = dialect;
    }

    public static Database open(StoreSettings s) {
        String url = s.url();
        if (url.isEmpty()) {
            Path dir = s.dataDir().resolve("store").toAbsolutePath();
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new StoreException("cannot create the store directory " + dir + ": " + e.getMessage(), e);
            }
            // The gateway closes the store itself after the last audit rows are written; H2 must not close first.
            url = "jdbc:h2:file:" + dir.resolve("scatterguard") + ";DB_CLOSE_ON_EXIT=FALSE";
        }
        Dialect dialect = url.startsWith("jdbc:postgresql:") ? Dialect.POSTGRESQL : Dialect.H2;
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(url);
        if (!s.user().isEmpty()) hc.setUsername(s.user());
        if (!s.password().isEmpty()) hc.setPassword(s.password());
        hc.setMaximumPoolSize(s.poolSize());
        hc.setMinimumIdle(1);
        hc.setPoolName("scatterguard-store");
        hc.setConnectionTimeout(10_000);
        hc.setInitializationFailTimeout(10_000);
        hc.setDriverClassName(dialect == Dialect.POSTGRESQL ? "org.postgresql.Driver" : "org.h2.Driver");
        if (dialect == Dialect.POSTGRESQL) {
            hc.addDataSourceProperty("reWriteBatchedInserts", "true");
            hc.addDataSourceProperty("ApplicationName", "scatterguard " + s.nodeName());
        }
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hc);
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to the store (" + s.describe() + "): " + rootMessage(e)
                    + (dialect == Dialect.POSTGRESQL ? "; check store.url, store.user, store.password and that the server runs"
                            : "; is another process using the same data-dir? (an embedded store is for one process; "
                                    + "use PostgreSQL for several)"), e);
        }
        Database db = new Database(pool, dialect);
        try {
            db.migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return db;
    }

    private void migrate() {
        try {
            Flyway.configure(Database.class.getClassLoader())
                    .dataSource(pool)
                    .loggers("slf4j")
                    .locations("classpath:io/scatterguard/store/migration")
                    .placeholders(Map.of("binary", dialect == Dialect.POSTGRESQL ? "BYTEA" : "VARBINARY"))
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new StoreException("cannot bring the store's schema up to date: " + e.getMessage(), e);
        }
    }

    static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) c = c.getCause();
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }

    public Dialect dialect() {
        return dialect;
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T transaction(String what, Sql.Work<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("store: cannot " + what + ": " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} on a connection in auto-commit mode (reads, single statements). */
    public <T> T read(String what, Sql.Work<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException("store: cannot " + what + ": " + e.getMessage(), e);
        }
    }

    /**
     * Makes what was committed survive a power failure. PostgreSQL does so at commit; H2 writes its
     * file in the background, so it is told to write and fsync now.
     */
    public void syncDurably(Connection c) throws SQLException {
        if (dialect != Dialect.H2) return;
        try (Statement st = c.createStatement()) {
            st.execute("CHECKPOINT SYNC");
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
