package io.scatterguard.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.scatterguard.gateway.check.Check;
import io.scatterguard.gateway.check.CheckChain;
import io.scatterguard.gateway.check.Pipeline;
import io.scatterguard.gateway.check.Verdict;
import io.scatterguard.gateway.core.TransactionEvent;
import io.scatterguard.gateway.smtp.Session;
import io.scatterguard.gateway.smtp.SmtpHandler;
import io.scatterguard.mail.model.Reply;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gateway's Micrometer meters: SMTP sessions, the replies the handler gives at each stage,
 * transactions by outcome and symbol, and every check's latency and verdicts. A listener, not code
 * inside the checks: {@link #instrument(Pipeline)} wraps the configured checks and
 * {@link #instrument(SmtpHandler.Factory)} wraps the session handlers, so the pipeline and the
 * handler stay unaware of metrics.
 *
 * <p>Meter names (Prometheus form): {@code scatterguard_smtp_sessions_open},
 * {@code scatterguard_smtp_sessions_total}, {@code scatterguard_smtp_replies_total{stage,code}},
 * {@code scatterguard_transactions_total{outcome}}, {@code scatterguard_transaction_symbols_total{symbol,outcome}},
 * {@code scatterguard_check_duration_seconds{check,stage}}, {@code scatterguard_check_verdicts_total{check,stage,mode,verdict,symbol}}.
 */
public final class GatewayMetrics {
    private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(10), Duration.ofMillis(50),
            Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30)};

    private final MeterRegistry registry;
    private final AtomicInteger open = new AtomicInteger();
    private final Counter sessions;

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        io.micrometer.core.instrument.Gauge.builder("scatterguard.smtp.sessions.open", open, AtomicInteger::get)
                .description("SMTP connections open now").strongReference(true).register(registry);
        this.sessions = Counter.builder("scatterguard.smtp.sessions").description("SMTP connections handled since start")
                .register(registry);
    }

    /** Meters that go nowhere (a registry without backends), for gateways run without a console. */
    public static GatewayMetrics none() {
        return new GatewayMetrics(new CompositeMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** SMTP sessions open now. */
    public int openSessions() {
        return open.get();
    }

    /** The same pipeline with every check timed and its verdicts counted. */
    public Pipeline instrument(Pipeline p) {
        return new Pipeline(instrument(p.connect()), instrument(p.helo()), instrument(p.mail()), instrument(p.rcpt()),
                instrument(p.data()), instrument(p.endOfData()));
    }

    private <C> CheckChain<C> instrument(CheckChain<C> chain) {
        String stage = chain.stage().name().toLowerCase(Locale.ROOT);
        List<CheckChain.Entry<C>> entries = chain.entries().stream()
                .map(e -> new CheckChain.Entry<>(e.check() instanceof Timed<C> ? e.check()
                        : new Timed<>(e.check(), stage, e.mode().name().toLowerCase(Locale.ROOT)), e.mode()))
                .toList();
        return new CheckChain<>(chain.stage(), entries);
    }

    /** Counts sessions and the replies of every stage of the handlers this factory creates. */
    public SmtpHandler.Factory instrument(SmtpHandler.Factory factory) {
        return session -> {
            SmtpHandler h = factory.create(session);
            sessions.increment();
            open.incrementAndGet();
            return new Counting(h);
        };
    }

    /**
     * Counts one finished transaction (the gateway's decision listener calls this with each
     * {@link TransactionEvent}).
     *
     * @param outcome how it ended, in the audit trail's words: accepted, rejected, tempfailed,
     *                quarantined, discarded, abandoned
     */
    /** Counts one outbound-guard alert: {@code scatterguard_outbound_guard_events_total{kind,symbol,action}}. */
    public void guardEvent(io.scatterguard.gateway.outbound.GuardEvent e) {
        Counter.builder("scatterguard.outbound.guard.events")
                .description("Outbound guard events: limits reached, the many-senders alarm, automatic mail held or refused")
                .tag("kind", e.kind()).tag("symbol", e.symbol()).tag("action", e.action()).register(registry).increment();
    }

    public void transaction(TransactionEvent e, String outcome) {
        Counter.builder("scatterguard.transactions").description("SMTP transactions by how they ended")
                .tag("outcome", outcome).register(registry).increment();
        for (Verdict v : e.verdicts()) {
            if (v.symbol().isEmpty()) continue;
            Counter.builder("scatterguard.transaction.symbols").description("Symbols the checks gave, by the transaction's outcome")
                    .tags("symbol", v.symbol(), "outcome", outcome).register(registry).increment();
        }
    }

    /**
     * The outcome of a transaction from its final reply ("250 2.0.0 Ok" → accepted), for callers
     * that know no more; {@code held} and {@code discarded} refine a 2xx.
     */
    public static String outcome(String reply, boolean held, boolean discarded) {
        int code = code(reply);
        if (code == 0) return "abandoned";
        if (code >= 500) return "rejected";
        if (code >= 400) return "tempfailed";
        if (held) return "quarantined";
        return discarded ? "discarded" : "accepted";
    }

    private static int code(String reply) {
        if (reply == null || reply.length() < 3) return 0;
        for (int i = 0; i < 3; i++) if (!Character.isDigit(reply.charAt(i))) return 0;
        return Integer.parseInt(reply.substring(0, 3));
    }

    private void reply(String stage, int code) {
        Counter.builder("scatterguard.smtp.replies").description("Replies the gateway gave, by SMTP stage and reply code")
                .tags("stage", stage, "code", Integer.toString(code)).register(registry).increment();
    }

    /** A check that records how long it took and what it answered. */
    private final class Timed<C> implements Check<C> {
        private final Check<C> check;
        private final String stage;
        private final String mode;
        private final Timer timer;

        Timed(Check<C> check, String stage, String mode) {
            this.check = check;
            this.stage = stage;
            this.mode = mode;
            this.timer = Timer.builder("scatterguard.check.duration").description("Time one check takes to answer")
                    .tags("check", check.name(), "stage", stage).serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
        }

        @Override
        public String name() {
            return check.name();
        }

        @Override
        public Verdict evaluate(C context) throws Exception {
            long start = System.nanoTime();
            String verdict = "error";
            String symbol = "CHECK_ERROR";
            try {
                Verdict v = check.evaluate(context);
                if (v != null) {
                    verdict = v.getClass().getSimpleName().toLowerCase(Locale.ROOT);
                    symbol = v.symbol();
                }
                return v;
            } finally {
                timer.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
                Counter.builder("scatterguard.check.verdicts").description("Verdicts of each check (warn mode: recorded, not applied)")
                        .tags("check", check.name(), "stage", stage, "mode", mode, "verdict", verdict, "symbol", symbol)
                        .register(registry).increment();
            }
        }
    }

    /** Passes every call through and counts the reply each stage gives. */
    private final class Counting implements SmtpHandler {
        private final SmtpHandler h;

        Counting(SmtpHandler h) {
            this.h = h;
        }

        private Optional<Reply> count(String stage, int positive, Optional<Reply> r) {
            reply(stage, r.map(Reply::code).orElse(positive));
            return r;
        }

        @Override
        public Optional<Reply> connect(Session s) {
            return count("connect", 220, h.connect(s));
        }

        @Override
        public Optional<Reply> helo(Session s, String heloName, boolean extended) {
            return count("helo", 250, h.helo(s, heloName, extended));
        }

        @Override
        public Optional<Reply> mail(Session s, String sender) {
            return count("mail", 250, h.mail(s, sender));
        }

        @Override
        public Optional<Reply> rcpt(Session s, String recipient) {
            return count("rcpt", 250, h.rcpt(s, recipient));
        }

        @Override
        public Optional<Reply> data(Session s) {
            return count("data", 354, h.data(s));
        }

        @Override
        public OutputStream dataSink(Session s) {
            return h.dataSink(s);
        }

        @Override
        public Reply message(Session s, byte[] content) throws IOException {
            Reply r = h.message(s, content);
            reply("end_of_data", r.code());
            return r;
        }

        @Override
        public void reset(Session s) {
            h.reset(s);
        }

        @Override
        public void close(Session s) {
            try {
                h.close(s);
            } finally {
                open.decrementAndGet();
            }
        }
    }
}
