package io.scatterguard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class LedgerAndUsersTest extends StoreTestBase {

    @Test
    void ledgerRemembersWhatWeSentUntilItExpires() {
        SentMailLedger ledger = store.ledger();
        ledger.record("<abc.123@mail.example.com>", "Alice@Example.com", now.get());
        assertThat(ledger.contains("abc.123@mail.example.com")).isTrue();
        assertThat(ledger.contains(" <abc.123@mail.example.com> ")).isTrue();
        assertThat(ledger.contains("<ABC.123@mail.example.com>")).as("Message-IDs are case-sensitive").isFalse();
        assertThat(ledger.contains("<other@mail.example.com>")).isFalse();
        assertThat(ledger.contains("")).isFalse();
        assertThat(ledger.sentAt("<abc.123@mail.example.com>")).contains(now.get());
        assertThat(ledger.lastSentFrom("alice@example.COM")).contains(now.get());
        assertThat(ledger.lastSentFrom("bob@example.com")).isEmpty();
        // recording again (e.g. a resend) moves the time
        ledger.record("<abc.123@mail.example.com>", "alice@example.com", now.get().plusSeconds(60));
        assertThat(ledger.sentAt("abc.123@mail.example.com")).contains(now.get().plusSeconds(60));
        // past the retention it is no longer ours, even before the purge runs
        now.set(now.get().plus(Duration.ofDays(31)));
        assertThat(ledger.contains("<abc.123@mail.example.com>")).isFalse();
        assertThat(store.purgeExpired().ledgerEntries()).isEqualTo(1);
    }

    @Test
    void theLedgerIsSharedThroughTheDatabase() {
        store.ledger().record("<shared@example.com>", "a@example.com", now.get());
        // a second store on the same database (another node) sees it without having recorded it
        if (database == TestDatabase.H2) {
            store.close();
            store = Store.open(fresh.settings().withNodeName("other-node"), clock);
            assertThat(store.ledger().contains("<shared@example.com>")).isTrue();
        } else {
            try (Store other = Store.open(fresh.settings().withNodeName("other-node"), clock)) {
                assertThat(other.ledger().contains("<shared@example.com>")).isTrue();
                other.ledger().record("<from-other@example.com>", "b@example.com", now.get());
            }
            assertThat(store.ledger().contains("<from-other@example.com>")).isTrue();
        }
    }

    @Test
    void usersAndTokensAreStoredAsHashes() {
        String hash = Credentials.hashPassword("correct horse".toCharArray());
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain("correct");
        assertThat(Credentials.hashPassword("correct horse".toCharArray())).as("salted").isNotEqualTo(hash);
        assertThat(Credentials.verifyPassword("correct horse".toCharArray(), hash)).isTrue();
        assertThat(Credentials.verifyPassword("wrong".toCharArray(), hash)).isFalse();
        assertThat(Credentials.verifyPassword("x".toCharArray(), "garbage")).isFalse();
        assertThat(Credentials.needsRehash(hash)).isFalse();

        User u = store.users().create("Admin", hash);
        assertThat(u.username()).isEqualTo("admin");
        assertThat(store.users().find("ADMIN")).contains(u);
        assertThatThrownBy(() -> store.users().create("admin", hash)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exists already");
        assertThatThrownBy(() -> store.users().create(" ", hash)).hasMessageContaining("username is required");

        String token = Credentials.newApiToken();
        ApiToken t = store.users().addToken(u.id(), "ci", Credentials.hashToken(token), now.get().plus(Duration.ofDays(1)));
        assertThat(t.tokenHash()).doesNotContain(token);
        assertThat(store.users().authenticateToken(Credentials.hashToken(token), now.get())).contains(u);
        assertThat(store.users().tokens(u.id())).singleElement().satisfies(x -> assertThat(x.lastUsedAt()).contains(now.get()));
        assertThat(store.users().authenticateToken(Credentials.hashToken("sg_wrong"), now.get())).isEmpty();
        assertThat(store.users().authenticateToken(Credentials.hashToken(token), now.get().plus(Duration.ofDays(2)))).isEmpty();
        store.users().setDisabled(u.id(), true);
        assertThat(store.users().authenticateToken(Credentials.hashToken(token), now.get())).isEmpty();
        store.users().setDisabled(u.id(), false);
        String newHash = Credentials.hashPassword("new".toCharArray());
        store.users().setPasswordHash(u.id(), newHash);
        assertThat(store.users().get(u.id()).orElseThrow().passwordHash()).isEqualTo(newHash);
        assertThat(store.users().revokeToken(t.id())).isTrue();
        assertThat(store.users().authenticateToken(Credentials.hashToken(token), now.get())).isEmpty();
        assertThat(store.users().list()).containsExactly(store.users().get(u.id()).orElseThrow());
        assertThat(store.users().delete(u.id())).isTrue();
        assertThat(store.users().find("admin")).isEmpty();
        assertThatThrownBy(() -> store.users().setDisabled(u.id(), true)).hasMessageContaining("no user with id");
    }

    @Test
    void argon2idMatchesTheReferenceImplementation() {
        // phc-winner-argon2's test vector: password "password", salt "somesalt", t=2, m=64 MiB, p=1.
        String reference = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
        assertThat(Credentials.verifyPassword("password".toCharArray(), reference)).isTrue();
        assertThat(Credentials.verifyPassword("passwore".toCharArray(), reference)).isFalse();
        assertThat(Credentials.needsRehash(reference)).isTrue();
        // damaged or hostile encodings are refused, never a crash or an hour-long hash
        assertThat(Credentials.verifyPassword("password".toCharArray(), reference.replace("v=19", "v=16"))).isFalse();
        assertThat(Credentials.verifyPassword("password".toCharArray(), reference.replace("m=65536", "m=99999999"))).isFalse();
        assertThat(Credentials.verifyPassword("password".toCharArray(), reference.replace("t=2", "t=x"))).isFalse();
        assertThat(Credentials.verifyPassword("password".toCharArray(), "$argon2id$v=19$m=65536,t=2,p=1$!!$??")).isFalse();
        assertThat(Credentials.verifyPassword("password".toCharArray(), null)).isFalse();
    }

    @Test
    void migrationsBuildTheSchemaOnAFreshDatabaseAndReopeningChangesNothing() throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(jdbcUrl());
                java.sql.ResultSet rs = c.createStatement().executeQuery(
                        "SELECT \"version\", \"success\" FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL "
                                + "ORDER BY \"installed_rank\"")) {
            java.util.List<String> applied = new java.util.ArrayList<>();
            while (rs.next()) {
                assertThat(rs.getBoolean(2)).as("migration " + rs.getString(1)).isTrue();
                applied.add(rs.getString(1));
            }
            assertThat(applied).containsExactly("1", "2");
        }
        store.close();
        store = Store.open(fresh.settings(), clock);
        assertThat(store.quarantine().countByState().values()).allMatch(n -> n == 0);
        assertThat(store.databaseName()).isEqualTo(database == TestDatabase.H2 ? "H2" : "PostgreSQL");
    }

    @Test
    void consoleSessionsAreSharedAndEnd() {
        User u = store.users().create("carol", Credentials.hashPassword("a long password".toCharArray()));
        Instant t = clock.instant();
        store.sessions().create(new SessionStore.StoredSession("h1", u.id(), "carol", "csrf1", t, t));
        store.sessions().create(new SessionStore.StoredSession("h2", u.id(), "carol", "csrf2", t.minusSeconds(7200),
                t.minusSeconds(3600)));
        assertThat(store.sessions().find("h1")).hasValueSatisfying(s -> {
            assertThat(s.userId()).isEqualTo(u.id());
            assertThat(s.csrf()).isEqualTo("csrf1");
            assertThat(s.created()).isEqualTo(t);
        });
        store.sessions().touch("h1", t.plusSeconds(60));
        assertThat(store.sessions().find("h1").orElseThrow().lastSeen()).isEqualTo(t.plusSeconds(60));
        assertThat(store.sessions().purge(t.minusSeconds(1800), t.minusSeconds(43_200))).isEqualTo(1); // h2 was idle
        assertThat(store.sessions().find("h2")).isEmpty();
        store.sessions().delete("h1");
        assertThat(store.sessions().find("h1")).isEmpty();
        store.sessions().create(new SessionStore.StoredSession("h3", u.id(), "carol", "csrf3", t, t));
        store.users().delete(u.id()); // a deleted user's sessions go with it
        assertThat(store.sessions().count()).isZero();
    }

    private String jdbcUrl() {
        String url = fresh.settings().url();
        return url.isEmpty() ? "jdbc:h2:file:" + dir.resolve("store/scatterguard").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE" : url;
    }

    @Test
    void anUnreachableDatabaseIsAClearError() {
        StoreSettings bad = StoreSettings.embedded(dir).withUrl("jdbc:postgresql://127.0.0.1:1/none", "u", "secret-pw");
        assertThatThrownBy(() -> Store.open(bad)).isInstanceOf(StoreException.class)
                .hasMessageContaining("cannot connect to the store (PostgreSQL jdbc:postgresql://127.0.0.1:1/none)")
                .hasMessageContaining("check store.url").hasMessageNotContaining("secret-pw");
        assertThatThrownBy(() -> StoreSettings.embedded(dir).withUrl("jdbc:mysql://x/y", "", ""))
                .hasMessageContaining("must be empty (embedded H2) or start with jdbc:postgresql:");
    }
}
