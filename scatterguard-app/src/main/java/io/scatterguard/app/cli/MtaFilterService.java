package io.scatterguard.app.cli;

import io.scatterguard.gateway.config.Config;
import io.scatterguard.gateway.config.ConfigException;
import io.scatterguard.gateway.config.ConfigKeys;
import io.scatterguard.gateway.core.AuditRecorder;
import io.scatterguard.gateway.core.GatewayFactory;
import io.scatterguard.store.Store;
import io.scatterguard.store.StoreException;
import io.scatterguard.gateway.net.ListenAddress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiFunction;

/**
 * What `milter` and `policy` share: build the checks for a filter inside an MTA, listen, tell the
 * operator what to put in main.cf, and run until stopped. Exit codes: 2 configuration, 1 start-up.
 */
final class MtaFilterService {
    /** A started listener. */
    interface Running extends AutoCloseable {
        ListenAddress address();

        @Override
        void close() throws IOException;
    }

    /** Where the configuration says to listen. */
    interface AddressOf {
        ListenAddress of(Config c) throws ConfigException;
    }

    /** Starts the listener from the parts on that address; {@code audit} is null without an audit trail. */
    interface Starter {
        Running start(GatewayFactory.Parts parts, ListenAddress address, AuditRecorder audit) throws IOException;
    }

    private MtaFilterService() {}

    /**
     * @param name    the command's name, for messages
     * @param address where the configuration says to listen
     * @param banner  the lines for the operator, from the parts and the MTA-side endpoint ("inet:…" or the socket path)
     * @param store   whether to open the store (store.url): the shared outbound ledger and the audit trail
     */
    static int run(String name, Path config, AddressOf address, Starter starter,
            BiFunction<GatewayFactory.Parts, String, String> banner, boolean store) throws InterruptedException {
        ServiceLogging.configure();
        GatewayFactory.Parts parts;
        ListenAddress where;
        Store opened = null;
        AuditRecorder audit = null;
        try {
            Config c = Config.load(config);
            where = address.of(c);
            if (store) {
                opened = Store.open(GatewayFactory.storeSettings(c));
                if (c.get(ConfigKeys.AUDIT_ENABLED)) audit = new AuditRecorder(opened.audit(), opened.settings().nodeName());
            }
            parts = GatewayFactory.build(c, GatewayFactory.Role.MTA_FILTER, opened == null ? null : opened.ledger());
        } catch (ConfigException e) {
            if (opened != null) opened.close();
            System.err.println("scatterguard " + name + ": the configuration cannot be used:");
            for (String p : e.problems()) System.err.println("  " + p);
            return 2;
        } catch (StoreException e) {
            System.err.println("scatterguard " + name + ": " + e.getMessage());
            return 1;
        }
        Running running;
        try {
            running = starter.start(parts, where, audit);
        } catch (IOException e) {
            if (opened != null) opened.close();
            System.err.println("scatterguard " + name + ": " + e.getMessage());
            return 1;
        }
        Store toClose = opened;
        if (toClose != null) System.err.println("scatterguard: store " + toClose.settings().describe());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                running.close();
            } catch (IOException ignored) {
                // shutting down anyway
            } finally {
                if (toClose != null) toClose.close(); // writes the audit records still queued
            }
            stopped.countDown();
        }));
        ListenAddress a = running.address();
        System.err.println(banner.apply(parts, a instanceof ListenAddress.Unix ? a.toString() : "inet:" + a));
        stopped.await();
        return 0;
    }
}
