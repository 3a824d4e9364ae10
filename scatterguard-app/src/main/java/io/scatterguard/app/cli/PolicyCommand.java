package io.scatterguard.app.cli;

import io.scatterguard.gateway.net.ListenAddress;
import io.scatterguard.gateway.policy.PolicyServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
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
        return MtaFilterService.run("policy", config, PolicyServer::listenAddress, (parts, address, audit) -> {
            PolicyServer p = PolicyServer.start(parts, address);
            return new MtaFilterService.Running() {
                @Override
                public ListenAddress address() {
                    return p.address();
                }

                @Override
                public void close() throws IOException {
                    p.close();
                }
            };
        }, (parts, endpoint) -> "scatterguard: policy service listening on " + endpoint.replaceFirst("^inet:", "")
                + "; stop with Ctrl-C\n  Postfix main.cf:  smtpd_recipient_restrictions = ..., reject_unauth_destination, "
                + "check_policy_service " + endpoint,
                false); // RCPT-time answers only, in the event log; no store, so it can run beside `milter` or `serve`
    }
}
