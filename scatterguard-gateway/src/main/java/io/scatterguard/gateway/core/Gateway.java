package io.scatterguard.gateway.core;

import io.scatterguard.gateway.check.CheckChain;
import io.scatterguard.gateway.check.Mode;
import io.scatterguard.gateway.check.Pipeline;
import io.scatterguard.gateway.check.Stage;
import io.scatterguard.gateway.check.builtin.BackscatterCheck;
import io.scatterguard.gateway.check.builtin.NullSenderCheck;
import io.scatterguard.gateway.check.builtin.RecipientCheck;
import io.scatterguard.gateway.check.builtin.RecipientDirectory;
import io.scatterguard.gateway.metrics.GatewayMetrics;
import io.scatterguard.gateway.smtp.SmtpHandler;
import io.scatterguard.gateway.smtp.SmtpServer;
import io.scatterguard.gateway.smtp.SmtpSettings;
import io.scatterguard.mail.MessageAnalyzer;
import io.scatterguard.mail.batv.BatvVerifier;
import io.scatterguard.mail.parse.MessageReader;
import io.scatterguard.mail.parse.ReadLimits;
import io.scatterguard.mail.verdict.OurSide;
import io.scatterguard.store.QuarantineStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * Assembles a running MX front end from its parts: the recipient directory, what we know about our
 * own mail (domains, BATV, ledger), the built-in check pipeline and the delivery target.
 */
public final class Gateway implements AutoCloseable {
    private final List<SmtpServer> servers;
    private final List<Backend.Factory> backends;
    private final GatewayFactory.Guard.Running guard; // null: no outbound guard

    private Gateway(List<SmtpServer> servers, List<Backend.Factory> backends) {
        this(servers, backends, null);
    }

    private Gateway(List<SmtpServer> servers, List<Backend.Factory> backends, GatewayFactory.Guard.Running guard) {
        this.servers = List.copyOf(servers);
        this.backends = List.copyOf(backends);
        this.guard = guard;
    }

    /** The built-in pipeline: recipients and null-sender rules at RCPT, the backscatter judge at end of data. */
    public static Pipeline defaultPipeline(RecipientDirectory directory, OurSide us) {
        return defaultPipeline(directory, us, List.of());
    }

    /** The built-in pipeline with these checks at connect (e.g. DNS block lists). */
    public static Pipeline defaultPipeline(RecipientDirectory directory, OurSide us,
            List<CheckChain.Entry<io.scatterguard.gateway.check.Contexts.Connect>> connect) {
        return defaultPipeline(directory, us, connect, List.of());
    }

    /** The built-in pipeline with extra checks at connect (DNS block lists) and at MAIL (SPF). */
    public static Pipeline defaultPipeline(RecipientDirectory directory, OurSide us,
            List<CheckChain.Entry<io.scatterguard.gateway.check.Contexts.Connect>> connect,
            List<CheckChain.Entry<io.scatterguard.gateway.check.Contexts.Mail>> mail) {
        return defaultPipeline(directory, us, connect, mail, List.of());
    }

    /**
     * ... and content scanners after the backscatter judge at end of data. A null {@code directory}
     * leaves recipients to the MTA in front (milter and policy service without a recipients file).
     */
    public static Pipeline defaultPipeline(RecipientDirectory directory, OurSide us,
            List<CheckChain.Entry<io.scatterguard.gateway.check.Contexts.Connect>> connect,
            List<CheckChain.Entry<io.scatterguard.gateway.check.Contexts.Mail>> mail,
            List<CheckChain.Entry<io.scatterguard.gateway.check.Contexts.Message>> scanners) {
        return defaultPipeline(directory, us, connect, mail, scanners, BackscatterCheck.Action.REJECT);
    }

    /** ... with backscatter refused or kept in quarantine. */
    public static Pipeline defaultPipeline(RecipientDirectory directory, OurSide us,
            List<CheckChain.Entry<io.scatterguard.gateway.check.Contexts.Connect>> connect,
            List<CheckChain.Entry<io.scatterguard.gateway.check.Contexts.Mail>> mail,
            List<CheckChain.Entry<io.scatterguard.gateway.check.Contexts.Message>> scanners, BackscatterCheck.Action backscatter) {
        List<CheckChain.Entry<io.scatterguard.gateway.check.Contexts.Message>> endOfData = new java.util.ArrayList<>();
        endOfData.add(new CheckChain.Entry<>(new BackscatterCheck(backscatter), Mode.ENFORCE));
        endOfData.addAll(scanners);
        Optional<BatvVerifier> batv = us.batv();
        List<CheckChain.Entry<io.scatterguard.gateway.check.Contexts.Rcpt>> rcpt = new java.util.ArrayList<>();
        if (directory != null) rcpt.add(new CheckChain.Entry<>(new RecipientCheck(directory), Mode.ENFORCE));
        rcpt.add(new CheckChain.Entry<>(new NullSenderCheck(us.roleLocalParts(), batv), Mode.ENFORCE));
        return new Pipeline(
                new CheckChain<>(Stage.CONNECT, connect),
                new CheckChain<>(Stage.HELO, List.of()),
                new CheckChain<>(Stage.MAIL, mail),
                new CheckChain<>(Stage.RCPT, rcpt),
                new CheckChain<>(Stage.DATA, List.of()),
                new CheckChain<>(Stage.END_OF_DATA, endOfData));
    }

    public static Gateway start(InetSocketAddress bind, SmtpSettings smtp, SSLContext tls, Pipeline pipeline, OurSide us,
            Backend.Factory backends, EventLog events, int maxConnections, int maxPerClient) throws IOException {
        return start(List.of(bind), smtp, tls, pipeline, us, backends, events, maxConnections, maxPerClient);
    }

    /** Listens on every address; if one cannot be bound, the others are closed again and the error is thrown. */
    public static Gateway start(List<InetSocketAddress> binds, SmtpSettings smtp, SSLContext tls, Pipeline pipeline,
            OurSide us, Backend.Factory backends, EventLog events, int maxConnections, int maxPerClient) throws IOException {
        return start(binds, smtp, tls, pipeline, us, backends, events, maxConnections, maxPerClient, null);
    }

    /** ... with sessions, replies and every check's latency and verdicts counted in {@code metrics} (null: not counted). */
    public static Gateway start(List<InetSocketAddress> binds, SmtpSettings smtp, SSLContext tls, Pipeline pipeline,
            OurSide us, Backend.Factory backends, EventLog events, int maxConnections, int maxPerClient,
            GatewayMetrics metrics) throws IOException {
        return start(binds, smtp, tls, pipeline, us, backends, events, maxConnections, maxPerClient, null, null, metrics);
    }

    /**
     * ... with quarantined mail held in {@code quarantine} and every decision written to {@code audit}
     * (each may be null: without a quarantine such mail gets 451, without audit only the event log).
     */
    public static Gateway start(List<InetSocketAddress> binds, SmtpSettings smtp, SSLContext tls, Pipeline pipeline,
            OurSide us, Backend.Factory backends, EventLog events, int maxConnections, int maxPerClient,
            QuarantineStore quarantine, AuditRecorder audit, GatewayMetrics metrics) throws IOException {
        return start(binds, smtp, tls, pipeline, us, backends, events, maxConnections, maxPerClient, quarantine, audit,
                metrics, null);
    }

    /** ... telling the outbound guard (may be null) about every message accepted, so it can judge the answers. */
    static Gateway start(List<InetSocketAddress> binds, SmtpSettings smtp, SSLContext tls, Pipeline pipeline,
            OurSide us, Backend.Factory backends, EventLog events, int maxConnections, int maxPerClient,
            QuarantineStore quarantine, AuditRecorder audit, GatewayMetrics metrics, GatewayFactory.Guard.Running guard)
            throws IOException {
        MessageReader reader = new MessageReader(ReadLimits.defaults());
        MessageAnalyzer analyzer = new MessageAnalyzer(us);
        Pipeline checks = metrics == null ? pipeline : metrics.instrument(pipeline);
        SmtpHandler.Factory handlers = session -> {
            GatewayHandler h = new GatewayHandler(checks, reader, analyzer, backends.open(), events, quarantine, audit)
                    .metrics(metrics);
            return guard == null ? h : h.history(guard.guard(), guard.internal());
        };
        SmtpHandler.Factory counted = metrics == null ? handlers : metrics.instrument(handlers);
        List<SmtpServer> servers = new java.util.ArrayList<>();
        try {
            for (InetSocketAddress bind : binds) {
                servers.add(new SmtpServer(bind, smtp, tls, counted, maxConnections, maxPerClient));
            }
        } catch (IOException e) {
            for (SmtpServer s : servers) s.close();
            throw new IOException("cannot listen on " + binds.get(servers.size()) + ": " + e.getMessage(), e);
        }
        return new Gateway(servers, List.of(backends));
    }

    /** Starts from configuration parts built by {@link GatewayFactory}: the MX listeners and the relay listener. */
    public static Gateway start(GatewayFactory.Parts p) throws IOException {
        return start(p, null);
    }

    /** ... with the MX listeners' meters in {@code metrics} (null: not counted). */
    public static Gateway start(GatewayFactory.Parts p, GatewayMetrics metrics) throws IOException {
        return start(p, null, null, metrics);
    }

    /** ... with the store: quarantined mail held in {@code quarantine}, decisions in {@code audit} (each may be null). */
    public static Gateway start(GatewayFactory.Parts p, QuarantineStore quarantine, AuditRecorder audit, GatewayMetrics metrics)
            throws IOException {
        GatewayFactory.Relay r = p.relay();
        GatewayFactory.Guard.Running guard = r == null || p.guard() == null ? null : p.guard().start(p.events(), metrics);
        Gateway mx;
        try {
            mx = start(p.listen(), p.smtp(), p.tls(), p.pipeline(), p.us(), p.backends(), p.events(),
                    p.maxConnections(), p.maxPerClient(), quarantine, audit, metrics, guard);
        } catch (IOException | RuntimeException e) {
            if (guard != null) guard.close();
            throw e;
        }
        if (r == null) return mx;
        List<SmtpServer> all = new java.util.ArrayList<>(mx.servers);
        MessageReader reader = new MessageReader(ReadLimits.defaults());
        MessageAnalyzer analyzer = new MessageAnalyzer(p.us());
        OutboundHandler.Guarding guarding = guard == null ? null
                : new OutboundHandler.Guarding(guard.guard(), reader, analyzer, quarantine);
        DecisionSinks sinks = new DecisionSinks(p.events(), audit, metrics);
        try {
            for (InetSocketAddress bind : r.listen()) {
                all.add(new SmtpServer(bind, p.smtp(), p.tls(),
                        s -> new OutboundHandler(r.networks(), r.signer(), r.ledger(), r.smarthost().open(), guarding, sinks)
                                .authenticatedBy(r.users()),
                        p.maxConnections(), p.maxPerClient()));
            }
        } catch (IOException e) {
            for (SmtpServer s : all) s.close();
            if (guard != null) guard.close();
            throw new IOException("cannot listen for relaying: " + e.getMessage(), e);
        }
        return new Gateway(all, List.of(p.backends(), r.smarthost()), guard);
    }

    /** The port of the first listener (the one tests and the demo use). */
    public int port() {
        return servers.get(0).port();
    }

    @Override
    public void close() throws IOException {
        for (SmtpServer s : servers) s.close();
        for (Backend.Factory b : backends) b.close();
        if (guard != null) guard.close();
    }
}
