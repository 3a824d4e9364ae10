package io.scatterguard.app.cli;

import io.scatterguard.gateway.config.Config;
import io.scatterguard.gateway.config.ConfigException;
import io.scatterguard.gateway.core.Gateway;
import io.scatterguard.gateway.core.GatewayFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scatterguard serve --config FILE}: runs the SMTP gateway until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the SMTP gateway that decides during the transaction, so nobody bounces later.")
public final class ServeCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "The YAML configuration (keys: docs/config-reference.md).")
    Path config;

    @Override
    public Integer call() throws Exception {
        GatewayFactory.Parts parts;
        try {
            parts = GatewayFactory.build(Config.load(config));
        } catch (ConfigException e) {
            System.err.println("scatterguard serve: the configuration cannot be used:");
            for (String p : e.problems()) System.err.println("  " + p);
            return 2;
        }
        Gateway gateway;
        try {
            gateway = Gateway.start(parts);
        } catch (IOException e) {
            System.err.println("scatterguard serve: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                gateway.close();
            } catch (IOException ignored) {
                // shutting down anyway
            }
            stopped.countDown();
        }));
        System.err.println("scatterguard: listening on " + parts.listen() + " as " + parts.smtp().hostName()
                + " (" + parts.mode() + " mode); stop with Ctrl-C");
        stopped.await();
        return 0;
    }
}
