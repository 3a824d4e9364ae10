package io.scatterguard.console;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.scatterguard.console.internal.ConsoleServer;
import io.scatterguard.gateway.config.Config;
import io.scatterguard.store.Store;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * A running web console: pages and JSON API over the {@link Store}, and {@code /metrics}.
 *
 * <pre>{@code
 * try (Console console = Console.builder(ConsoleSettings.from(config).orElseThrow(), store)
 *         .release(release).config(config).metrics(registry).start()) {
 *     System.out.println("console on " + console.uri());
 * }
 * }</pre>
 */
public final class Console implements AutoCloseable {

    /** Who may use a route. */
    public enum Access {
        /** Anyone: the sign-in page and the static assets. */
        PUBLIC,
        /** {@code /metrics}: as {@link ConsoleSettings#metrics()} says. */
        METRICS,
        /** Only someone signed in (session or API token); changes also need the session's CSRF token. */
        SIGNED_IN
    }

    /** A route the console serves: method, path (with {@code {id}}-style parameters) and who may use it. */
    public record Route(String method, String path, Access access) {}

    private final ConsoleServer server;
    private final URI uri;

    private Console(ConsoleServer server, ConsoleSettings settings) {
        this.server = server;
        String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        if (host.equals("0.0.0.0") || host.equals("[::]")) host = "127.0.0.1";
        this.uri = URI.create((settings.tls() ? "https" : "http") + "://" + host + ":" + server.port() + "/");
    }

    public static Builder builder(ConsoleSettings settings, Store store) {
        return new Builder(settings, store);
    }

    /** The port it listens on (the real one when 0 was asked for). */
    public int port() {
        return server.port();
    }

    /** Where to open it, e.g. {@code http://127.0.0.1:8025/}. */
    public URI uri() {
        return uri;
    }

    /** Every route it serves, with the access each needs. */
    public List<Route> routes() {
        return server.routes();
    }

    @Override
    public void close() {
        server.close();
    }

    /** Collects what the console needs; {@link #start} binds the port. */
    public static final class Builder {
        private final ConsoleSettings settings;
        private final Store store;
        private QuarantineRelease release;
        private Config config = Config.defaults();
        private PrometheusMeterRegistry registry;
        private SSLContext tls;
        private Clock clock = Clock.systemUTC();

        private Builder(ConsoleSettings settings, Store store) {
            this.settings = Objects.requireNonNull(settings, "settings");
            this.store = Objects.requireNonNull(store, "store");
        }

        /** How quarantined mail is released; without it the console can review and delete, not release. */
        public Builder release(QuarantineRelease release) {
            this.release = release;
            return this;
        }

        /** The configuration to show (secrets masked). */
        public Builder config(Config config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** The registry {@code /metrics} shows; the gateway's meters should be in it too. */
        public Builder metrics(PrometheusMeterRegistry registry) {
            this.registry = registry;
            return this;
        }

        /** The certificate for {@link ConsoleSettings#tls()}. */
        public Builder tls(SSLContext context) {
            this.tls = context;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Starts serving.
         *
         * @throws IOException when the address cannot be bound (in use, not ours); the message names it
         */
        public Console start() throws IOException {
            PrometheusMeterRegistry r = registry != null ? registry : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            ConsoleServer server = new ConsoleServer(settings, store, release, config, r, tls, clock);
            try {
                server.start();
            } catch (RuntimeException e) {
                throw new IOException("cannot serve the console on " + settings.host() + ":" + settings.port() + ": "
                        + rootMessage(e), e);
            }
            return new Console(server, settings);
        }

        private static String rootMessage(Throwable t) {
            Throwable c = t;
            while (c.getCause() != null && c.getCause() != c) c = c.getCause();
            return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
        }
    }
}
