package io.scatterguard.store;

import java.time.Instant;
import java.util.Optional;

/** An API token of a user, as stored: only its hash ({@link Credentials#hashToken}), never the token. */
public record ApiToken(long id, long userId, String name, String tokenHash, Instant createdAt, Optional<Instant> expiresAt,
        Optional<Instant> lastUsedAt) {}
