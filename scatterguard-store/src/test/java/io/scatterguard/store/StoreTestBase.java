package io.scatterguard.store;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * Opens a fresh {@link Store} before each test on the class's database (H2 or PostgreSQL: the
 * subclasses are {@code @ParameterizedClass} over {@link TestDatabase}) and closes it after.
 */
abstract class StoreTestBase {
    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    /** The store's clock: tests move it to make things expire. */
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-20T10:00:00Z"));
    final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    TestDatabase.Fresh fresh;
    Store store;

    /** Settings to change before the store opens (retention, writer). */
    StoreSettings configure(StoreSettings s) {
        return s;
    }

    @BeforeEach
    void openStore() throws SQLException {
        fresh = database.fresh(dir);
        store = Store.open(configure(fresh.settings()), clock);
    }

    @AfterEach
    void closeStore() throws SQLException {
        if (store != null) store.close();
        if (fresh != null) fresh.drop();
    }

    static AuditRecord audit(Instant at, String client, String sender, List<String> rcpts, Outcome outcome, String... symbols) {
        List<CheckResult> checks = java.util.Arrays.stream(symbols).map(s -> new CheckResult("check-" + s.toLowerCase(
                java.util.Locale.ROOT), outcome == Outcome.REJECTED ? "reject" : "continue", s)).toList();
        int code = switch (outcome) {
            case REJECTED -> 550;
            case TEMPFAILED -> 451;
            case ABANDONED -> 0;
            default -> 250;
        };
        return new AuditRecord(at, "test-node", "s-" + at.toEpochMilli(), client, "", "helo." + client, false, sender, rcpts,
                List.of(), checks, "END_OF_DATA", outcome, code, code == 0 ? "" : code + " 2.0.0 Ok", 1234, "<id-" + at.toEpochMilli()
                + "@example.net>", "ordinary", false, OptionalLong.empty());
    }
}
