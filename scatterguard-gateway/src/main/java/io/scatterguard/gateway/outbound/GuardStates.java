package io.scatterguard.gateway.outbound;

import java.time.Duration;

/** Opens the guard's state as configured: this node's memory, or the Redis at {@code ratelimit.redis-url}. */
public final class GuardStates {
    private GuardStates() {}

    public static GuardState open(String redisUrl, Duration timeout) {
        if (redisUrl == null || redisUrl.isBlank()) return new MemoryGuardState();
        return new RedisGuardState(redisUrl.strip(), timeout);
    }
}
