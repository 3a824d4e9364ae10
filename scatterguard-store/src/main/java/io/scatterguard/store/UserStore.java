package io.scatterguard.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The console's users and their API tokens. Passwords and tokens are stored only as hashes. */
public interface UserStore {

    /**
     * Creates a user.
     *
     * @throws IllegalArgumentException when the name is blank or taken (names compare without case)
     */
    User create(String username, String passwordHash);

    Optional<User> find(String username);

    Optional<User> get(long id);

    List<User> list();

    void setPasswordHash(long userId, String passwordHash);

    void setDisabled(long userId, boolean disabled);

    /** Deletes the user and its tokens; false when there was no such user. */
    boolean delete(long userId);

    /** Stores a token's hash for the user; {@code expiresAt} null for a token that does not expire. */
    ApiToken addToken(long userId, String name, String tokenHash, Instant expiresAt);

    /**
     * The enabled user owning this token hash, if the token exists and has not expired at {@code now};
     * records the use.
     */
    Optional<User> authenticateToken(String tokenHash, Instant now);

    List<ApiToken> tokens(long userId);

    /** Revokes a token; false when there was none. */
    boolean revokeToken(long tokenId);
}
