package io.scatterguard.console.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits password guessing: after {@code attempts} failed sign-ins within {@code window} from one
 * client address, or for one user name from anywhere, further attempts are refused (429) without
 * the password being looked at, until the window that began with the first failure has passed.
 * Per address stops one guesser trying many names; per name stops many addresses trying one
 * account. A successful sign-in clears its name's count (not its address's).
 */
final class LoginThrottle {
    private static final int MAX_KEYS = 50_000;

    /** Failures counted in a window that began at {@code start}. */
    private record Count(Instant start, int failures) {}

    private final int attempts;
    private final Duration window;
    private final Clock clock;
    private final ConcurrentHashMap<String, Count> byAddress = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Count> byName = new ConcurrentHashMap<>();

    LoginThrottle(int attempts, Duration window, Clock clock) {
        this.attempts = attempts;
        this.window = window;
        this.clock = clock;
    }

    /** How long this address or name must wait, or {@link Duration#ZERO} when it may try now. */
    Duration wait(String address, String username) {
        Instant now = clock.instant();
        Duration a = waitFor(byAddress.get(address), now);
        Duration n = waitFor(byName.get(name(username)), now);
        return a.compareTo(n) >= 0 ? a : n;
    }

    void failed(String address, String username) {
        Instant now = clock.instant();
        count(byAddress, address, now);
        count(byName, name(username), now);
    }

    void succeeded(String username) {
        byName.remove(name(username));
    }

    private Duration waitFor(Count c, Instant now) {
        if (c == null || c.failures() < attempts) return Duration.ZERO;
        Instant until = c.start().plus(window);
        return now.isBefore(until) ? Duration.between(now, until) : Duration.ZERO;
    }

    private void count(ConcurrentHashMap<String, Count> map, String key, Instant now) {
        if (map.size() >= MAX_KEYS) map.values().removeIf(c -> !now.isBefore(c.start().plus(window)));
        map.compute(key, (k, c) -> c == null || !now.isBefore(c.start().plus(window)) ? new Count(now, 1)
                : new Count(c.start(), c.failures() + 1));
    }

    private static String name(String username) {
        String n = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        return n.length() > 255 ? n.substring(0, 255) : n;
    }
}
