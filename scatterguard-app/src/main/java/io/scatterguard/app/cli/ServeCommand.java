package io.scatterguard.app.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.scatterguard.console.Console;
import io.scatterguard.console.ConsoleSettings;
import io.scatterguard.console.QuarantineRelease;
import io.scatterguard.gateway.config.Config;
import io.scatterguard.gateway.config.ConfigException;
import io.scatterguard.gateway.config.ConfigKeys;
import io.scatterguard.gateway.core.AuditRecorder;
import io.scatterguard.gateway.core.Gateway;
import io.scatterguard.gateway.core.GatewayFactory;
import io.scatterguard.gateway.core.Release;
import io.scatterguard.gateway.metrics.GatewayMetrics;
import io.scatterguard.store.QuarantinedMessage;
import io.scatterguard.store.ReleaseRefusedException;
import io.scatterguard.store.Store;
import io.scatterguard.store.StoreException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scatterguard serve --config FILE}: runs the SMTP gateway, its store and its web console until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the SMTP gateway that decides during the transaction, so nobody bounces later.")
public final class ServeCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "The YAML configuration (keys: docs/config-reference.md).")
    Path config;

    /** What {@code serve} runs: the gateway's listeners, the store, and the console when configured. */
    public record Running(Gateway gateway, Store store, Optional<Console> console) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            try {
                console.ifPresent(Console::close);
                gateway.close();
            } finally {
                store.close();
            }
        }
    }

    /** Thrown by {@link #start} with what to tell the operator and the exit code. */
    static final class StartFailure extends Exception {
        private static final long serialVersionUID = 1L;
        final int exitCode;

        StartFailure(int exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }
    }

    @Override
    public Integer call() throws Exception {
        Running running;
        try {
            running = start(config);
        } catch (StartFailure e) {
            System.err.println(e.getMessage());
            return e.exitCode;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                running.close();
            } catch (IOException ignored) {
                // shutting down anyway
            }
            stopped.countDown();
        }));
        System.err.println("scatterguard: store " + running.store().settings().describe());
        running.console().ifPresent(c -> System.err.println("scatterguard: console on " + c.uri()
                + " (add a user with: scatterguard user add NAME --config " + config + ")"));
        System.err.println("scatterguard: listening on port " + running.gateway().port() + "; stop with Ctrl-C");
        stopped.await();
        return 0;
    }

    /** Builds and starts everything the configuration asks for; on failure nothing is left running. */
    static Running start(Path configFile) throws StartFailure {
        Config c;
        GatewayFactory.Parts parts;
        Optional<ConsoleSettings> consoleSettings;
        Store store;
        try {
            c = Config.load(configFile);
            consoleSettings = ConsoleSettings.from(c);
            store = Store.open(GatewayFactory.storeSettings(c));
        } catch (ConfigException e) {
            throw new StartFailure(2, "scatterguard serve: the configuration cannot be used:\n  " + String.join("\n  ", e.problems()));
        } catch (StoreException e) {
            throw new StartFailure(1, "scatterguard serve: " + e.getMessage());
        }
        try {
            // the store's ledger is shared by every node: what our relay sends, the judge recognises
            parts = GatewayFactory.build(c, GatewayFactory.Role.GATEWAY, store.ledger());
        } catch (ConfigException e) {
            store.close();
            throw new StartFailure(2, "scatterguard serve: the configuration cannot be used:\n  " + String.join("\n  ", e.problems()));
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AuditRecorder audit = c.get(ConfigKeys.AUDIT_ENABLED) ? new AuditRecorder(store.audit(), store.settings().nodeName()) : null;
        Gateway gateway;
        try {
            gateway = Gateway.start(parts, store.quarantine(), audit, new GatewayMetrics(registry));
        } catch (IOException e) {
            store.close();
            throw new StartFailure(1, "scatterguard serve: " + e.getMessage());
        }
        Optional<Console> console = Optional.empty();
        if (consoleSettings.isPresent()) {
            try {
                console = Optional.of(Console.builder(consoleSettings.get(), store)
                        .release(release(release(store, parts, c))).config(c)
                        .metrics(registry).tls(parts.tls()).start());
            } catch (IOException | RuntimeException e) {
                try {
                    gateway.close();
                } catch (IOException ignored) {
                    // reporting the console's problem
                } finally {
                    store.close();
                }
                throw new StartFailure(1, "scatterguard serve: " + ConfigKeys.CONSOLE_LISTEN.key() + ": " + e.getMessage());
            }
        }
        return new Running(gateway, store, console);
    }

    /** Released inbound mail goes where accepted mail goes; held outbound mail to the relay's smarthost. */
    static Release release(Store store, GatewayFactory.Parts parts, Config c) {
        Release r = new Release(store.quarantine(), parts.backends(), target(c));
        return parts.relay() == null ? r
                : r.withSmarthost(parts.relay().smarthost(), "the smarthost " + c.get(ConfigKeys.RELAY_SMARTHOST));
    }

    /** Where released mail goes, as the console shows it before an operator confirms. */
    static String target(Config c) {
        if (c.get(ConfigKeys.MODE) == ConfigKeys.Mode.PROXY) return "the backend " + c.get(ConfigKeys.PROXY_BACKEND);
        String root = c.get(ConfigKeys.DELIVER_MAILDIR_ROOT);
        return "the Maildirs under " + (root.isEmpty() ? Path.of(c.get(ConfigKeys.DATA_DIR)).resolve("maildir") : root);
    }

    static QuarantineRelease release(Release r) {
        return new QuarantineRelease() {
            @Override
            public QuarantinedMessage release(long id, String actor) throws ReleaseRefusedException {
                return r.release(id, actor);
            }

            @Override
            public String target() {
                return r.target();
            }
        };
    }
}
