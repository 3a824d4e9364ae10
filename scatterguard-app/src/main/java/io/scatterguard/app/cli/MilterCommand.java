package io.scatterguard.app.cli;

import io.scatterguard.gateway.milter.Milter;
import io.scatterguard.gateway.net.ListenAddress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
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
        return MtaFilterService.run("milter", config, Milter::listenAddress, (parts, address, audit) -> {
            Milter m = Milter.start(parts, address, audit);
            return new MtaFilterService.Running() {
                @Override
                public ListenAddress address() {
                    return m.address();
                }

                @Override
                public void close() throws IOException {
                    m.close();
                }
            };
        }, (parts, endpoint) -> "scatterguard: milter listening on " + endpoint.replaceFirst("^inet:", "")
                + (parts.directory() == null ? " (no recipients file: the MTA alone decides who exists)" : "")
                + "; stop with Ctrl-C\n  Postfix main.cf:  smtpd_milters = " + endpoint + "   milter_default_action = tempfail",
                true);
    }
}
