package io.scatterguard.gateway.core;

import io.scatterguard.gateway.check.ChainResult;
import io.scatterguard.gateway.check.Client;
import io.scatterguard.gateway.check.Contexts;
import io.scatterguard.gateway.check.Pipeline;
import io.scatterguard.gateway.check.Verdict;
import io.scatterguard.gateway.metrics.GatewayMetrics;
import io.scatterguard.gateway.smtp.Session;
import io.scatterguard.gateway.smtp.SmtpHandler;
import io.scatterguard.mail.Analysis;
import io.scatterguard.mail.MessageAnalyzer;
import io.scatterguard.mail.batv.BatvAddress;
import io.scatterguard.mail.model.Reply;
import io.scatterguard.mail.parse.MessageReader;
import io.scatterguard.mail.verdict.Envelope;
import io.scatterguard.store.QuarantineRequest;
import io.scatterguard.store.QuarantineStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Connects one SMTP session to the check pipeline: each stage's chain decides, its refusals become
 * the replies the client sees, and at end of data the analyzer and the end-of-data checks run
 * before the message is handed to the {@link Delivery} — whose answer is the final reply. Nothing is
 * accepted and refused later: every decision is made while the client waits. A message a check
 * quarantines is stored durably before the client hears 250 (a store failure is a 451) and never
 * reaches the backend. Every decision goes to the event log and the audit trail.
 */
public final class GatewayHandler implements SmtpHandler {
    private final Pipeline pipeline;
    private final MessageReader reader;
    private final MessageAnalyzer analyzer;
    private final Backend backend;
    private final EventLog events;
    private final QuarantineStore quarantine; // null: no store, quarantine answers 451
    private final AuditRecorder audit; // null: no audit trail

    private final List<Verdict> sessionVerdicts = new ArrayList<>();
    private final List<Verdict> txVerdicts = new ArrayList<>();
    private final List<TransactionEvent.RecipientDecision> refused = new ArrayList<>();
    private boolean txOpen;
    private OptionalLong held = OptionalLong.empty();
    private boolean discarded;
    private GatewayMetrics metrics; // null: not counted
    private io.scatterguard.gateway.outbound.OutboundGuard history; // null: the outbound guard need not know
    private io.scatterguard.gateway.check.builtin.AllowList internal;

    public GatewayHandler(Pipeline pipeline, MessageReader reader, MessageAnalyzer analyzer, Backend backend,
            EventLog events) {
        this(pipeline, reader, analyzer, backend, events, null, null);
    }

    /** With the store: quarantined mail is held in {@code quarantine}, every decision goes to {@code audit}. */
    public GatewayHandler(Pipeline pipeline, MessageReader reader, MessageAnalyzer analyzer, Backend backend,
            EventLog events, QuarantineStore quarantine, AuditRecorder audit) {
        this.pipeline = pipeline;
        this.reader = reader;
        this.analyzer = analyzer;
        this.backend = backend;
        this.events = events;
        this.quarantine = quarantine;
        this.audit = audit;
    }

    /** Counts every finished transaction by outcome and symbol in {@code m}. */
    public GatewayHandler metrics(GatewayMetrics m) {
        this.metrics = m;
        return this;
    }

    /**
     * Tells {@code guard} about every message accepted for delivery, so that the notifications our
     * users' servers send about it later can be judged; clients in {@code internal} are our own.
     */
    public GatewayHandler history(io.scatterguard.gateway.outbound.OutboundGuard guard,
            io.scatterguard.gateway.check.builtin.AllowList internal) {
        this.history = guard;
        this.internal = internal;
        return this;
    }

    private static Client client(Session s) {
        return new Client(s.client().getAddress(), s.heloName(), s.tls());
    }

    /** The reply for a chain's decision; empty when the stage proceeds. */
    private static Optional<Reply> replyFor(ChainResult r) {
        return switch (r.decision()) {
            case Verdict.Reject v -> Optional.of(v.reply());
            case Verdict.TempFail v -> Optional.of(v.reply());
            case Verdict.Disconnect v -> Optional.of(v.reply());
            default -> Optional.empty();
        };
    }

    @Override
    public Optional<Reply> connect(Session s) {
        ChainResult r = pipeline.connect().run(new Contexts.Connect(client(s)));
        sessionVerdicts.addAll(r.verdicts());
        Optional<Reply> reply = replyFor(r);
        reply.ifPresent(rep -> log(s, "CONNECT", rep, null, 0, List.of(), ""));
        return reply;
    }

    @Override
    public Optional<Reply> helo(Session s, String heloName, boolean extended) {
        ChainResult r = pipeline.helo().run(new Contexts.Helo(client(s), heloName));
        sessionVerdicts.addAll(r.verdicts());
        return replyFor(r);
    }

    @Override
    public Optional<Reply> mail(Session s, String sender) {
        ChainResult r = pipeline.mail().run(new Contexts.Mail(client(s), sender));
        txVerdicts.addAll(r.verdicts());
        Optional<Reply> reply = replyFor(r);
        if (reply.isEmpty()) reply = backend.mail(s, sender);
        if (reply.isPresent() && !reply.get().isPositive()) {
            log(s, "MAIL", reply.get(), null, 0, List.of(), sender);
            txVerdicts.clear();
        } else {
            txOpen = true;
        }
        return reply;
    }

    @Override
    public Optional<Reply> rcpt(Session s, String recipient) {
        ChainResult r = pipeline.rcpt().run(new Contexts.Rcpt(client(s), s.sender(), s.recipients(), recipient));
        txVerdicts.addAll(r.verdicts());
        Optional<Reply> reply = replyFor(r);
        if (reply.isEmpty()) reply = backend.rcpt(s, untagged(recipient));
        reply.filter(rep -> !rep.isPositive())
                .ifPresent(rep -> refused.add(new TransactionEvent.RecipientDecision(recipient, rep.toString())));
        return reply;
    }

    @Override
    public Optional<Reply> data(Session s) {
        ChainResult r = pipeline.data().run(new Contexts.Data(client(s), s.sender(), s.recipients()));
        txVerdicts.addAll(r.verdicts());
        Optional<Reply> reply = replyFor(r);
        if (reply.isEmpty()) reply = backend.data(s);
        reply.filter(rep -> !rep.isPositive()).ifPresent(rep -> {
            backend.abort();
            finish(s, "DATA", rep, null, 0);
        });
        return reply;
    }

    @Override
    public java.io.OutputStream dataSink(Session s) {
        return backend.stream();
    }

    @Override
    public Reply message(Session s, byte[] raw) {
        long size = raw.length;
        Analysis a;
        try {
            a = analyzer.analyze(reader.read(raw), Envelope.smtp(s.sender(), s.recipients()));
        } catch (RuntimeException e) {
            Reply rep = Reply.of(451, "4.3.0", "Temporary failure analysing the message; try again later");
            backend.abort();
            finish(s, "END_OF_DATA", rep, null, size);
            return rep;
        }
        ChainResult r = pipeline.endOfData().run(new Contexts.Message(client(s), s.sender(), s.recipients(), raw, a));
        txVerdicts.addAll(r.verdicts());
        Reply reply = switch (r.decision()) {
            case Verdict.Reject v -> v.reply();
            case Verdict.TempFail v -> v.reply();
            case Verdict.Disconnect v -> v.reply();
            case Verdict.Discard v -> {
                discarded = true;
                yield Reply.of(250, "2.0.0", "Ok");
            }
            case Verdict.Quarantine v -> hold(s, raw, a, v);
            default -> null;
        };
        if (reply == null) {
            reply = backend.finish(backend.withTrace(s, raw), s.sender(),
                    s.recipients().stream().map(GatewayHandler::untagged).toList());
            if (history != null && reply.isPositive()) remember(s, a);
        } else {
            backend.abort();
        }
        finish(s, "END_OF_DATA", reply, a, size);
        return reply;
    }

    /** What the outbound guard needs to know about an accepted message: who sent it and may they be answered. */
    private void remember(Session s, Analysis a) {
        String spf = "";
        for (Verdict v : txVerdicts) {
            if (v.symbol().startsWith("SPF_")) spf = v.symbol().substring(4);
        }
        io.scatterguard.mail.model.Headers h = a.message().headers();
        boolean outside = internal == null || !internal.contains(s.client().getAddress());
        history.inbound(s.sender(), h.get("Message-ID"), new io.scatterguard.gateway.outbound.InboundFacts(
                s.sender().isEmpty(), outside, spf, a.category().isAutoGenerated()
                        || io.scatterguard.gateway.outbound.InboundFacts.autoSubmitted(h),
                io.scatterguard.gateway.outbound.InboundFacts.listOrBulk(h)));
    }

    /**
     * Stores the message in the quarantine, durably, before the client hears 250; the backend never
     * gets it (the caller aborts the backend transaction). If it cannot be stored the client keeps it
     * (451) and tries again: never accepted without being stored.
     */
    private Reply hold(Session s, byte[] raw, Analysis a, Verdict.Quarantine v) {
        if (quarantine == null) {
            return Reply.of(451, "4.7.1", "Message held for review is not possible now; try again later");
        }
        List<String> symbols = new ArrayList<>();
        for (Verdict x : sessionVerdicts) if (!x.symbol().isEmpty()) symbols.add(x.symbol());
        for (Verdict x : txVerdicts) if (!x.symbol().isEmpty()) symbols.add(x.symbol());
        try {
            long id = quarantine.put(new QuarantineRequest(Instant.now(), s.id(), s.client().getAddress().getHostAddress(), "",
                    s.heloName(), s.tls(), s.sender(), s.recipients(), quarantineCategory(v, a), v.check(), v.symbol(), symbols,
                    v.reason(), a.message().headers().get("Subject"), a.message().headers().get("Message-ID").strip(), raw));
            held = OptionalLong.of(id);
            return Reply.of(250, "2.0.0", "Ok: held for review " + id);
        } catch (RuntimeException e) {
            System.getLogger("io.scatterguard.gateway").log(System.Logger.Level.WARNING,
                    "cannot store quarantined message of session " + s.id() + "; answering 451: " + e.getMessage());
            return Reply.of(451, "4.3.0", "Temporary problem holding the message for review; try again later");
        }
    }

    /** The quarantine category (it chooses the retention): virus, spam, backscatter, else policy. */
    static String quarantineCategory(Verdict.Quarantine v, Analysis a) {
        String symbol = v.symbol().toUpperCase(Locale.ROOT);
        if (symbol.contains("VIRUS")) return "virus";
        if (symbol.contains("SPAM")) return "spam";
        if (v.check().equals("backscatter") || a != null && a.backscatter().backscatter()) return "backscatter";
        return "policy";
    }

    /** BATV tags exist for the way back only: the mail store knows the plain addresses. */
    static String untagged(String recipient) {
        BatvAddress b = BatvAddress.parse(recipient);
        return b.isTagged() && !b.original().isEmpty() ? b.original() : recipient;
    }

    @Override
    public void reset(Session s) {
        if (txOpen) {
            backend.abort();
            finish(s, "ABANDONED", null, null, 0);
        }
    }

    @Override
    public void close(Session s) {
        backend.close();
    }

    private void finish(Session s, String stage, Reply reply, Analysis a, long size) {
        log(s, stage, reply, a, size, s.recipients(), s.sender());
        txVerdicts.clear();
        refused.clear();
        txOpen = false;
        held = OptionalLong.empty();
        discarded = false;
    }

    private void log(Session s, String stage, Reply reply, Analysis a, long size, List<String> rcpts, String sender) {
        if (events == null && audit == null && metrics == null) return;
        List<Verdict> all = new ArrayList<>(sessionVerdicts);
        all.addAll(txVerdicts);
        TransactionEvent e = new TransactionEvent(Instant.now(), s.id(), s.client().getAddress().getHostAddress(), s.heloName(),
                s.tls(), sender == null ? "" : sender, List.copyOf(rcpts), List.copyOf(refused),
                a == null ? "" : a.category().id(), a != null && a.backscatter().backscatter(), all, stage,
                reply == null ? "" : reply.toString(), size, a == null ? "" : a.message().headers().get("Message-ID"));
        if (events != null) events.write(e);
        if (audit != null) audit.record(e, held, discarded);
        if (metrics != null) metrics.transaction(e, GatewayMetrics.outcome(e.reply(), held.isPresent(), discarded));
    }
}
