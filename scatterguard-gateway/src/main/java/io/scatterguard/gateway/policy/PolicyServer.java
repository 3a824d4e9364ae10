package io.scatterguard.gateway.policy;

import io.scatterguard.gateway.config.Config;
import io.scatterguard.gateway.config.ConfigException;
import io.scatterguard.gateway.config.ConfigKeys;
import io.scatterguard.gateway.core.GatewayFactory;
import io.scatterguard.gateway.net.ListenAddress;
import io.scatterguard.gateway.net.StreamServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A running Postfix policy service ({@code check_policy_service inet:127.0.0.1:10040}): one
 * thread per Postfix connection, many requests per connection, each answered with
 * {@code action=...} and an empty line. A request that breaks the protocol or our limits is
 * answered with {@code DEFER_IF_PERMIT} and the connection is closed; Postfix reconnects.
 */
public final class PolicyServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PolicyServer.class.getName());

    private final StreamServer server;

    private PolicyServer(StreamServer server) {
        this.server = server;
    }

    /** The configured {@code policy.listen} address; a bad one is a configuration error naming the key. */
    public static ListenAddress listenAddress(Config c) throws ConfigException {
        try {
            return ListenAddress.parse(c.get(ConfigKeys.POLICY_LISTEN));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(List.of(ConfigKeys.POLICY_LISTEN.key() + ": " + e.getMessage()));
        }
    }

    public static PolicyServer start(GatewayFactory.Parts parts, ListenAddress address) throws IOException {
        PolicyService service = new PolicyService(parts.pipeline(), parts.outbound(), parts.events());
        return new PolicyServer(new StreamServer("policy", address, parts.maxConnections(), parts.smtp().sessionTimeout(),
                c -> serve(service, c.id(), c.in(), c.out())));
    }

    /** Answers requests until the client closes the connection or breaks the protocol. */
    static void serve(PolicyService service, String id, InputStream in, OutputStream out) throws IOException {
        PolicyReader reader = new PolicyReader(in);
        while (true) {
            PolicyRequest request;
            try {
                request = reader.read();
            } catch (PolicyProtocolException e) {
                LOG.log(Level.WARNING, "policy " + id + ": " + e.getMessage() + "; answering DEFER_IF_PERMIT and closing");
                answer(out, "DEFER_IF_PERMIT 4.5.0 Malformed or oversized policy request");
                return;
            }
            if (request == null) return;
            String action;
            try {
                action = service.decide(request, id);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "policy " + id + ": deciding failed; answering " + PolicyService.INTERNAL_ERROR, e);
                action = PolicyService.INTERNAL_ERROR;
            }
            answer(out, action);
        }
    }

    private static void answer(OutputStream out, String action) throws IOException {
        out.write(("action=" + action + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    public ListenAddress address() {
        return server.address();
    }

    public int openConnections() {
        return server.openConnections();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
