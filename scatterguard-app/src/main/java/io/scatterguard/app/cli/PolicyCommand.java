package io.scatterguard.app.cli;

import io.scatterguard.gateway.config.Config;
import io.scatterguard.gateway.config.ConfigException;
import io.scatterguard.gateway.core.GatewayFactory;
import io.scatterguard.gateway.net.ListenAddress;
import io.scatterguard.gateway.policy.PolicyServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scatterguard policy --config FILE}: the RCPT-time checks as a Postfix policy service. */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = {"Serve the RCPT-time checks to Postfix's check_policy_service: unknown recipients (with a "
                + "recipients file), one recipient per bounce, no bounces to addresses that never send, valid BATV tags.",
                "Listens on policy.listen; see docs/BACKSCATTER.md for main.cf."})
public final class PolicyCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "The YAML configuration (keys: docs/config-reference.md).")
    Path config;

    @Override
    public Integer call() throws Exception {
        ServiceLogging.configure();
        GatewayFactory.Parts parts;
        ListenAddress address;
        try {
            Config c = Config.load(config);
            parts = GatewayFactory.build(c, GatewayFactory.Role.MTA_FILTER);
            address = PolicyServer.listenAddress(c);
        } catch (ConfigException e) {
            System.err.println("scatterguard policy: the configuration cannot be used:");
            for (String p : e.problems()) System.err.println("  " + p);
            return 2;
        }
        PolicyServer server;
        try {
            server = PolicyServer.start(parts, address);
        } catch (IOException e) {
            System.err.println("scatterguard policy: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (IOException ignored) {
                // shutting down anyway
            }
            stopped.countDown();
        }));
        ListenAddress a = server.address();
        String endpoint = a instanceof ListenAddress.Unix ? a.toString() : "inet:" + a;
        System.err.println("scatterguard: policy service listening on " + a + "; stop with Ctrl-C");
        System.err.println("  Postfix main.cf:  smtpd_recipient_restrictions = ..., reject_unauth_destination, "
                + "check_policy_service " + endpoint);
        stopped.await();
        return 0;
    }
}
