package io.scatterguard.gateway.core;

import io.scatterguard.gateway.smtp.Session;
import io.scatterguard.gateway.smtp.SmtpClient;
import io.scatterguard.mail.model.Reply;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Proxy mode: a transparent before-queue proxy to the real mail store (Postfix's
 * {@code smtpd_proxy_filter} model). Each client connection gets its own backend session at its
 * first MAIL; MAIL and every RCPT are passed on and the backend's refusals reach the client
 * live; DATA is streamed as it arrives, and the final dot is sent only after our end-of-data checks
 * pass, so the client's final reply is the backend's real answer. If our checks refuse the message,
 * the backend connection is dropped before the dot and the backend discards what it received.
 * A backend that is down or slow gives the client a 4xx, never an acceptance. XFORWARD (when the
 * backend offers it) tells the backend who the real client is, sent with MAIL in one write when the
 * backend offers PIPELINING. Backend sessions come from {@link BackendConnections}, which may keep
 * them between client connections.
 */
public final class ProxyBackend implements Backend {
    private static final Pattern CONTROLS = Pattern.compile("[\\x00-\\x09\\x0b-\\x1f\\x7f]");
    private static final Pattern ENHANCED = Pattern.compile("^([245]\\.\\d{1,3}\\.\\d{1,3})\\s+(.*)$", Pattern.DOTALL);

    private final BackendConnections connections;
    private BackendConnections.Leg leg;
    private SmtpClient client;
    /** The backend session is between transactions, so it may serve another client afterwards. */
    private boolean clean;
    private boolean streaming;
    private OutputStream dataOut;
    /** This transaction's XFORWARD and MAIL, in case a dead cached session makes us send them again. */
    private List<String> mailCommands;
    /** XFORWARD/MAIL sent, replies not read yet. */
    private List<String> pendingMail;
    private Optional<Reply> mailOutcome = Optional.empty();
    /** DATA sent, its reply not read yet. */
    private boolean dataPending;
    private Reply dataRefusal;

    public ProxyBackend(BackendConnections connections) {
        this.connections = connections;
    }

    /** A fresh backend session for each client connection. */
    public ProxyBackend(InetSocketAddress backend, Duration timeout, String heloName) {
        this(BackendConnections.uncached(backend, timeout, heloName));
    }

    public static Backend.Factory factory(InetSocketAddress backend, Duration timeout, String heloName) {
        return factory(BackendConnections.uncached(backend, timeout, heloName));
    }

    /** Backend sessions taken from (and given back to) this cache. */
    public static Backend.Factory factory(BackendConnections connections) {
        return new Backend.Factory() {
            @Override
            public Backend open() {
                return new ProxyBackend(connections);
            }

            @Override
            public void close() {
                connections.close();
            }
        };
    }

    /**
     * Opens the backend transaction. MAIL (with XFORWARD) is sent but its reply is read only at the
     * first RCPT, while the client talks to us anyway: the client hears our own verdict on MAIL, and
     * a backend refusal of the sender is its answer to each RCPT instead (as Postfix's own
     * {@code smtpd_delay_reject} reports sender refusals). The backend sees plain one-at-a-time SMTP.
     */
    @Override
    public Optional<Reply> mail(Session s, String sender) {
        List<String> commands = new ArrayList<>(2);
        String proto = s.extended() ? "ESMTP" : "SMTP";
        commands.add("XFORWARD NAME=[UNAVAILABLE] ADDR=" + s.client().getAddress().getHostAddress() + " PROTO=" + proto
                + " HELO=" + xtext(s.heloName()));
        commands.add("MAIL FROM:<" + sender + ">" + (s.smtpUtf8() ? " SMTPUTF8" : ""));
        mailOutcome = Optional.empty();
        mailCommands = commands;
        try {
            if (leg == null) use(connections.take());
            sendMail(commands);
            return Optional.empty();
        } catch (IOException e) {
            if (leg != null && leg.reused) {
                try {
                    reopen(commands);
                    return Optional.empty();
                } catch (IOException again) {
                    // as below
                }
            }
            drop();
            return Optional.of(Reply.of(451, "4.4.1", "Backend mail server unavailable; try again later"));
        }
    }

    private void sendMail(List<String> commands) throws IOException {
        clean = false;
        pendingMail = leg.xforward ? commands : commands.subList(1, commands.size());
        if (leg.pipelining || pendingMail.size() == 1) {
            client.send(pendingMail);
        } else {
            // without PIPELINING each command waits for its reply; only MAIL's reply is deferred
            SmtpClient.ServerReply x = client.command(pendingMail.get(0));
            if (x.code() == 421) throw new IOException("backend closing: " + x);
            pendingMail = pendingMail.subList(1, pendingMail.size());
            client.send(pendingMail);
        }
    }

    /**
     * A cached session the backend closed while it waited: a fresh one is not a retry of anything
     * the backend accepted, since no transaction was open on the old one.
     */
    private void reopen(List<String> commands) throws IOException {
        drop();
        use(connections.open());
        sendMail(commands);
    }

    /** Reads MAIL's deferred reply; its refusal (if any) stands for every RCPT of the transaction. */
    private Optional<Reply> settleMail() throws IOException {
        if (pendingMail == null) return mailOutcome;
        SmtpClient.ServerReply mail;
        try {
            mail = readReplies(pendingMail.size());
            if (mail.code() == 421) throw new IOException("backend closing: " + mail);
        } catch (IOException e) {
            if (!leg.reused) throw e;
            reopen(mailCommands);
            mail = readReplies(pendingMail.size());
        }
        pendingMail = null;
        if (!mail.positive()) clean = true; // no transaction was opened
        mailOutcome = refusal(mail);
        return mailOutcome;
    }

    /** The last of {@code n} replies (XFORWARD's answer, if any, needs no action). */
    private SmtpClient.ServerReply readReplies(int n) throws IOException {
        SmtpClient.ServerReply r = null;
        for (int i = 0; i < n; i++) r = client.readReply();
        return r;
    }

    private void use(BackendConnections.Leg l) {
        leg = l;
        client = l.client;
        clean = true;
    }

    @Override
    public Optional<Reply> rcpt(Session s, String recipient) {
        try {
            Optional<Reply> mail = settleMail();
            if (mail.isPresent()) return mail;
            return refusal(client.command("RCPT TO:<" + recipient + ">"));
        } catch (IOException e) {
            drop();
            return Optional.of(Reply.of(451, "4.4.2", "Backend mail server stopped answering; try again later"));
        }
    }

    /**
     * DATA is sent and the client gets its 354 at once; the backend's answer to DATA is read before
     * the first byte of content goes to it (no content is ever sent without its 354). A backend that
     * refuses DATA has its refusal given as the final reply, after the client's content is consumed.
     */
    @Override
    public Optional<Reply> data(Session s) {
        try {
            settleMail();
            client.send(List.of("DATA"));
            dataPending = true;
            dataRefusal = null;
            streaming = true;
            dataOut = new DotStuffing(new AfterGoAhead());
            return Optional.empty();
        } catch (IOException e) {
            drop();
            return Optional.of(Reply.of(451, "4.4.2", "Backend mail server stopped answering; try again later"));
        }
    }

    /** Reads the backend's answer to DATA if it is still pending: true when content may follow. */
    private boolean settleData() throws IOException {
        if (dataPending) {
            dataPending = false;
            SmtpClient.ServerReply r = client.readReply();
            if (r.code() != 354) dataRefusal = convert(r);
        }
        return dataRefusal == null;
    }

    /** The backend's content stream, opened only once the backend said 354. */
    private final class AfterGoAhead extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            if (settleData()) client.rawOutput().write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (settleData()) client.rawOutput().write(b, off, len);
        }
    }

    @Override
    public OutputStream stream() {
        return dataOut;
    }

    @Override
    public Reply finish(byte[] message, String sender, List<String> recipients) {
        if (!streaming) return Reply.of(451, "4.3.0", "Backend transaction not open; try again later");
        try {
            if (!settleData()) {
                streaming = false;
                dataOut = null;
                return dataRefusal; // the transaction stays open on the backend: not reusable
            }
            client.raw(".\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            streaming = false;
            dataOut = null;
            SmtpClient.ServerReply r = client.readReply();
            clean = r.code() != 421; // after the final reply the backend session is between transactions
            return convert(r);
        } catch (IOException e) {
            drop();
            // We cannot know whether the backend kept it: a temporary failure makes the client retry,
            // which at worst duplicates a message; an acceptance could lose it.
            return Reply.of(451, "4.4.2", "Backend mail server did not confirm the message; try again later");
        }
    }

    @Override
    public void abort() {
        if (client == null) return;
        if (streaming) {
            drop(); // no final dot: the backend must discard the partial message
            return;
        }
        try {
            settleMail();
            clean = client.command("RSET").code() == 250;
        } catch (IOException e) {
            drop();
        }
    }

    /**
     * The client connection ends: a backend session between transactions goes back to the cache;
     * any other is closed (QUIT without waiting: the client's own QUIT need not wait for it).
     */
    @Override
    public void close() {
        if (leg == null) return;
        BackendConnections.Leg l = leg;
        boolean reusable = clean && !streaming && pendingMail == null;
        boolean midData = streaming;
        leg = null;
        client = null;
        streaming = false;
        dataOut = null;
        if (reusable) connections.give(l);
        else if (midData) BackendConnections.quietlyClose(l);
        else BackendConnections.quit(l);
    }

    private void drop() {
        streaming = false;
        dataOut = null;
        pendingMail = null;
        dataPending = false;
        if (leg != null) BackendConnections.quietlyClose(leg);
        leg = null;
        client = null;
    }

    private static Optional<Reply> refusal(SmtpClient.ServerReply r) {
        return r.positive() ? Optional.empty() : Optional.of(convert(r));
    }

    /** The backend's reply as ours, keeping its code, enhanced status and text. */
    static Reply convert(SmtpClient.ServerReply r) {
        int code = r.code() >= 200 && r.code() < 600 ? r.code() : 451;
        String text = String.join("\n", r.lines());
        String status = (code / 100) + ".0.0";
        Matcher m = ENHANCED.matcher(r.lines().isEmpty() ? "" : r.lines().get(0));
        if (m.matches() && m.group(1).charAt(0) - '0' == code / 100) {
            status = m.group(1);
            StringBuilder sb = new StringBuilder();
            for (String l : r.lines()) {
                Matcher lm = ENHANCED.matcher(l);
                sb.append(sb.isEmpty() ? "" : "\n").append(lm.matches() ? lm.group(2) : l);
            }
            text = sb.toString();
        }
        if (text.isBlank()) text = "(no text from the backend)";
        text = CONTROLS.matcher(text).replaceAll(" ");
        return Reply.of(code, status, text);
    }

    /** XFORWARD values are xtext (RFC 3461): '+', '=' and non-printables hex-escaped. */
    private static String xtext(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c < '!' || c > '~' || c == '+' || c == '=') sb.append('+').append(String.format("%02X", (int) c & 0xff));
            else sb.append(c);
        }
        return sb.toString();
    }

    /** Re-applies dot-stuffing to CRLF content on its way to the backend. */
    private static final class DotStuffing extends OutputStream {
        private final OutputStream out;
        private boolean lineStart = true;

        DotStuffing(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            if (lineStart && b == '.') out.write('.');
            out.write(b);
            lineStart = b == '\n';
        }

        /** Writes runs of bytes in one call; only a dot at a line start costs an extra write. */
        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int run = off;
            int end = off + len;
            for (int i = off; i < end; i++) {
                if (lineStart && b[i] == '.') {
                    out.write(b, run, i - run);
                    out.write('.');
                    run = i;
                }
                lineStart = b[i] == '\n';
            }
            out.write(b, run, end - run);
        }
    }
}
