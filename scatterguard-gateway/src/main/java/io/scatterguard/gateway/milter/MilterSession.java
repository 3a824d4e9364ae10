package io.scatterguard.gateway.milter;

import static io.scatterguard.gateway.milter.MilterProtocol.*;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Speaks the milter protocol (version 2 to 6) on one MTA connection and drives a
 * {@link MilterFilter} with it. It negotiates only the steps a filter needs — unknown commands and
 * end-of-header are skipped, headers and body chunks are not answered one by one (SMFIP_NR_*),
 * header values keep their leading space (SMFIP_HDR_LEADSPC) — answers every step the MTA waits
 * for, sends SMFIR_PROGRESS while a slow end-of-message decision runs, and applies only the
 * changes the MTA allowed.
 *
 * <p>Never accepts on error: a filter that throws is answered with a temporary failure, and a
 * failure while the message streams in makes the end of message a temporary failure. A peer that
 * breaks the protocol (truncated, oversize or unknown packets) is logged and disconnected; the MTA
 * then applies its default action ({@code milter_default_action = tempfail} recommended).
 */
public final class MilterSession {
    private static final System.Logger LOG = System.getLogger(MilterSession.class.getName());

    /** What we answer when our own code fails: the client keeps the message and retries. */
    public static final FilterReply.ReplyCode INTERNAL_ERROR =
            new FilterReply.ReplyCode("451 4.3.0 Temporary failure in the mail filter; try again later");

    /** Protocol flags we ask for when the MTA offers them. */
    static final int WANTED_PROTOCOL = SMFIP_NOUNKNOWN | SMFIP_NOEOH | SMFIP_NR_HDR | SMFIP_NR_EOH | SMFIP_NR_BODY
            | SMFIP_HDR_LEADSPC;
    /** Actions we ask for when the MTA offers them. */
    static final int WANTED_ACTIONS = SMFIF_CHGFROM | SMFIF_ADDHDRS | SMFIF_QUARANTINE | SMFIF_SETSYMLIST;

    private final String id;
    private final InputStream in;
    private final OutputStream out;
    private final MilterFilter.Factory filters;
    private final Duration progressInterval;
    private final Runnable keepAlive;
    private final Macros macros = new Macros();
    private final Object writeLock = new Object(); // replies and progress ticks never interleave

    /** Sends SMFIR_PROGRESS for every slow end-of-message decision of every session (a tick is one small write). */
    private static final ScheduledExecutorService PROGRESS = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon(true).name("milter-progress").unstarted(r));

    private Negotiated negotiated;
    private MilterFilter filter;
    private int sessions;
    private char lastStep;
    private boolean inMessage;
    private boolean messageFailed;

    /**
     * @param id                identifies the connection in log lines and events
     * @param progressInterval  how often to send SMFIR_PROGRESS while an end-of-message decision runs
     * @param keepAlive         called whenever we are busy but not reading (resets an idle watchdog)
     */
    public MilterSession(String id, InputStream in, OutputStream out, MilterFilter.Factory filters,
            Duration progressInterval, Runnable keepAlive) {
        this.id = id;
        this.in = in;
        this.out = out;
        this.filters = filters;
        this.progressInterval = progressInterval;
        this.keepAlive = keepAlive;
    }

    /** Serves the connection until the MTA quits or disconnects; protocol errors end it with a log line. */
    public void run() throws IOException {
        try {
            while (true) {
                MilterCodec.Packet p = MilterCodec.read(in, MAX_PACKET);
                if (p == null) {
                    if (inMessage) {
                        LOG.log(Level.INFO, "milter " + id + ": the MTA closed the connection in the middle of a message "
                                + "(last step " + stepName(lastStep) + "); the transaction is abandoned");
                    }
                    return;
                }
                if (!handle(MilterCodec.decodeCommand(p))) return;
            }
        } catch (MilterProtocolException e) {
            LOG.log(Level.WARNING, "milter " + id + ": " + e.getMessage()
                    + "; closing the connection (the MTA applies its milter_default_action)");
        } finally {
            closeFilter();
        }
    }

    /** Handles one command; false when the connection is to be closed. */
    private boolean handle(MtaCommand command) throws IOException {
        switch (command) {
            case MtaCommand.OptionNegotiation o -> negotiate(o);
            case MtaCommand.Macros m -> macros.define(m.stage(), m.values());
            case MtaCommand.Connect c -> {
                requireNegotiated(SMFIC_CONNECT);
                closeFilter();
                filter = filters.open(sessions++ == 0 ? id : id + "." + sessions, negotiated);
                step(SMFIC_CONNECT, () -> filter.connect(c, macros));
            }
            case MtaCommand.Helo h -> step(SMFIC_HELO, () -> filter().helo(h.name(), macros));
            case MtaCommand.Mail m -> {
                inMessage = true;
                messageFailed = false;
                step(SMFIC_MAIL, () -> filter().mail(m.args(), macros));
            }
            case MtaCommand.Rcpt r -> step(SMFIC_RCPT, () -> inMessage ? filter().rcpt(r.args(), macros) : outOfOrder(SMFIC_RCPT));
            case MtaCommand.Data d -> step(SMFIC_DATA, () -> inMessage ? filter().data(macros) : outOfOrder(SMFIC_DATA));
            case MtaCommand.Header h -> content(SMFIC_HEADER, () -> filter().header(h.name(), headerValue(h.value())));
            case MtaCommand.EndOfHeaders e -> content(SMFIC_EOH, () -> filter().endOfHeaders());
            case MtaCommand.Body b -> content(SMFIC_BODY, () -> filter().body(b.chunk()));
            case MtaCommand.EndOfMessage e -> endOfMessage(e);
            case MtaCommand.Abort a -> {
                lastStep = SMFIC_ABORT;
                if (filter != null) guard("abort", () -> filter.abort());
                macros.clearMessage();
                inMessage = false;
                messageFailed = false;
            }
            case MtaCommand.Unknown u -> {
                lastStep = SMFIC_UNKNOWN;
                if (expectsReply(SMFIC_UNKNOWN)) send(new FilterReply.Continue());
            }
            case MtaCommand.QuitNewConnection q -> {
                closeFilter();
                macros.clear();
            }
            case MtaCommand.Quit q -> {
                return false;
            }
        }
        return true;
    }

    private void negotiate(MtaCommand.OptionNegotiation o) throws IOException {
        if (o.version() < OLDEST_VERSION) {
            throw new MilterProtocolException("the MTA speaks milter protocol version " + o.version() + "; at least "
                    + OLDEST_VERSION + " is needed");
        }
        int version = Math.min(o.version(), VERSION);
        int actions = o.actions() & WANTED_ACTIONS;
        Map<Integer, String> wanted = (actions & SMFIF_SETSYMLIST) != 0 ? filters.wantedMacros() : Map.of();
        if (wanted.isEmpty()) actions &= ~SMFIF_SETSYMLIST;
        int protocol = o.protocol() & WANTED_PROTOCOL;
        negotiated = new Negotiated(version, actions, protocol);
        Negotiated agreed = negotiated;
        LOG.log(Level.DEBUG, () -> String.format("milter %s: MTA offers version %d actions 0x%x protocol 0x%x; agreed "
                + "version %d actions 0x%x protocol 0x%x", id, o.version(), o.actions(), o.protocol(), agreed.version(),
                agreed.actions(), agreed.protocol()));
        send(new FilterReply.Negotiate(version, actions, protocol, wanted));
    }

    /** A step the MTA may wait on: ask the filter, answer if an answer is expected. */
    private void step(char command, Supplier<FilterReply> decide) throws IOException {
        requireNegotiated(command);
        lastStep = command;
        FilterReply r;
        try {
            r = decide.get();
            if (!isDecision(r)) throw new IllegalStateException("the filter answered a step with " + r);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "milter " + id + ": the filter failed at " + stepName(command) + "; answering "
                    + INTERNAL_ERROR.reply(), e);
            r = INTERNAL_ERROR;
        }
        if (expectsReply(command)) send(r);
    }

    /** Message content, normally not answered; a failure here makes the end of message a temporary failure. */
    private void content(char command, Runnable deliver) throws IOException {
        requireNegotiated(command);
        lastStep = command;
        if (!messageFailed) guard(stepName(command), deliver);
        if (expectsReply(command)) send(messageFailed ? INTERNAL_ERROR : new FilterReply.Continue());
    }

    private void endOfMessage(MtaCommand.EndOfMessage e) throws IOException {
        requireNegotiated(SMFIC_BODYEOB);
        lastStep = SMFIC_BODYEOB;
        if (e.lastChunk().length > 0 && !messageFailed) guard("body", () -> filter().body(e.lastChunk()));
        MilterFilter.EndOfMessage result = messageFailed
                ? new MilterFilter.EndOfMessage(List.of(), INTERNAL_ERROR)
                : decideWithProgress();
        synchronized (writeLock) {
            for (FilterReply m : allowed(result.modifications())) MilterCodec.write(out, MilterCodec.encode(m));
            send(isDecision(result.decision()) ? result.decision() : INTERNAL_ERROR);
        }
        macros.clearMessage();
        inMessage = false;
        messageFailed = false;
    }

    /**
     * Runs the end-of-message decision on this thread (no hand-over to another thread for the usual
     * quick decision) while a timer tells the MTA we are alive if it takes longer than the interval.
     */
    private MilterFilter.EndOfMessage decideWithProgress() throws IOException {
        MilterFilter f = filter();
        boolean[] decided = {false};
        ScheduledFuture<?> ticker = PROGRESS.scheduleAtFixedRate(() -> {
            synchronized (writeLock) {
                if (decided[0]) return;
                keepAlive.run();
                try {
                    send(new FilterReply.Progress());
                } catch (IOException gone) {
                    // the MTA has gone: the decision's own reply will fail the session
                }
            }
        }, progressInterval.toMillis(), progressInterval.toMillis(), TimeUnit.MILLISECONDS);
        try {
            MilterFilter.EndOfMessage r = f.endOfMessage(macros);
            return r == null ? new MilterFilter.EndOfMessage(List.of(), INTERNAL_ERROR) : r;
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "milter " + id + ": the filter failed at end of message; answering "
                    + INTERNAL_ERROR.reply(), failed);
            return new MilterFilter.EndOfMessage(List.of(), INTERNAL_ERROR);
        } finally {
            synchronized (writeLock) {
                decided[0] = true; // no progress after this, even from a tick already running
            }
            ticker.cancel(false);
        }
    }

    /** The modifications the MTA allowed; the others are dropped with a warning. */
    private List<FilterReply> allowed(List<FilterReply> modifications) {
        List<FilterReply> ok = new ArrayList<>(modifications.size());
        for (FilterReply m : modifications) {
            int needs = switch (m) {
                case FilterReply.ChangeFrom c -> SMFIF_CHGFROM;
                case FilterReply.AddHeader h -> SMFIF_ADDHDRS;
                case FilterReply.Quarantine q -> SMFIF_QUARANTINE;
                default -> -1;
            };
            if (needs > 0 && negotiated.allows(needs)) {
                ok.add(m);
            } else {
                LOG.log(Level.WARNING, "milter " + id + ": the MTA did not allow " + m + "; not applied");
            }
        }
        return ok;
    }

    private FilterReply outOfOrder(char command) {
        LOG.log(Level.WARNING, "milter " + id + ": " + stepName(command) + " without MAIL; answering a temporary failure");
        return INTERNAL_ERROR;
    }

    private void guard(String what, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            if (!messageFailed) {
                LOG.log(Level.WARNING, "milter " + id + ": the filter failed at " + what
                        + "; the message will get " + INTERNAL_ERROR.reply(), e);
            }
            messageFailed = true;
        }
    }

    private MilterFilter filter() {
        if (filter == null) throw new IllegalStateException("no SMFIC_CONNECT before " + stepName(lastStep));
        return filter;
    }

    private void requireNegotiated(char command) throws MilterProtocolException {
        if (negotiated == null) {
            throw new MilterProtocolException(stepName(command) + " before option negotiation (SMFIC_OPTNEG)");
        }
        if (filter == null && command != SMFIC_CONNECT) {
            throw new MilterProtocolException(stepName(command) + " before SMFIC_CONNECT");
        }
    }

    private boolean expectsReply(char command) {
        return negotiated != null && negotiated.expectsReply(command);
    }

    private void send(FilterReply r) throws IOException {
        synchronized (writeLock) {
            MilterCodec.write(out, MilterCodec.encode(r));
            out.flush();
        }
    }

    private void closeFilter() {
        if (filter == null) return;
        MilterFilter f = filter;
        filter = null;
        try {
            f.close();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "milter " + id + ": the filter failed while closing", e);
        }
    }

    private String headerValue(String value) {
        if (negotiated.leadingSpace() || value.isEmpty() || value.charAt(0) == ' ' || value.charAt(0) == '\t') return value;
        return " " + value; // the MTA removed the one space after the colon
    }

    private static boolean isDecision(FilterReply r) {
        return r instanceof FilterReply.Continue || r instanceof FilterReply.Accept || r instanceof FilterReply.Reject
                || r instanceof FilterReply.TempFail || r instanceof FilterReply.Discard || r instanceof FilterReply.ReplyCode;
    }

    static String stepName(char command) {
        return switch (command) {
            case SMFIC_CONNECT -> "CONNECT";
            case SMFIC_HELO -> "HELO";
            case SMFIC_MAIL -> "MAIL";
            case SMFIC_RCPT -> "RCPT";
            case SMFIC_DATA -> "DATA";
            case SMFIC_HEADER -> "header";
            case SMFIC_EOH -> "end of header";
            case SMFIC_BODY -> "body";
            case SMFIC_BODYEOB -> "end of message";
            case SMFIC_ABORT -> "abort";
            case SMFIC_UNKNOWN -> "unknown command";
            case 0 -> "none";
            default -> "'" + MilterCodec.printable(command) + "'";
        };
    }
}
