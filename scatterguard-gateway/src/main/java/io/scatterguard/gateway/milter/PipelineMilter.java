package io.scatterguard.gateway.milter;

import static io.scatterguard.gateway.milter.MilterProtocol.*;

import io.scatterguard.gateway.check.ChainResult;
import io.scatterguard.gateway.check.Client;
import io.scatterguard.gateway.check.Contexts;
import io.scatterguard.gateway.check.Pipeline;
import io.scatterguard.gateway.check.Verdict;
import io.scatterguard.gateway.check.builtin.AllowList;
import io.scatterguard.gateway.core.EventLog;
import io.scatterguard.gateway.core.GatewayFactory;
import io.scatterguard.gateway.core.TransactionEvent;
import io.scatterguard.gateway.outbound.InboundFacts;
import io.scatterguard.gateway.outbound.OutboundGuard;
import io.scatterguard.mail.Analysis;
import io.scatterguard.mail.MessageAnalyzer;
import io.scatterguard.mail.model.Reply;
import io.scatterguard.mail.parse.MessageReader;
import io.scatterguard.mail.verdict.Envelope;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The check pipeline behind a milter: the same chains as the SMTP gateway, run at the MTA's milter
 * steps, so a Postfix or Sendmail that stays the MX makes the same decisions — recipients and the
 * null-sender and BATV rules at RCPT, the backscatter judge and the scanners at end of message,
 * all before the MTA gives its final reply. Refusals go back as SMFIR_REPLYCODE, so the client sees
 * our own {@code 550 5.7.1 reason}.
 *
 * <p>Outbound mail: a client that authenticated ({@code {auth_authen}}) or connects from
 * {@code relay.networks} is one of our own users. Its mail is not judged as inbound mail; the
 * outbound guard (when configured) applies its rate limits at RCPT and its RFC 3834 rules
 * at end of message — automatic mail to a sender we cannot trust goes to the MTA's hold queue
 * (SMFIR_QUARANTINE) or is refused. Mail that goes out has its envelope sender BATV-signed
 * (SMFIR_CHGFROM) and its Message-ID recorded in the outbound ledger (a Message-ID is added first
 * when the message has none), so that genuine bounces to it are recognised and pass. Inbound mail
 * that is accepted is told to the guard, which judges the answers to it. One JSON event is written
 * per transaction, as the gateway does.
 */
public final class PipelineMilter implements MilterFilter {
    private static final System.Logger LOG = System.getLogger(PipelineMilter.class.getName());

    /** The macros we ask for per stage (where the MTA allows us to choose). */
    static final Map<Integer, String> WANTED_MACROS = Map.of(
            SMFIM_CONNECT, "j {daemon_name} {client_addr} {client_name} _",
            SMFIM_HELO, "{tls_version} {cipher}",
            SMFIM_ENVFROM, "i {auth_type} {auth_authen} {mail_addr}",
            SMFIM_ENVRCPT, "i {rcpt_addr}",
            SMFIM_EOM, "i");

    private static final InetAddress UNSPECIFIED = unspecified();

    private final Pipeline pipeline;
    private final MessageReader reader;
    private final MessageAnalyzer analyzer;
    private final EventLog events;
    private final long maxMessageBytes;
    private final GatewayFactory.Outbound outbound;
    private final String hostName;
    private final String sessionId;
    private final Negotiated negotiated;
    private final OutboundGuard guard; // null: no outbound guard
    private final io.scatterguard.gateway.core.AuditRecorder audit; // null: no audit trail

    private InetAddress clientAddress = UNSPECIFIED;
    private boolean relayClient;
    private String helo = "";
    private boolean tls;
    private final List<Verdict> sessionVerdicts = new ArrayList<>();

    private boolean txOpen;
    private boolean ours;
    private boolean charged; // the outbound guard counted this transaction's message
    private String user = "";
    private String sender = "";
    private String queueId = "";
    private final List<String> recipients = new ArrayList<>();
    private final List<TransactionEvent.RecipientDecision> refused = new ArrayList<>();
    private final List<Verdict> txVerdicts = new ArrayList<>();
    private MessageCollector message;

    PipelineMilter(Pipeline pipeline, MessageReader reader, MessageAnalyzer analyzer, EventLog events, long maxMessageBytes,
            GatewayFactory.Outbound outbound, String hostName, String sessionId, Negotiated negotiated, OutboundGuard guard,
            io.scatterguard.gateway.core.AuditRecorder audit) {
        this.pipeline = pipeline;
        this.reader = reader;
        this.analyzer = analyzer;
        this.events = events;
        this.maxMessageBytes = maxMessageBytes;
        this.outbound = outbound;
        this.hostName = hostName;
        this.sessionId = sessionId;
        this.negotiated = negotiated;
        this.guard = guard;
        this.audit = audit;
    }

    /**
     * One filter per SMTP session, all sharing the pipeline, the analyzer, the event log and the
     * outbound guard ({@code guard} may be null: our users' mail is then only signed and recorded).
     */
    public static MilterFilter.Factory factory(GatewayFactory.Parts parts, MessageReader reader, MessageAnalyzer analyzer,
            GatewayFactory.Guard.Running guard, io.scatterguard.gateway.core.AuditRecorder audit) {
        OutboundGuard g = guard == null ? null : guard.guard();
        return new MilterFilter.Factory() {
            @Override
            public MilterFilter open(String sessionId, Negotiated negotiated) {
                return new PipelineMilter(parts.pipeline(), reader, analyzer, parts.events(), parts.smtp().maxMessageBytes(),
                        parts.outbound(), parts.smtp().hostName(), sessionId, negotiated, g, audit);
            }

            @Override
            public Map<Integer, String> wantedMacros() {
                return WANTED_MACROS;
            }
        };
    }

    @Override
    public FilterReply connect(MtaCommand.Connect c, Macros macros) {
        clientAddress = clientAddress(c, macros);
        relayClient = outbound != null && outbound.networks().contains(clientAddress);
        if (relayClient) {
            sessionVerdicts.add(new Verdict.Continue("outbound", "RELAY_CLIENT"));
            return new FilterReply.Continue();
        }
        ChainResult r = pipeline.connect().run(new Contexts.Connect(client()));
        sessionVerdicts.addAll(r.verdicts());
        Reply reply = refusal(r.decision());
        if (reply != null) log("CONNECT", reply.toString(), null, 0);
        return answer(reply);
    }

    @Override
    public FilterReply helo(String name, Macros macros) {
        helo = name;
        tls = !macros.get("tls_version").isEmpty();
        if (relayClient) return new FilterReply.Continue();
        ChainResult r = pipeline.helo().run(new Contexts.Helo(client(), name));
        sessionVerdicts.addAll(r.verdicts());
        return answer(refusal(r.decision()));
    }

    @Override
    public FilterReply mail(List<String> args, Macros macros) {
        abort(); // a transaction the MTA did not end
        sender = address(args.get(0));
        boolean authenticated = !macros.get("auth_authen").isEmpty();
        ours = authenticated || relayClient;
        queueId = macros.get("i");
        if (ours) {
            user = macros.get("auth_authen");
            txVerdicts.add(new Verdict.Continue("outbound", authenticated ? "AUTHENTICATED" : "RELAY_CLIENT"));
            txOpen = true;
            return new FilterReply.Continue();
        }
        ChainResult r = pipeline.mail().run(new Contexts.Mail(client(), sender));
        txVerdicts.addAll(r.verdicts());
        Reply reply = refusal(r.decision());
        if (reply != null) {
            log("MAIL", reply.toString(), null, 0);
            endTransaction();
        } else {
            txOpen = true;
        }
        return answer(reply);
    }

    @Override
    public FilterReply rcpt(List<String> args, Macros macros) {
        String recipient = address(args.get(0));
        if (queueId.isEmpty()) queueId = macros.get("i");
        if (ours) {
            Reply limit = guard == null ? null : guarded(guard.rcpt(origin(), sender, recipient, !charged));
            charged |= guard != null && limit == null;
            if (limit != null) {
                refused.add(new TransactionEvent.RecipientDecision(recipient, limit.toString()));
                return replyCode(limit);
            }
            recipients.add(recipient);
            return new FilterReply.Continue();
        }
        ChainResult r = pipeline.rcpt().run(new Contexts.Rcpt(client(), sender, recipients, recipient));
        txVerdicts.addAll(r.verdicts());
        Reply reply = refusal(r.decision());
        if (reply != null) refused.add(new TransactionEvent.RecipientDecision(recipient, reply.toString()));
        else recipients.add(recipient);
        return answer(reply);
    }

    @Override
    public FilterReply data(Macros macros) {
        if (queueId.isEmpty()) queueId = macros.get("i");
        message = new MessageCollector(maxMessageBytes, keepBody());
        if (ours) return new FilterReply.Continue();
        ChainResult r = pipeline.data().run(new Contexts.Data(client(), sender, recipients));
        txVerdicts.addAll(r.verdicts());
        Reply reply = refusal(r.decision());
        if (reply != null) {
            log("DATA", reply.toString(), null, 0);
            endTransaction();
        }
        return answer(reply);
    }

    @Override
    public void header(String name, String value) {
        collector().header(name, value);
    }

    @Override
    public void endOfHeaders() {
        collector().endOfHeader();
    }

    @Override
    public void body(byte[] chunk) {
        collector().body(chunk);
    }

    @Override
    public EndOfMessage endOfMessage(Macros macros) {
        if (queueId.isEmpty()) queueId = macros.get("i");
        MessageCollector m = collector();
        m.endOfHeader();
        EndOfMessage result;
        if (m.tooBig()) {
            Reply r = Reply.of(552, "5.3.4", "Message too big; the limit is " + maxMessageBytes + " bytes");
            log("END_OF_DATA", r.toString(), null, m.size());
            result = new EndOfMessage(List.of(), replyCode(r));
        } else if (ours) {
            result = outboundMessage(m, macros);
        } else {
            result = inboundMessage(m.raw());
        }
        endTransaction();
        return result;
    }

    /** Inbound mail is judged whole; our users' mail too when the guard must classify it, else its header is enough. */
    private boolean keepBody() {
        return !ours || guard != null && guard.settings().autoGuard();
    }

    private OutboundGuard.Origin origin() {
        return new OutboundGuard.Origin(clientAddress.getHostAddress(), user);
    }

    /** Keeps the guard's verdict for the record; the reply of a refusal, else null. */
    private Reply guarded(Verdict v) {
        if (!v.symbol().isEmpty()) txVerdicts.add(v);
        return refusal(v);
    }

    /**
     * Our own user's message: the guard judges automatic mail (held in the MTA's hold queue, or
     * refused); what goes out gets its envelope sender signed and its Message-ID recorded.
     */
    private EndOfMessage outboundMessage(MessageCollector m, Macros macros) {
        Analysis a = null;
        if (guard != null && guard.settings().autoGuard()) {
            try {
                a = analyzer.analyze(reader.read(m.raw()), Envelope.smtp(sender, recipients));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "milter " + sessionId + ": analysing an outbound message failed", e);
                Reply r = Reply.of(451, "4.3.0", "Temporary failure analysing the message; try again later");
                log("END_OF_DATA", r.toString(), null, m.size());
                return new EndOfMessage(List.of(), replyCode(r));
            }
            Verdict v = guard.message(origin(), sender, recipients, a);
            if (!v.symbol().isEmpty()) txVerdicts.add(v);
            EndOfMessage held = switch (v) {
                case Verdict.Reject r -> new EndOfMessage(List.of(), replyCode(r.reply()));
                case Verdict.TempFail r -> new EndOfMessage(List.of(), replyCode(r.reply()));
                case Verdict.Quarantine q -> negotiated.allows(SMFIF_QUARANTINE)
                        ? new EndOfMessage(List.of(new FilterReply.Quarantine(q.check() + ": " + q.reason())),
                                new FilterReply.Continue())
                        : new EndOfMessage(List.of(), replyCode(Reply.of(451, "4.7.1",
                                "Message held for review is not possible now; try again later")));
                default -> null;
            };
            if (held != null) {
                log("END_OF_DATA", describe(held), a, m.size());
                return held;
            }
        }
        List<FilterReply> changes = new ArrayList<>(2);
        String id = m.messageId();
        if (id.isEmpty() && negotiated.allows(SMFIF_ADDHDRS)) {
            String host = macros.get("j").isEmpty() ? hostName : macros.get("j");
            id = "<" + UUID.randomUUID() + "@" + host + ">";
            changes.add(new FilterReply.AddHeader("Message-ID", negotiated.leadingSpace() ? " " + id : id));
            txVerdicts.add(new Verdict.Continue("outbound", "MESSAGE_ID_ADDED"));
        }
        if (!id.isEmpty()) {
            outbound.sent().record(id, sender);
            txVerdicts.add(new Verdict.Continue("outbound", "LEDGER_RECORDED"));
        }
        if (outbound.signer() != null && outbound.signer().canSign(sender)) {
            if (negotiated.allows(SMFIF_CHGFROM)) {
                changes.add(new FilterReply.ChangeFrom("<" + outbound.signer().sign(sender) + ">", ""));
                txVerdicts.add(new Verdict.Continue("outbound", "BATV_SIGNED"));
            } else {
                LOG.log(Level.WARNING, "milter " + sessionId + ": cannot BATV-sign <" + sender + ">: the MTA does not "
                        + "allow SMFIR_CHGFROM (Postfix: milter_protocol = 6)");
                txVerdicts.add(new Verdict.Continue("outbound", "BATV_NOT_SIGNED"));
            }
        }
        log("END_OF_DATA", "continue", null, m.size(), id);
        return new EndOfMessage(changes, new FilterReply.Continue());
    }

    /** Mail from outside: the analyzer and the end-of-data chain decide, before the MTA's final reply. */
    private EndOfMessage inboundMessage(byte[] raw) {
        Analysis a;
        try {
            a = analyzer.analyze(reader.read(raw), Envelope.smtp(sender, recipients));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "milter " + sessionId + ": analysing the message failed", e);
            Reply r = Reply.of(451, "4.3.0", "Temporary failure analysing the message; try again later");
            log("END_OF_DATA", r.toString(), null, raw.length);
            return new EndOfMessage(List.of(), replyCode(r));
        }
        ChainResult r = pipeline.endOfData().run(new Contexts.Message(client(), sender, recipients, raw, a));
        txVerdicts.addAll(r.verdicts());
        EndOfMessage result = switch (r.decision()) {
            case Verdict.Reject v -> new EndOfMessage(List.of(), replyCode(v.reply()));
            case Verdict.TempFail v -> new EndOfMessage(List.of(), replyCode(v.reply()));
            case Verdict.Disconnect v -> new EndOfMessage(List.of(), replyCode(v.reply()));
            case Verdict.Discard v -> new EndOfMessage(List.of(), new FilterReply.Discard());
            case Verdict.Quarantine v -> negotiated.allows(SMFIF_QUARANTINE)
                    ? new EndOfMessage(List.of(new FilterReply.Quarantine(v.check() + ": " + v.reason())), new FilterReply.Continue())
                    : new EndOfMessage(List.of(), replyCode(Reply.of(451, "4.7.1",
                            "Message held for review is not possible now; try again later")));
            default -> new EndOfMessage(List.of(), new FilterReply.Continue());
        };
        log("END_OF_DATA", describe(result), a, raw.length);
        if (guard != null && result.decision() instanceof FilterReply.Continue && result.modifications().isEmpty()) {
            remember(a);
        }
        return result;
    }

    /** Tells the outbound guard about accepted mail from outside, so that it can judge the answers to it. */
    private void remember(Analysis a) {
        String spf = "";
        for (Verdict v : txVerdicts) if (v.symbol().startsWith("SPF_")) spf = v.symbol().substring(4);
        io.scatterguard.mail.model.Headers h = a.message().headers();
        guard.inbound(sender, h.get("Message-ID"), new InboundFacts(sender.isEmpty(), true, spf,
                a.category().isAutoGenerated() || InboundFacts.autoSubmitted(h), InboundFacts.listOrBulk(h)));
    }

    @Override
    public void abort() {
        if (txOpen) log("ABANDONED", "", null, message == null ? 0 : message.size());
        endTransaction();
    }

    @Override
    public void close() {
        abort();
    }

    private MessageCollector collector() {
        if (message == null) message = new MessageCollector(maxMessageBytes, keepBody()); // the MTA skipped DATA
        return message;
    }

    private void endTransaction() {
        txOpen = false;
        ours = false;
        charged = false;
        user = "";
        sender = "";
        queueId = "";
        recipients.clear();
        refused.clear();
        txVerdicts.clear();
        message = null;
    }

    private Client client() {
        return new Client(clientAddress, helo, tls);
    }

    /** The client's address from SMFIC_CONNECT, else {client_addr}; never a DNS look-up. */
    private InetAddress clientAddress(MtaCommand.Connect c, Macros macros) {
        if (c.family() == SMFIA_UNIX) return InetAddress.getLoopbackAddress(); // a local submission
        for (String candidate : new String[] {c.address(), macros.get("client_addr")}) {
            String a = candidate.regionMatches(true, 0, "IPv6:", 0, 5) ? candidate.substring(5) : candidate;
            if (a.isEmpty()) continue;
            try {
                return AllowList.literal(a);
            } catch (UnknownHostException e) {
                // try the next source
            }
        }
        LOG.log(Level.INFO, "milter " + sessionId + ": client address unknown (family '" + c.family() + "', '" + c.address()
                + "'); checks see 0.0.0.0");
        return UNSPECIFIED;
    }

    private static InetAddress unspecified() {
        try {
            return InetAddress.getByAddress(new byte[4]);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An envelope address without its angle brackets ("" for the null sender). */
    static String address(String arg) {
        String a = arg.strip();
        if (a.startsWith("<") && a.endsWith(">")) a = a.substring(1, a.length() - 1).strip();
        return a;
    }

    private static Reply refusal(Verdict decision) {
        return switch (decision) {
            case Verdict.Reject v -> v.reply();
            case Verdict.TempFail v -> v.reply();
            case Verdict.Disconnect v -> v.reply();
            default -> null;
        };
    }

    private static FilterReply answer(Reply refusal) {
        return refusal == null ? new FilterReply.Continue() : replyCode(refusal);
    }

    static FilterReply.ReplyCode replyCode(Reply r) {
        return new FilterReply.ReplyCode(String.join("\r\n", r.lines()));
    }

    private static String describe(EndOfMessage r) {
        return switch (r.decision()) {
            case FilterReply.ReplyCode rc -> rc.reply().replace("\r\n", "\n");
            case FilterReply.Discard d -> "discard";
            default -> r.modifications().isEmpty() ? "continue" : "quarantine";
        };
    }

    private void log(String stage, String reply, Analysis a, long size) {
        log(stage, reply, a, size, a == null ? "" : a.message().headers().get("Message-ID"));
    }

    private void log(String stage, String reply, Analysis a, long size, String messageId) {
        if (events == null && audit == null) return;
        List<Verdict> all = new ArrayList<>(sessionVerdicts);
        all.addAll(txVerdicts);
        TransactionEvent e = new TransactionEvent(Instant.now(), queueId.isEmpty() ? sessionId : sessionId + "/" + queueId,
                clientAddress.getHostAddress(), helo, tls, sender, List.copyOf(recipients), List.copyOf(refused),
                a == null ? "" : a.category().id(), a != null && a.backscatter().backscatter(), all, stage, reply, size,
                messageId == null ? "" : messageId);
        if (events != null) events.write(e);
        if (audit != null) audit.record(e, outcome(stage, reply));
    }

    /** What the milter's answer means for the transaction: "continue" at end of message is the MTA accepting it. */
    static io.scatterguard.store.Outcome outcome(String stage, String reply) {
        return switch (reply) {
            case "continue" -> stage.equals("END_OF_DATA") ? io.scatterguard.store.Outcome.ACCEPTED
                    : io.scatterguard.store.Outcome.ABANDONED;
            case "quarantine" -> io.scatterguard.store.Outcome.QUARANTINED;
            case "discard" -> io.scatterguard.store.Outcome.DISCARDED;
            default -> io.scatterguard.store.Outcome.ofReplyCode(io.scatterguard.gateway.core.AuditRecorder.replyCode(reply));
        };
    }
}
