package io.scatterguard.app.cli;

import io.scatterguard.gateway.config.Config;
import io.scatterguard.gateway.config.ConfigException;
import io.scatterguard.gateway.core.GatewayFactory;
import io.scatterguard.gateway.milter.Milter;
import io.scatterguard.gateway.net.ListenAddress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scatterguard milter --config FILE}: the gateway's checks inside Postfix or Sendmail, over the milter protocol. */
@Command(name = "milter", mixinStandardHelpOptions = true,
        description = {"Serve the checks to Postfix (smtpd_milters) or Sendmail (INPUT_MAIL_FILTER) as a milter: the same "
                + "decisions as the gateway, made before the MTA's final reply; BATV-signs and records our own outbound mail.",
                "Listens on milter.listen (host:port or unix:/path); see docs/BACKSCATTER.md for the MTA side."})
public final class MilterCommand implements Callable<Integer> {
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
            address = Milter.listenAddress(c);
        } catch (ConfigException e) {
            System.err.println("scatterguard milter: the configuration cannot be used:");
            for (String p : e.problems()) System.err.println("  " + p);
            return 2;
        }
        Milter milter;
        try {
            milter = Milter.start(parts, address);
        } catch (IOException e) {
            System.err.println("scatterguard milter: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                milter.close();
            } catch (IOException ignored) {
                // shutting down anyway
            }
            stopped.countDown();
        }));
        ListenAddress a = milter.address();
        String endpoint = a instanceof ListenAddress.Unix ? a.toString() : "inet:" + a;
        System.err.println("scatterguard: milter listening on " + a + (parts.directory() == null
                ? " (no recipients file: the MTA alone decides who exists)" : "") + "; stop with Ctrl-C");
        System.err.println("  Postfix main.cf:  smtpd_milters = " + endpoint + "   milter_default_action = tempfail");
        stopped.await();
        return 0;
    }
}
