package io.scatterguard.gateway.core;

import io.scatterguard.gateway.smtp.Session;
import io.scatterguard.gateway.smtp.SmtpClient;
import io.scatterguard.mail.model.Reply;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Proxy mode: a transparent before-queue proxy to the real mail store (Postfix's
 * {@code smtpd_proxy_filter} model). For each client connection one backend connection is opened at
 * the first MAIL; MAIL and every RCPT are passed on and the backend's refusals reach the client
 * live; DATA is streamed as it arrives, and the final dot is sent only after our end-of-data checks
 * pass, so the client's final reply is the backend's real answer. If our checks refuse the message,
 * the backend connection is dropped before the dot and the backend discards what it received.
 * A backend that is down or slow gives the client a 4xx, never an acceptance. XFORWARD (when the
 * backend offers it) tells the backend who the real client is.
 */
public final class ProxyBackend implements Backend {
    private static final Pattern ENHANCED = Pattern.compile("^([245]\\.\\d{1,3}\\.\\d{1,3})\\s+(.*)$", Pattern.DOTALL);

    private final InetSocketAddress backend;
    private final Duration timeout;
    private final String heloName;
    private SmtpClient client;
    private boolean xforward;
    private boolean streaming;
    private OutputStream dataOut;

    public ProxyBackend(InetSocketAddress backend, Duration timeout, String heloName) {
        this.backend = backend;
        this.timeout = timeout;
        this.heloName = heloName;
    }

    public static Backend.Factory factory(InetSocketAddress backend, Duration timeout, String heloName) {
        return () -> new ProxyBackend(backend, timeout, heloName);
    }

    @Override
    public Optional<Reply> mail(Session s, String sender) {
        try {
            if (client == null) connect();
            if (xforward) {
                String proto = s.extended() ? "ESMTP" : "SMTP";
                client.command("XFORWARD NAME=[UNAVAILABLE] ADDR=" + s.client().getAddress().getHostAddress()
                        + " PROTO=" + proto + " HELO=" + xtext(s.heloName()));
            }
            return refusal(client.command("MAIL FROM:<" + sender + ">" + (s.smtpUtf8() ? " SMTPUTF8" : "")));
        } catch (IOException e) {
            drop();
            return Optional.of(Reply.of(451, "4.4.1", "Backend mail server unavailable; try again later"));
        }
    }

    @Override
    public Optional<Reply> rcpt(Session s, String recipient) {
        try {
            return refusal(client.command("RCPT TO:<" + recipient + ">"));
        } catch (IOException e) {
            drop();
            return Optional.of(Reply.of(451, "4.4.2", "Backend mail server stopped answering; try again later"));
        }
    }

    @Override
    public Optional<Reply> data(Session s) {
        try {
            SmtpClient.ServerReply r = client.command("DATA");
            if (r.code() != 354) return Optional.of(convert(r));
            streaming = true;
            dataOut = new DotStuffing(client.rawOutput());
            return Optional.empty();
        } catch (IOException e) {
            drop();
            return Optional.of(Reply.of(451, "4.4.2", "Backend mail server stopped answering; try again later"));
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
            client.raw(".\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            streaming = false;
            dataOut = null;
            return convert(client.readReply());
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
            client.command("RSET");
        } catch (IOException e) {
            drop();
        }
    }

    /** Says QUIT without waiting for the 221: the client's own QUIT need not wait for the backend. */
    @Override
    public void close() {
        if (client == null) return;
        try {
            if (!streaming) client.raw("QUIT\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        } catch (IOException ignored) {
            // closing anyway
        }
        drop();
    }

    private void connect() throws IOException {
        client = SmtpClient.connect(backend, timeout);
        if (client.greeting().code() != 220) throw new IOException("backend greeting: " + client.greeting());
        SmtpClient.ServerReply ehlo = client.command("EHLO " + heloName);
        if (ehlo.code() != 250) throw new IOException("backend EHLO: " + ehlo);
        xforward = ehlo.lines().stream().anyMatch(l -> l.toUpperCase(Locale.ROOT).startsWith("XFORWARD"));
    }

    private void drop() {
        streaming = false;
        dataOut = null;
        if (client != null) {
            try {
                client.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
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
        text = text.replaceAll("[\\x00-\\x09\\x0b-\\x1f\\x7f]", " ");
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
