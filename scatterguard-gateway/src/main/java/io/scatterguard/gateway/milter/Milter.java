package io.scatterguard.gateway.milter;

import io.scatterguard.gateway.config.Config;
import io.scatterguard.gateway.config.ConfigException;
import io.scatterguard.gateway.config.ConfigKeys;
import io.scatterguard.gateway.core.GatewayFactory;
import io.scatterguard.gateway.net.ListenAddress;
import io.scatterguard.gateway.net.StreamServer;
import io.scatterguard.mail.MessageAnalyzer;
import io.scatterguard.mail.parse.MessageReader;
import io.scatterguard.mail.parse.ReadLimits;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * A running milter: the gateway's check pipeline served to Postfix or Sendmail over the milter
 * protocol, on a TCP port or a Unix-domain socket, one thread per MTA connection. Built
 * from the same configuration as the gateway ({@link GatewayFactory#build(Config, GatewayFactory.Role)}).
 */
public final class Milter implements AutoCloseable {
    /** How often SMFIR_PROGRESS is sent while end-of-message checks run (the MTA's timer restarts each time). */
    public static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(10);

    private final StreamServer server;
    private final GatewayFactory.Guard.Running guard; // null: no outbound guard

    private Milter(StreamServer server, GatewayFactory.Guard.Running guard) {
        this.server = server;
        this.guard = guard;
    }

    /** The configured {@code milter.listen} address; a bad one is a configuration error naming the key. */
    public static ListenAddress listenAddress(Config c) throws ConfigException {
        try {
            return ListenAddress.parse(c.get(ConfigKeys.MILTER_LISTEN));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(List.of(ConfigKeys.MILTER_LISTEN.key() + ": " + e.getMessage()));
        }
    }

    public static Milter start(GatewayFactory.Parts parts, ListenAddress address) throws IOException {
        return start(parts, address, PROGRESS_INTERVAL, null);
    }

    /** ... with every decision written to {@code audit} as well as the event log (null: no audit trail). */
    public static Milter start(GatewayFactory.Parts parts, ListenAddress address, io.scatterguard.gateway.core.AuditRecorder audit)
            throws IOException {
        return start(parts, address, PROGRESS_INTERVAL, audit);
    }

    public static Milter start(GatewayFactory.Parts parts, ListenAddress address, Duration progressInterval,
            io.scatterguard.gateway.core.AuditRecorder audit) throws IOException {
        MessageReader reader = new MessageReader(ReadLimits.defaults());
        MessageAnalyzer analyzer = new MessageAnalyzer(parts.us());
        GatewayFactory.Guard.Running guard = parts.guard() == null ? null : parts.guard().start(parts.events(), null);
        MilterFilter.Factory filters = PipelineMilter.factory(parts, reader, analyzer, guard, audit);
        StreamServer server;
        try {
            server = new StreamServer("milter", address, parts.maxConnections(), parts.smtp().sessionTimeout(),
                    c -> new MilterSession(c.id(), c.in(), c.out(), filters, progressInterval, c::touch).run());
        } catch (IOException | RuntimeException e) {
            if (guard != null) guard.close();
            throw e;
        }
        return new Milter(server, guard);
    }

    /** Where it listens (with the real port when 0 was configured). */
    public ListenAddress address() {
        return server.address();
    }

    /** MTA connections being served now. */
    public int openConnections() {
        return server.openConnections();
    }

    @Override
    public void close() throws IOException {
        try {
            server.close();
        } finally {
            if (guard != null) guard.close();
        }
    }
}
