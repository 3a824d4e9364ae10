package io.scatterguard.console.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's sign-in sessions, kept on the server: the browser holds only a random id (256 bits
 * from {@link SecureRandom}), and the server keeps the session under that id's SHA-256, so a leaked
 * heap dump or log does not hand out live ids. A session ends when unused for the idle timeout, at
 * the end of its lifetime, at sign-out, or when the process restarts.
 */
final class Sessions {
    /** One signed-in browser. The CSRF token is the synchronizer token its forms must send back. */
    static final class Session {
        final long userId;
        final String username;
        final String csrf;
        final Instant created;
        volatile Instant lastSeen;

        Session(long userId, String username, String csrf, Instant created) {
            this.userId = userId;
            this.username = username;
            this.csrf = csrf;
            this.created = created;
            this.lastSeen = created;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_SESSIONS = 10_000;

    private final ConcurrentHashMap<String, Session> byHash = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration idle;
    private final Duration lifetime;
    private volatile Instant lastSweep;

    Sessions(Clock clock, Duration idle, Duration lifetime) {
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
        if (byHash.size() >= MAX_SESSIONS) evictOldest();
        String id = randomToken();
        byHash.put(hash(id), new Session(userId, username, randomToken(), clock.instant()));
        return id;
    }

    /** The live session with this id, touched; empty when unknown, expired or ended. */
    Optional<Session> find(String id) {
        if (id == null || id.isEmpty() || id.length() > 100) return Optional.empty();
        sweep(false);
        String h = hash(id);
        Session s = byHash.get(h);
        if (s == null) return Optional.empty();
        Instant now = clock.instant();
        if (expired(s, now)) {
            byHash.remove(h, s);
            return Optional.empty();
        }
        s.lastSeen = now;
        return Optional.of(s);
    }

    void end(String id) {
        if (id != null && !id.isEmpty()) byHash.remove(hash(id));
    }

    /** Ends every session of a user (deleted or disabled). */
    void endAll(long userId) {
        byHash.values().removeIf(s -> s.userId == userId);
    }

    int size() {
        return byHash.size();
    }

    private boolean expired(Session s, Instant now) {
        return now.isAfter(s.lastSeen.plus(idle)) || now.isAfter(s.created.plus(lifetime));
    }

    /** Drops expired sessions at most once a minute (or now, when forced). */
    private void sweep(boolean force) {
        Instant now = clock.instant();
        if (!force && now.isBefore(lastSweep.plusSeconds(60))) return;
        lastSweep = now;
        byHash.values().removeIf(s -> expired(s, now));
    }

    private void evictOldest() {
        byHash.entrySet().stream().min(java.util.Comparator.comparing(e -> e.getValue().lastSeen))
                .ifPresent(e -> byHash.remove(e.getKey(), e.getValue()));
    }

    static String hash(String id) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
