package io.scatterguard.store;

import io.scatterguard.store.internal.Database;
import io.scatterguard.store.internal.JdbcAuditTrail;
import io.scatterguard.store.internal.JdbcOutboundLedger;
import io.scatterguard.store.internal.JdbcQuarantineStore;
import io.scatterguard.store.internal.JdbcStats;
import io.scatterguard.store.internal.JdbcUserStore;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's database: quarantine, audit trail, outbound ledger, statistics and console users,
 * in an embedded H2 file (no set-up) or in PostgreSQL (several nodes, real deployments).
 *
 * <pre>{@code
 * try (Store store = Store.open(StoreSettings.embedded(Path.of("data")))) {
 *     long id = store.quarantine().put(request);             // durable before it returns
 *     store.audit().record(auditRecord);                      // queued, written in batches
 *     store.ledger().record(messageId, sender, Instant.now());
 *     Page<AuditEntry> page = store.audit().search(AuditQuery.all().address("alice@example.com"));
 * }
 * }</pre>
 *
 * Opening creates or upgrades the schema. Expired quarantine, audit and ledger rows are purged on
 * a schedule ({@link StoreSettings#maintenanceInterval()}) by every node (purging is idempotent).
 * Closing writes the queued audit rows, then closes the connections. Thread-safe.
 */
public final class Store implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("io.scatterguard.store");

    private final StoreSettings settings;
    private final Database db;
    private final Clock clock;
    private final JdbcQuarantineStore quarantine;
    private final JdbcAuditTrail audit;
    private final JdbcOutboundLedger ledger;
    private final JdbcStats stats;
    private final JdbcUserStore users;
    private final io.scatterguard.store.internal.JdbcSessionStore sessions;
    private final ScheduledExecutorService maintenance;

    private Store(StoreSettings settings, Database db, Clock clock) {
        this.settings = settings;
        this.db = db;
        this.clock = clock;
        this.quarantine = new JdbcQuarantineStore(db, settings, clock);
        this.audit = new JdbcAuditTrail(db, settings);
        this.ledger = new JdbcOutboundLedger(db, settings.nodeName(), settings.ledgerRetention(), clock);
        this.stats = new JdbcStats(db);
        this.users = new JdbcUserStore(db, clock);
        this.sessions = new io.scatterguard.store.internal.JdbcSessionStore(db);
        this.maintenance = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().name("scatterguard-store-maintenance").daemon(true).unstarted(r));
        long every = settings.maintenanceInterval().toMillis();
        maintenance.scheduleWithFixedDelay(this::scheduledPurge, Math.min(every, 60_000), every, TimeUnit.MILLISECONDS);
    }

    /**
     * Connects (creating the embedded database file if needed) and brings the schema up to date.
     *
     * @throws StoreException when the database cannot be reached or migrated; the message says what to check
     */
    public static Store open(StoreSettings settings) {
        return open(settings, Clock.systemUTC());
    }

    public static Store open(StoreSettings settings, Clock clock) {
        return new Store(settings, Database.open(settings), clock);
    }

    public QuarantineStore quarantine() {
        return quarantine;
    }

    public AuditTrail audit() {
        return audit;
    }

    public SentMailLedger ledger() {
        return ledger;
    }

    public StoreStats stats() {
        return stats;
    }

    /** The web console's sign-in sessions, shared by every node on this database. */
    public SessionStore sessions() {
        return sessions;
    }

    public UserStore users() {
        return users;
    }

    public StoreSettings settings() {
        return settings;
    }

    /** "H2" or "PostgreSQL". */
    public String databaseName() {
        return db.dialect() == Database.Dialect.H2 ? "H2" : "PostgreSQL";
    }

    /** What one purge removed. */
    public record Purged(int quarantined, int auditTransactions, int ledgerEntries) {}

    /** Removes every row whose retention has ended (also done on a schedule). */
    public Purged purgeExpired() {
        Instant now = clock.instant();
        return new Purged(quarantine.purgeExpired(now), audit.purgeBefore(now.minus(settings.auditRetention())),
                ledger.purgeBefore(now.minus(settings.ledgerRetention())));
    }

    private void scheduledPurge() {
        try {
            Purged p = purgeExpired();
            if (p.quarantined() + p.auditTransactions() + p.ledgerEntries() > 0) {
                LOG.log(System.Logger.Level.INFO, "store: purged " + p.quarantined() + " quarantined message(s), "
                        + p.auditTransactions() + " audit transaction(s), " + p.ledgerEntries() + " ledger entr(ies)");
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "store: purge of expired rows failed, will try again: " + e.getMessage());
        }
    }

    /** Stops the schedule, writes the queued audit rows, closes the connections. */
    @Override
    public void close() {
        maintenance.shutdownNow();
        try {
            maintenance.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        audit.close();
        db.close();
    }

    @Override
    public String toString() {
        return "Store[" + settings.describe() + "]";
    }
}
