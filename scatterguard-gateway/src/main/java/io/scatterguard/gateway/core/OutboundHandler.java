package io.scatterguard.gateway.core;

import io.scatterguard.gateway.check.Verdict;
import io.scatterguard.gateway.check.builtin.AllowList;
import io.scatterguard.gateway.outbound.OutboundGuard;
import io.scatterguard.gateway.smtp.Session;
import io.scatterguard.gateway.smtp.SmtpHandler;
import io.scatterguard.mail.Analysis;
import io.scatterguard.mail.MessageAnalyzer;
import io.scatterguard.mail.batv.BatvSigner;
import io.scatterguard.mail.model.Headers;
import io.scatterguard.mail.model.Reply;
import io.scatterguard.mail.parse.MessageReader;
import io.scatterguard.mail.parse.internal.HeaderBlocks;
import io.scatterguard.mail.verdict.Envelope;
import io.scatterguard.store.QuarantineRequest;
import io.scatterguard.store.QuarantineStore;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The relay listener for our own outbound mail: only clients in the relay networks may use it; the
 * envelope sender is BATV-signed (so that genuine bounces to it are recognised and pass), each
 * Message-ID is recorded in the outbound ledger the inbound judge consults, and the message is
 * passed to the smarthost through the same live, per-command proxy as inbound proxy mode. With an
 * {@link OutboundGuard}, rate limits apply at RCPT and automatic mail to senders we cannot
 * trust is held (before the client hears 250) or refused at end of data; it never reaches the
 * smarthost then.
 */
public final class OutboundHandler implements SmtpHandler {
    private final AllowList networks;
    private final BatvSigner signer; // null: no BATV signing configured
    private final OutboundRecorder ledger;
    private final Backend backend;
    private final Guarding guarding; // null: no outbound guard
    private final DecisionSinks sinks;
    private final List<Verdict> verdicts = new ArrayList<>();
    private final List<TransactionEvent.RecipientDecision> refused = new ArrayList<>();
    private boolean txOpen;
    private boolean charged; // the guard counted this transaction's message
    private SmtpHandler.Authenticator users; // null: only clients in the relay networks may send

    /** What the guard needs besides its rules: the analyzer for end of data and the quarantine to hold mail in. */
    public record Guarding(OutboundGuard guard, MessageReader reader, MessageAnalyzer analyzer, QuarantineStore quarantine) {}

    public OutboundHandler(AllowList networks, BatvSigner signer, OutboundRecorder ledger, Backend backend) {
        this(networks, signer, ledger, backend, null, DecisionSinks.NONE);
    }

    public OutboundHandler(AllowList networks, BatvSigner signer, OutboundRecorder ledger, Backend backend,
            Guarding guarding, DecisionSinks sinks) {
        this.networks = networks;
        this.signer = signer;
        this.ledger = ledger;
        this.backend = backend;
        this.guarding = guarding;
        this.sinks = sinks;
    }

    /**
     * Lets clients outside the relay networks send after SMTP AUTH against {@code users} (null: no
     * AUTH; only the networks). The guard's per-user limits then apply to them by that name.
     */
    public OutboundHandler authenticatedBy(SmtpHandler.Authenticator users) {
        this.users = users;
        return this;
    }

    @Override
    public SmtpHandler.Authenticator authenticator() {
        return users;
    }

    private static OutboundGuard.Origin origin(Session s) {
        return new OutboundGuard.Origin(s.client().getAddress().getHostAddress(), s.authenticatedUser());
    }

    @Override
    public Optional<Reply> connect(Session s) {
        if (networks.contains(s.client().getAddress()) || users != null) return Optional.empty();
        return Optional.of(Reply.of(554, "5.7.1", "Relay access denied: this port is for our own outbound mail only"));
    }

    @Override
    public Optional<Reply> mail(Session s, String sender) {
        if (s.authenticatedUser().isEmpty() && !networks.contains(s.client().getAddress())) {
            return Optional.of(Reply.of(530, "5.7.0", "Authentication required"));
        }
        charged = false;
        String envelope = signer != null && signer.canSign(sender) ? signer.sign(sender) : sender;
        Optional<Reply> r = backend.mail(s, envelope);
        txOpen = r.isEmpty() || r.get().isPositive();
        if (!txOpen) verdicts.clear();
        return r;
    }

    @Override
    public Optional<Reply> rcpt(Session s, String recipient) {
        Optional<Reply> r = Optional.empty();
        if (guarding != null) {
            r = refusal(guarding.guard().rcpt(origin(s), s.sender(), recipient, !charged));
            charged |= r.isEmpty();
        }
        if (r.isEmpty()) r = backend.rcpt(s, recipient);
        r.filter(rep -> !rep.isPositive())
                .ifPresent(rep -> refused.add(new TransactionEvent.RecipientDecision(recipient, rep.toString())));
        return r;
    }

    /** Keeps the verdict for the record; answers the reply of a refusal. */
    private Optional<Reply> refusal(Verdict v) {
        if (!v.symbol().isEmpty()) verdicts.add(v);
        return switch (v) {
            case Verdict.TempFail t -> Optional.of(t.reply());
            case Verdict.Reject t -> Optional.of(t.reply());
            default -> Optional.empty();
        };
    }

    @Override
    public Optional<Reply> data(Session s) {
        return backend.data(s);
    }

    @Override
    public OutputStream dataSink(Session s) {
        return backend.stream();
    }

    @Override
    public Reply message(Session s, byte[] raw) {
        Analysis a = null;
        Reply reply = null;
        OptionalLong held = OptionalLong.empty();
        if (guarding != null && guarding.guard().settings().autoGuard()) {
            try {
                a = guarding.analyzer().analyze(guarding.reader().read(raw), Envelope.smtp(s.sender(), s.recipients()));
            } catch (RuntimeException e) {
                reply = Reply.of(451, "4.3.0", "Temporary failure analysing the message; try again later");
            }
            if (a != null) {
                Verdict v = guarding.guard().message(origin(s), s.sender(), s.recipients(), a);
                if (!v.symbol().isEmpty()) verdicts.add(v);
                reply = switch (v) {
                    case Verdict.TempFail t -> t.reply();
                    case Verdict.Reject t -> t.reply();
                    case Verdict.Quarantine q -> {
                        held = hold(s, raw, a, q);
                        yield held.isPresent() ? Reply.of(250, "2.0.0", "Ok: held for review " + held.getAsLong())
                                : Reply.of(451, "4.3.0", "Temporary problem holding the message for review; try again later");
                    }
                    default -> null;
                };
            }
        }
        String id = messageId(raw);
        if (reply == null) {
            reply = backend.finish(raw, s.sender(), s.recipients());
            if (reply.isPositive() && !id.isEmpty()) ledger.record(id, s.sender());
        } else {
            backend.abort();
        }
        txOpen = false;
        publish(s, "END_OF_DATA", reply, a, raw.length, s.recipients(), s.sender(), held, id);
        return reply;
    }

    /** Stores the message durably before the client hears 250; empty when it cannot be stored (then 451). */
    private OptionalLong hold(Session s, byte[] raw, Analysis a, Verdict.Quarantine q) {
        if (guarding.quarantine() == null) return OptionalLong.empty();
        List<String> symbols = verdicts.stream().map(Verdict::symbol).filter(x -> !x.isEmpty()).toList();
        try {
            return OptionalLong.of(guarding.quarantine().put(new QuarantineRequest(Instant.now(), s.id(),
                    s.client().getAddress().getHostAddress(), "", s.heloName(), s.tls(), s.sender(), s.recipients(),
                    OUTBOUND_CATEGORY, q.check(), q.symbol(), symbols, q.reason(), a.message().headers().get("Subject"),
                    a.message().headers().get("Message-ID").strip(), raw)));
        } catch (RuntimeException e) {
            System.getLogger("io.scatterguard.gateway").log(System.Logger.Level.WARNING,
                    "cannot store held outbound message of session " + s.id() + "; answering 451: " + e.getMessage());
            return OptionalLong.empty();
        }
    }

    /** The quarantine category of outbound mail the guard held: released, it goes to the smarthost. */
    public static final String OUTBOUND_CATEGORY = "outbound";

    /** The Message-ID from the header block (only the header is read). */
    static String messageId(byte[] raw) {
        int end = indexOfBlankLine(raw);
        Headers h = HeaderBlocks.parse(new String(raw, 0, end, StandardCharsets.UTF_8).replace("\r\n", "\n"));
        return h.get("Message-ID").strip();
    }

    private static int indexOfBlankLine(byte[] raw) {
        for (int i = 0; i + 3 < raw.length; i++) {
            if (raw[i] == '\r' && raw[i + 1] == '\n' && raw[i + 2] == '\r' && raw[i + 3] == '\n') return i + 2;
        }
        return raw.length;
    }

    @Override
    public void reset(Session s) {
        if (txOpen) {
            backend.abort();
            publish(s, "ABANDONED", null, null, 0, s.recipients(), s.sender(), OptionalLong.empty(), "");
        }
        txOpen = false;
    }

    @Override
    public void close(Session s) {
        backend.close();
    }

    private void publish(Session s, String stage, Reply reply, Analysis a, long size, List<String> rcpts, String sender,
            OptionalLong held, String messageId) {
        if (sinks.any()) {
            sinks.publish(new TransactionEvent(Instant.now(), s.id(), s.client().getAddress().getHostAddress(), s.heloName(),
                    s.tls(), sender == null ? "" : sender, List.copyOf(rcpts), List.copyOf(refused),
                    a == null ? "" : a.category().id(), false, List.copyOf(verdicts), "RELAY_" + stage,
                    reply == null ? "" : reply.toString(), size, messageId), held, false);
        }
        verdicts.clear();
        refused.clear();
    }

}
