package io.scatterguard.store;

import java.time.Instant;

/**
 * A console user. {@code passwordHash} is the encoded hash of {@link Credentials#hashPassword} (never
 * a password); usernames are stored lower-cased.
 */
public record User(long id, String username, String passwordHash, Instant createdAt, boolean disabled) {
    @Override
    public String toString() {
        return "User[" + id + ", " + username + (disabled ? ", disabled" : "") + "]";
    }
}
