package io.scatterguard.store;

import java.time.Instant;
import java.util.Optional;

/**
 * The web console's sign-in sessions in the database, so that every node on it knows them. Sessions
 * are stored under the SHA-256 of their id (the caller hashes); the id itself lives only in the
 * browser's cookie.
 */
public interface SessionStore {
    /** One signed-in browser. */
    record StoredSession(String idHash, long userId, String username, String csrf, Instant created, Instant lastSeen) {}

    void create(StoredSession s);

    Optional<StoredSession> find(String idHash);

    /** Records use of the session. */
    void touch(String idHash, Instant lastSeen);

    void delete(String idHash);

    /** Ends every session of a user. */
    void deleteUser(long userId);

    /** Removes sessions unused since {@code idleBefore} or created before {@code createdBefore}; how many. */
    int purge(Instant idleBefore, Instant createdBefore);

    int count();
}
