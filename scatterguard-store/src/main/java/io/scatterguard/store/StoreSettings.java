package io.scatterguard.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How to open a {@link Store}. An empty {@code url} means the embedded H2 file
 * {@code DATA-DIR/store/scatterguard.mv.db} (one process only); {@code jdbc:postgresql://...} is for
 * real deployments and for several gateway nodes sharing one store.
 *
 * @param url                       empty for embedded H2, else a {@code jdbc:postgresql:} or {@code jdbc:h2:} URL
 * @param user                      database user (PostgreSQL), may be empty
 * @param password                  database password, may be empty
 * @param dataDir                   where the embedded database file lives
 * @param nodeName                  this gateway's name, written with every row it writes
 * @param quarantineRetention       how long quarantined mail is kept by default
 * @param quarantineRetentionByCategory per-category retention (keys lower-case, e.g. {@code spam})
 * @param auditRetention            how long audit rows are kept
 * @param ledgerRetention           how long an outbound Message-ID is remembered
 * @param auditQueueCapacity        audit rows that may wait for the writer; more are dropped and counted
 * @param auditBatchSize            rows written per database transaction
 * @param auditFlushInterval        longest time a row waits before its batch is written
 * @param maintenanceInterval       how often expired rows are purged
 * @param poolSize                  database connections
 */
public record StoreSettings(String url, String user, String password, Path dataDir, String nodeName,
        Duration quarantineRetention, Map<String, Duration> quarantineRetentionByCategory, Duration auditRetention,
        Duration ledgerRetention, int auditQueueCapacity, int auditBatchSize, Duration auditFlushInterval,
        Duration maintenanceInterval, int poolSize) {

    public StoreSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(nodeName, "nodeName");
        positive(quarantineRetention, "quarantineRetention");
        positive(auditRetention, "auditRetention");
        positive(ledgerRetention, "ledgerRetention");
        positive(auditFlushInterval, "auditFlushInterval");
        positive(maintenanceInterval, "maintenanceInterval");
        quarantineRetentionByCategory = Map.copyOf(quarantineRetentionByCategory);
        quarantineRetentionByCategory.forEach((k, v) -> {
            if (!k.equals(k.toLowerCase(Locale.ROOT))) throw new IllegalArgumentException("category must be lower-case: " + k);
            positive(v, "retention of " + k);
        });
        if (auditQueueCapacity < 1) throw new IllegalArgumentException("auditQueueCapacity must be positive");
        if (auditBatchSize < 1) throw new IllegalArgumentException("auditBatchSize must be positive");
        if (poolSize < 1) throw new IllegalArgumentException("poolSize must be positive");
        if (!url.isEmpty() && !url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:h2:")) {
            throw new IllegalArgumentException("store URL must be empty (embedded H2) or start with jdbc:postgresql: "
                    + "(or jdbc:h2:), got '" + url + "'");
        }
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be positive: " + d);
    }

    /** The embedded H2 file under {@code dataDir}, with the default retention and writer settings. */
    public static StoreSettings embedded(Path dataDir) {
        return new StoreSettings("", "", "", dataDir, defaultNodeName(), Duration.ofDays(30), Map.of(),
                Duration.ofDays(90), Duration.ofDays(30), 10_000, 500, Duration.ofMillis(200), Duration.ofHours(1), 8);
    }

    /** The host name, or "scatterguard" when it cannot be found. */
    public static String defaultNodeName() {
        try {
            String h = java.net.InetAddress.getLocalHost().getHostName();
            return h == null || h.isBlank() ? "scatterguard" : h;
        } catch (java.io.IOException e) {
            return "scatterguard";
        }
    }

    public StoreSettings withUrl(String url, String user, String password) {
        return new StoreSettings(url, user, password, dataDir, nodeName, quarantineRetention, quarantineRetentionByCategory,
                auditRetention, ledgerRetention, auditQueueCapacity, auditBatchSize, auditFlushInterval, maintenanceInterval,
                poolSize);
    }

    public StoreSettings withNodeName(String nodeName) {
        return new StoreSettings(url, user, password, dataDir, nodeName, quarantineRetention, quarantineRetentionByCategory,
                auditRetention, ledgerRetention, auditQueueCapacity, auditBatchSize, auditFlushInterval, maintenanceInterval,
                poolSize);
    }

    public StoreSettings withRetention(Duration quarantine, Map<String, Duration> quarantineByCategory, Duration audit,
            Duration ledger) {
        return new StoreSettings(url, user, password, dataDir, nodeName, quarantine, quarantineByCategory, audit, ledger,
                auditQueueCapacity, auditBatchSize, auditFlushInterval, maintenanceInterval, poolSize);
    }

    public StoreSettings withAuditWriter(int queueCapacity, int batchSize, Duration flushInterval) {
        return new StoreSettings(url, user, password, dataDir, nodeName, quarantineRetention, quarantineRetentionByCategory,
                auditRetention, ledgerRetention, queueCapacity, batchSize, flushInterval, maintenanceInterval, poolSize);
    }

    public StoreSettings withMaintenanceInterval(Duration interval) {
        return new StoreSettings(url, user, password, dataDir, nodeName, quarantineRetention, quarantineRetentionByCategory,
                auditRetention, ledgerRetention, auditQueueCapacity, auditBatchSize, auditFlushInterval, interval, poolSize);
    }

    /** The retention of quarantined mail of this category (the default when none is set for it). */
    public Duration quarantineRetention(String category) {
        return quarantineRetentionByCategory.getOrDefault(category.toLowerCase(Locale.ROOT), quarantineRetention);
    }

    /** The URL without anything secret, for logs and start-up messages. */
    public String describe() {
        if (url.isEmpty()) return "embedded H2 file " + dataDir.resolve("store").resolve("scatterguard.mv.db");
        int q = url.indexOf('?');
        return (url.startsWith("jdbc:postgresql:") ? "PostgreSQL " : "H2 ") + (q < 0 ? url : url.substring(0, q));
    }

    @Override
    public String toString() {
        return "StoreSettings[" + describe() + ", user=" + user + ", node=" + nodeName + "]";
    }
}
