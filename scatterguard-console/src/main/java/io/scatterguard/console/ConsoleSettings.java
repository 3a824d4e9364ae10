package io.scatterguard.console;

import io.scatterguard.gateway.config.Config;
import io.scatterguard.gateway.config.ConfigException;
import io.scatterguard.gateway.config.ConfigKeys;
import io.scatterguard.gateway.config.ConfigKeys.MetricsAccess;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the console is served: where it listens, whether over TLS, how long a session lasts, how
 * many failed sign-ins are allowed, and who may read {@code /metrics}. Read from the
 * {@code console.*} configuration keys ({@link #from(Config)}).
 *
 * @param host               address to bind, e.g. {@code 127.0.0.1}
 * @param port               port to bind, 0 for any free one
 * @param tls                serve HTTPS (session cookies are then {@code Secure}, HSTS is sent)
 * @param sessionIdleTimeout a session unused this long ends
 * @param sessionLifetime    a session ends this long after sign-in
 * @param loginAttempts      failed sign-ins allowed per client address and per user name within {@code loginWindow}
 * @param loginWindow        the window over which failed sign-ins are counted
 * @param metrics            who may read {@code /metrics} without signing in
 */
public record ConsoleSettings(String host, int port, boolean tls, Duration sessionIdleTimeout, Duration sessionLifetime,
        int loginAttempts, Duration loginWindow, MetricsAccess metrics) {

    public ConsoleSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(metrics, "metrics");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
        positive(sessionIdleTimeout, "sessionIdleTimeout");
        positive(sessionLifetime, "sessionLifetime");
        positive(loginWindow, "loginWindow");
        if (loginAttempts < 1) throw new IllegalArgumentException("loginAttempts must be positive, got " + loginAttempts);
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be positive: " + d);
    }

    /** Loopback on this port (0: any free one) with the documented defaults. */
    public static ConsoleSettings loopback(int port) {
        return new ConsoleSettings("127.0.0.1", port, false, Duration.ofMinutes(30), Duration.ofHours(12), 5,
                Duration.ofMinutes(15), MetricsAccess.LOOPBACK);
    }

    /**
     * The console's settings from the configuration, or empty when {@code console.listen} is empty
     * (no console).
     *
     * @throws ConfigException when {@code console.listen} is not {@code host:port}
     */
    public static Optional<ConsoleSettings> from(Config c) throws ConfigException {
        String listen = c.get(ConfigKeys.CONSOLE_LISTEN).strip();
        if (listen.isEmpty()) return Optional.empty();
        int colon = listen.lastIndexOf(':');
        String key = ConfigKeys.CONSOLE_LISTEN.key();
        if (colon < 0) throw new ConfigException(List.of(key + ": '" + listen + "' needs a port, e.g. 127.0.0.1:8025"));
        String host = listen.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int port;
        try {
            port = Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new ConfigException(List.of(key + ": '" + listen + "': the port is not a number"));
        }
        if (port < 0 || port > 65535) throw new ConfigException(List.of(key + ": '" + listen + "': port out of range"));
        return Optional.of(new ConsoleSettings(host.isEmpty() ? "0.0.0.0" : host, port, c.get(ConfigKeys.CONSOLE_TLS),
                c.get(ConfigKeys.CONSOLE_SESSION_IDLE_TIMEOUT), c.get(ConfigKeys.CONSOLE_SESSION_LIFETIME),
                c.get(ConfigKeys.CONSOLE_LOGIN_ATTEMPTS), c.get(ConfigKeys.CONSOLE_LOGIN_WINDOW),
                c.get(ConfigKeys.CONSOLE_METRICS)));
    }

    public ConsoleSettings withTls(boolean on) {
        return new ConsoleSettings(host, port, on, sessionIdleTimeout, sessionLifetime, loginAttempts, loginWindow, metrics);
    }

    public ConsoleSettings withSessions(Duration idle, Duration lifetime) {
        return new ConsoleSettings(host, port, tls, idle, lifetime, loginAttempts, loginWindow, metrics);
    }

    public ConsoleSettings withLoginLimit(int attempts, Duration window) {
        return new ConsoleSettings(host, port, tls, sessionIdleTimeout, sessionLifetime, attempts, window, metrics);
    }

    public ConsoleSettings withMetrics(MetricsAccess access) {
        return new ConsoleSettings(host, port, tls, sessionIdleTimeout, sessionLifetime, loginAttempts, loginWindow, access);
    }
}
