package io.scatterguard.console.internal;

import io.scatterguard.store.SessionStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The console's sign-in sessions, kept in the store so that every node on the same database knows
 * them: a browser signed in through one node is signed in on all, and signing out (or an expiry)
 * ends the session everywhere. The browser holds only a random id (256 bits from
 * {@link SecureRandom}); the store keeps the session under that id's SHA-256, so a database dump or
 * a log does not hand out live ids. A session ends when unused for the idle timeout, at the end of
 * its lifetime, or at sign-out. Its use is recorded at most once a minute (not one write per page).
 */
final class Sessions {
    /** One signed-in browser. The CSRF token is the synchronizer token its forms must send back. */
    static final class Session {
        final long userId;
        final String username;
        final String csrf;
        final Instant created;
        final Instant lastSeen;

        Session(long userId, String username, String csrf, Instant created, Instant lastSeen) {
            this.userId = userId;
            this.username = username;
            this.csrf = csrf;
            this.created = created;
            this.lastSeen = lastSeen;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    /** How stale the recorded last use may be before it is written again. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final SessionStore store;
    private final Clock clock;
    private final Duration idle;
    private final Duration lifetime;
    private volatile Instant lastSweep;

    Sessions(SessionStore store, Clock clock, Duration idle, Duration lifetime) {
        this.store = store;
        this.clock = clock;
        this.idle = idle;
        this.lifetime = lifetime;
        this.lastSweep = clock.instant();
    }

    /** 256 random bits, URL-safe. */
    static String randomToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** Starts a session and returns its id, to be set as the cookie (and never stored). */
    String create(long userId, String username) {
        sweep(true);
        String id = randomToken();
        Instant now = clock.instant();
        store.create(new SessionStore.StoredSession(hash(id), userId, username, randomToken(), now, now));
        return id;
    }

    /** The live session with this id, its use recorded; empty when unknown, expired or ended. */
    Optional<Session> find(String id) {
        if (id == null || id.isEmpty() || id.length() > 100) return Optional.empty();
        sweep(false);
        String h = hash(id);
        Optional<SessionStore.StoredSession> found = store.find(h);
        if (found.isEmpty()) return Optional.empty();
        SessionStore.StoredSession s = found.get();
        Instant now = clock.instant();
        if (now.isAfter(s.lastSeen().plus(idle)) || now.isAfter(s.created().plus(lifetime))) {
            store.delete(h);
            return Optional.empty();
        }
        if (now.isAfter(s.lastSeen().plus(TOUCH_EVERY))) store.touch(h, now);
        return Optional.of(new Session(s.userId(), s.username(), s.csrf(), s.created(), now));
    }

    void end(String id) {
        if (id != null && !id.isEmpty()) store.delete(hash(id));
    }

    /** Ends every session of a user (deleted or disabled). */
    void endAll(long userId) {
        store.deleteUser(userId);
    }

    int size() {
        return store.count();
    }

    /** Drops ended sessions at most once a minute (or now, when forced). */
    private void sweep(boolean force) {
        Instant now = clock.instant();
        if (!force && now.isBefore(lastSweep.plusSeconds(60))) return;
        lastSweep = now;
        store.purge(now.minus(idle), now.minus(lifetime));
    }

    static String hash(String id) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
