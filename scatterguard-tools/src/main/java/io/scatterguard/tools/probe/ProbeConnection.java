package io.scatterguard.tools.probe;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The client side of one SMTP conversation, one command at a time, everything written to the
 * {@link Transcript}. Every reply has a deadline (not merely a per-read time-out, so a server that
 * trickles one byte at a time cannot hold the probe), replies are bounded in size, and anything
 * that is not an RFC 5321 reply is a {@link ProbeException} that says what arrived. There is
 * deliberately no way to send DATA or message content.
 */
final class ProbeConnection implements AutoCloseable {
    /** RFC 5321 §4.5.3.1.5: a reply line is at most 512 octets; we allow some slack for real servers. */
    static final int MAX_LINE = 2048;
    static final int MAX_REPLY_LINES = 100;

    private final Socket plain;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final Duration replyTimeout;
    private final Transcript transcript;
    private TlsInfo tls;

    private ProbeConnection(Socket socket, Duration replyTimeout, Transcript transcript) throws IOException {
        this.plain = socket;
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.replyTimeout = replyTimeout;
        this.transcript = transcript;
    }

    static ProbeConnection open(Target target, Duration connectTimeout, Duration replyTimeout, Transcript t)
            throws ProbeException {
        Socket s = new Socket();
        InetSocketAddress address = new InetSocketAddress(target.host(), target.port());
        if (address.isUnresolved()) {
            throw new ProbeException(ProbeException.Kind.CONNECT, "cannot resolve host name " + target.host());
        }
        t.note("connecting to " + address.getAddress().getHostAddress() + " port " + target.port());
        try {
            s.connect(address, (int) Math.max(1, connectTimeout.toMillis()));
            s.setTcpNoDelay(true);
            t.note("connected");
            return new ProbeConnection(s, replyTimeout, t);
        } catch (SocketTimeoutException e) {
            close(s);
            throw new ProbeException(ProbeException.Kind.TIMEOUT, "no connection within " + seconds(connectTimeout));
        } catch (IOException e) {
            close(s);
            throw new ProbeException(ProbeException.Kind.CONNECT, "cannot connect: " + message(e));
        }
    }

    /** Sends one command line and reads its reply. */
    Reply command(String line) throws ProbeException {
        if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) throw new IllegalArgumentException("CR/LF in a command");
        transcript.client(line);
        try {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new ProbeException(ProbeException.Kind.CLOSED, "cannot send " + verb(line) + ": " + message(e));
        }
        return readReply("the reply to " + verb(line));
    }

    /** Reads one complete (possibly multi-line) reply within the reply time-out. */
    Reply readReply(String what) throws ProbeException {
        long deadline = System.nanoTime() + replyTimeout.toNanos();
        List<String> lines = new ArrayList<>();
        int code = -1;
        while (true) {
            String line = readLine(deadline, what);
            transcript.server(line);
            if (line.length() < 3 || !Character.isDigit(line.charAt(0)) || !Character.isDigit(line.charAt(1))
                    || !Character.isDigit(line.charAt(2)) || (line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-')) {
                throw new ProbeException(ProbeException.Kind.PROTOCOL, "not an SMTP reply (" + what + "): " + shorten(line));
            }
            int c = Integer.parseInt(line.substring(0, 3));
            if (c < 200 || c > 599) {
                throw new ProbeException(ProbeException.Kind.PROTOCOL, "reply code " + c + " is not valid here (" + what + ")");
            }
            if (code >= 0 && c != code) {
                throw new ProbeException(ProbeException.Kind.PROTOCOL,
                        "the lines of one reply have different codes " + code + " and " + c + " (" + what + ")");
            }
            code = c;
            lines.add(line.length() > 4 ? line.substring(4) : "");
            if (line.length() == 3 || line.charAt(3) == ' ') return new Reply(code, lines);
            if (lines.size() >= MAX_REPLY_LINES) {
                throw new ProbeException(ProbeException.Kind.PROTOCOL, "a reply of more than " + MAX_REPLY_LINES + " lines (" + what + ")");
            }
        }
    }

    private String readLine(long deadline, String what) throws ProbeException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(128);
        try {
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) throw timeout(what);
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
                int b = in.read();
                if (b < 0) {
                    throw new ProbeException(ProbeException.Kind.CLOSED, "the server closed the connection, waiting for " + what
                            + (buf.size() > 0 ? " (after a partial line: " + shorten(buf.toString(StandardCharsets.UTF_8)) + ")" : ""));
                }
                if (b == '\n') {
                    String s = buf.toString(StandardCharsets.UTF_8);
                    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
                }
                if (buf.size() >= MAX_LINE) {
                    throw new ProbeException(ProbeException.Kind.PROTOCOL, "a reply line longer than " + MAX_LINE + " bytes (" + what + ")");
                }
                buf.write(b);
            }
        } catch (SocketTimeoutException e) {
            throw timeout(what);
        } catch (ProbeException e) {
            throw e;
        } catch (IOException e) {
            throw new ProbeException(ProbeException.Kind.CLOSED, "connection lost, waiting for " + what + ": " + message(e));
        }
    }

    private ProbeException timeout(String what) {
        transcript.note("no complete reply within " + seconds(replyTimeout));
        return new ProbeException(ProbeException.Kind.TIMEOUT, "no complete reply within " + seconds(replyTimeout) + " (" + what + ")");
    }

    /**
     * TLS over the connection after the server's 220 to STARTTLS. The server's certificate is not
     * verified: the probe asks how the server treats recipients, not who it is, and a
     * self-signed certificate is normal between mail servers (RFC 3207 §4.1, RFC 7435).
     */
    void startTls(String serverName, Duration timeout) throws ProbeException {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new AcceptAnyCertificate()}, new SecureRandom());
            SSLSocket ssl = (SSLSocket) ctx.getSocketFactory().createSocket(plain, serverName, plain.getPort(), true);
            ssl.setUseClientMode(true);
            if (serverName.indexOf(':') < 0 && !serverName.matches("[0-9.]+")) {
                SSLParameters p = ssl.getSSLParameters();
                p.setServerNames(List.of(new SNIHostName(serverName)));
                ssl.setSSLParameters(p);
            }
            ssl.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            ssl.startHandshake();
            SSLSession session = ssl.getSession();
            String subject = "";
            String issuer = "";
            Certificate[] chain = session.getPeerCertificates();
            if (chain.length > 0 && chain[0] instanceof X509Certificate x) {
                subject = x.getSubjectX500Principal().getName();
                issuer = x.getIssuerX500Principal().getName();
            }
            tls = new TlsInfo(session.getProtocol(), session.getCipherSuite(), subject, issuer);
            socket = ssl;
            in = new BufferedInputStream(ssl.getInputStream());
            out = ssl.getOutputStream();
            transcript.note("TLS " + tls.protocol() + " " + tls.cipher() + "; server certificate " + subject
                    + " issued by " + issuer + " — not verified (a probe accepts any certificate)");
        } catch (GeneralSecurityException | IOException e) {
            throw new ProbeException(ProbeException.Kind.TLS, "TLS handshake failed: " + message(e));
        }
    }

    /** The TLS session, or null while the connection is plain text. */
    TlsInfo tls() {
        return tls;
    }

    @Override
    public void close() {
        close(socket);
        close(plain);
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private static String verb(String line) {
        String upper = line.toUpperCase(Locale.ROOT);
        if (upper.startsWith("MAIL FROM")) return "MAIL FROM";
        if (upper.startsWith("RCPT TO")) return "RCPT TO";
        int sp = upper.indexOf(' ');
        return sp < 0 ? upper : upper.substring(0, sp);
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    private static String shorten(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 120; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return "\"" + b + (s.length() > 120 ? "…" : "") + "\"";
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Trusts every server certificate: for probes only, and said so in the transcript and the result. */
    private static final class AcceptAnyCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // the probe is the client
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // accepted on purpose: see startTls
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
