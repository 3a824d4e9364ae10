package io.scatterguard.gateway.smtp;

import io.scatterguard.mail.model.Reply;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * One SMTP server connection (RFC 5321, with RFC 1870 SIZE, RFC 2920 PIPELINING, RFC 6152
 * 8BITMIME, RFC 6531 SMTPUTF8, RFC 2034 ENHANCEDSTATUSCODES). Runs on its own (virtual) thread,
 * reads commands strictly, asks the {@link SmtpHandler} at each stage and answers the client.
 * Replies are flushed only when the client waits for them, which is all PIPELINING needs.
 */
public final class SmtpSession implements Session, Runnable {
    private final Socket socket;
    private final SSLContext tlsContext; // null: STARTTLS not offered
    private final SmtpSettings settings;
    private final String id;
    private final SmtpHandler handler;
    private final long deadline;
    private SmtpLineReader in;
    private OutputStream out;

    private String heloName = "";
    private boolean extended;
    private boolean tls;
    private String sender; // null: no transaction
    private final List<String> recipients = new ArrayList<>();
    private boolean smtpUtf8;
    private String user = ""; // who authenticated (SMTP AUTH), "" when nobody did
    private int errors;
    private int commands;

    public SmtpSession(Socket socket, SSLContext tlsContext, SmtpSettings settings, String id, SmtpHandler.Factory handlers) {
        this.socket = socket;
        this.tlsContext = tlsContext;
        this.settings = settings;
        this.id = id;
        this.deadline = System.nanoTime() + settings.sessionTimeout().toNanos();
        this.handler = handlers.create(this);
    }

    @Override
    public void run() {
        // Not try-with-resources: the socket must still be open when the timeout reply is written.
        try {
            socket.setSoTimeout((int) settings.idleTimeout().toMillis());
            // Replies are small and written when the client waits for them: Nagle's delay would only add latency.
            socket.setTcpNoDelay(true);
            in = new SmtpLineReader(socket.getInputStream(), settings.maxLineLength());
            out = new BufferedOutputStream(socket.getOutputStream(), 4096);
            if (!greet()) return;
            loop();
        } catch (SocketTimeoutException e) {
            quietly(() -> sendNow(Reply.of(421, "4.4.2", settings.hostName() + " Error: timeout exceeded")));
        } catch (IOException e) {
            // The client went away; nothing to answer.
        } finally {
            if (sender != null) handler.reset(this);
            handler.close(this);
            quietly(socket::close);
        }
    }

    private boolean greet() throws IOException {
        if (!settings.greetPause().isZero()) {
            try {
                Thread.sleep(settings.greetPause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (in.hasPendingInput()) {
                sendNow(Reply.of(554, "5.5.1", settings.hostName() + " Error: talked before the greeting; bye"));
                return false;
            }
        }
        Optional<Reply> refused = handler.connect(this);
        if (refused.isPresent() && !refused.get().isPositive()) {
            sendNow(refused.get());
            return false;
        }
        sendPlain(220, List.of(settings.hostName() + " ESMTP Scatterguard"));
        out.flush();
        return true;
    }

    private void loop() throws IOException {
        while (true) {
            if (System.nanoTime() > deadline) {
                sendNow(Reply.of(421, "4.4.2", settings.hostName() + " Error: session time limit exceeded"));
                return;
            }
            SmtpLineReader.Line line = in.readLine();
            if (line == null) return;
            if (++commands > settings.maxCommands()) {
                sendNow(Reply.of(421, "4.7.0", settings.hostName() + " Error: too many commands"));
                return;
            }
            if (!line.ok()) {
                if (!error(badLine(line.problem()))) return;
                continue;
            }
            if (!dispatch(line.text())) return;
            if (!in.hasBufferedInput()) out.flush();
        }
    }

    private static Reply badLine(SmtpLineReader.Line.Problem p) {
        return switch (p) {
            case TOO_LONG -> Reply.of(500, "5.5.6", "Error: command line too long");
            case BARE_LF, BARE_CR -> Reply.of(500, "5.5.2", "Error: bare CR or LF in a command; lines must end with CRLF");
            case NUL -> Reply.of(500, "5.5.2", "Error: NUL character in a command");
            case NONE -> throw new IllegalArgumentException();
        };
    }

    /** Sends an error reply; false when the error limit is reached and the session must end. */
    private boolean error(Reply r) throws IOException {
        send(r);
        if (++errors >= settings.maxErrors()) {
            sendNow(Reply.of(421, "4.7.0", settings.hostName() + " Error: too many errors"));
            return false;
        }
        return true;
    }

    /** Handles one command; false ends the session. */
    private boolean dispatch(String line) throws IOException {
        int sp = line.indexOf(' ');
        String verb = (sp < 0 ? line : line.substring(0, sp)).toUpperCase(Locale.ROOT);
        String arg = sp < 0 ? "" : line.substring(sp + 1).strip();
        return switch (verb) {
            case "EHLO" -> helo(arg, true);
            case "HELO" -> helo(arg, false);
            case "MAIL" -> mail(arg);
            case "RCPT" -> rcpt(arg);
            case "DATA" -> data(arg);
            case "RSET" -> {
                resetTransaction();
                send(Reply.of(250, "2.0.0", "Ok"));
                yield true;
            }
            case "NOOP" -> {
                send(Reply.of(250, "2.0.0", "Ok"));
                yield true;
            }
            case "QUIT" -> {
                sendNow(Reply.of(221, "2.0.0", "Bye"));
                yield false;
            }
            case "VRFY" -> {
                send(Reply.of(252, "2.5.0", "Cannot VRFY user; send mail and we will try"));
                yield true;
            }
            case "HELP" -> {
                send(Reply.of(214, "2.0.0", "See RFC 5321"));
                yield true;
            }
            case "STARTTLS" -> startTls(arg);
            case "AUTH" -> auth(arg);
            default -> error(Reply.of(500, "5.5.1", "Error: command not recognized"));
        };
    }

    private boolean helo(String arg, boolean ehlo) throws IOException {
        if (arg.isEmpty()) return error(Reply.of(501, "5.5.4", "Syntax: " + (ehlo ? "EHLO" : "HELO") + " hostname"));
        resetTransaction();
        Optional<Reply> r = handler.helo(this, arg, ehlo);
        if (r.isPresent() && !r.get().isPositive()) return respond(r.get());
        heloName = arg;
        extended = ehlo;
        if (!ehlo) {
            sendPlain(250, List.of(settings.hostName()));
            return true;
        }
        List<String> lines = new ArrayList<>(List.of(settings.hostName(), "PIPELINING", "SIZE " + settings.maxMessageBytes(),
                "8BITMIME", "SMTPUTF8", "ENHANCEDSTATUSCODES"));
        if (tlsContext != null && !tls) lines.add("STARTTLS");
        if (authOffered()) lines.add("AUTH PLAIN LOGIN");
        sendPlain(250, lines);
        return true;
    }

    /**
     * RFC 3207. Anything the client pipelined after STARTTLS is plaintext that an attacker in the
     * middle may have injected, so it is thrown away before the 220 (CVE-2011-0411); after the
     * handshake the session starts over, HELO included.
     */
    private boolean startTls(String arg) throws IOException {
        if (tlsContext == null) return error(Reply.of(454, "4.7.0", "TLS not available"));
        if (tls) return error(Reply.of(503, "5.5.1", "Error: TLS already active"));
        if (!arg.isEmpty()) return error(Reply.of(501, "5.5.4", "Syntax: STARTTLS"));
        in.discardBuffered();
        sendNow(Reply.of(220, "2.0.0", "Ready to start TLS"));
        SSLSocket ssl = (SSLSocket) tlsContext.getSocketFactory().createSocket(socket,
                socket.getInetAddress().getHostAddress(), socket.getPort(), true);
        ssl.setUseClientMode(false);
        ssl.startHandshake();
        in = new SmtpLineReader(ssl.getInputStream(), settings.maxLineLength());
        out = new BufferedOutputStream(ssl.getOutputStream(), 4096);
        resetTransaction();
        heloName = "";
        extended = false;
        user = "";
        tls = true;
        return true;
    }

    private boolean authOffered() {
        SmtpHandler.Authenticator a = handler.authenticator();
        return a != null && (tls || a.plaintextAllowed());
    }

    /**
     * RFC 4954 with PLAIN (RFC 4616) and LOGIN, the two that mail clients use. Credentials are
     * checked by the handler's {@link SmtpHandler.Authenticator}; a failure counts as an error, so a
     * client guessing passwords is disconnected at the error limit.
     */
    private boolean auth(String arg) throws IOException {
        SmtpHandler.Authenticator a = handler.authenticator();
        if (a == null) return error(Reply.of(502, "5.5.1", "Error: authentication not enabled"));
        if (!tls && !a.plaintextAllowed()) {
            return error(Reply.of(538, "5.7.11", "Encryption required for requested authentication mechanism"));
        }
        if (heloName.isEmpty()) return error(Reply.of(503, "5.5.1", "Error: send HELO/EHLO first"));
        if (!user.isEmpty()) return error(Reply.of(503, "5.5.1", "Error: already authenticated"));
        if (sender != null) return error(Reply.of(503, "5.5.1", "Error: MAIL transaction in progress"));
        String[] words = arg.split(" ");
        String mechanism = words[0].toUpperCase(Locale.ROOT);
        String name;
        char[] password;
        switch (mechanism) {
            case "PLAIN" -> {
                String response = words.length > 1 ? words[1] : challenge("");
                if (response == null) return error(Reply.of(501, "5.7.0", "Authentication cancelled"));
                byte[] decoded = base64(response);
                if (decoded == null) return error(Reply.of(501, "5.5.2", "Error: invalid base64 in the AUTH response"));
                // authzid NUL authcid NUL password; we take no authorisation identity other than the user's own
                String plain = new String(decoded, java.nio.charset.StandardCharsets.UTF_8);
                int first = plain.indexOf('\0');
                int second = first < 0 ? -1 : plain.indexOf('\0', first + 1);
                if (second < 0) return error(Reply.of(501, "5.5.2", "Error: malformed PLAIN credentials"));
                String authz = plain.substring(0, first);
                name = plain.substring(first + 1, second);
                password = plain.substring(second + 1).toCharArray();
                if (!authz.isEmpty() && !authz.equals(name)) {
                    return error(Reply.of(535, "5.7.8", "Authentication credentials invalid"));
                }
            }
            case "LOGIN" -> {
                String u = words.length > 1 ? words[1] : challenge("VXNlcm5hbWU6"); // "Username:"
                if (u == null) return error(Reply.of(501, "5.7.0", "Authentication cancelled"));
                byte[] du = base64(u);
                if (du == null) return error(Reply.of(501, "5.5.2", "Error: invalid base64 in the AUTH response"));
                String p = challenge("UGFzc3dvcmQ6"); // "Password:"
                if (p == null) return error(Reply.of(501, "5.7.0", "Authentication cancelled"));
                byte[] dp = base64(p);
                if (dp == null) return error(Reply.of(501, "5.5.2", "Error: invalid base64 in the AUTH response"));
                name = new String(du, java.nio.charset.StandardCharsets.UTF_8);
                password = new String(dp, java.nio.charset.StandardCharsets.UTF_8).toCharArray();
            }
            default -> {
                return error(Reply.of(504, "5.5.4", "Unrecognized authentication type"));
            }
        }
        boolean ok;
        try {
            ok = !name.isEmpty() && a.verify(name, password);
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
        if (!ok) return error(Reply.of(535, "5.7.8", "Authentication credentials invalid"));
        user = name;
        send(Reply.of(235, "2.7.0", "Authentication successful"));
        return true;
    }

    /** Sends a 334 challenge and reads the client's answer; null when it cancelled ("*") or left. */
    private String challenge(String text) throws IOException {
        out.write(("334 " + text + "\r\n").getBytes(StandardCharsets.US_ASCII)); // a challenge has no status code
        out.flush();
        SmtpLineReader.Line line = in.readLine();
        if (line == null || !line.ok() || line.text().equals("*")) return null;
        return line.text().strip();
    }

    private static byte[] base64(String s) {
        try {
            return s.equals("=") ? new byte[0] : java.util.Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private boolean mail(String arg) throws IOException {
        if (heloName.isEmpty()) return error(Reply.of(503, "5.5.1", "Error: send HELO/EHLO first"));
        if (sender != null) return error(Reply.of(503, "5.5.1", "Error: nested MAIL command"));
        Path p = Path.parse(arg, "FROM:");
        if (p == null) return error(Reply.of(501, "5.5.4", "Syntax: MAIL FROM:<address>"));
        boolean utf8 = false;
        for (String param : p.params()) {
            String u = param.toUpperCase(Locale.ROOT);
            if (u.startsWith("SIZE=")) {
                long size;
                try {
                    size = Long.parseLong(u.substring(5));
                } catch (NumberFormatException e) {
                    return error(Reply.of(501, "5.5.4", "Error: bad SIZE parameter"));
                }
                if (size > settings.maxMessageBytes()) {
                    return respond(Reply.of(552, "5.3.4", "Message size exceeds fixed limit"));
                }
            } else if (u.equals("SMTPUTF8") || u.equals("BODY=8BITMIME")) {
                utf8 = true;
            } else if (!u.equals("BODY=7BIT")) {
                return error(Reply.of(555, "5.5.4", "Unsupported option: " + param));
            }
        }
        Optional<Reply> r = handler.mail(this, p.address());
        if (r.isPresent() && !r.get().isPositive()) return respond(r.get());
        sender = p.address();
        smtpUtf8 = utf8;
        send(r.orElse(Reply.of(250, "2.1.0", "Ok")));
        return true;
    }

    private boolean rcpt(String arg) throws IOException {
        if (sender == null) return error(Reply.of(503, "5.5.1", "Error: need MAIL command"));
        Path p = Path.parse(arg, "TO:");
        if (p == null || p.address().isEmpty()) return error(Reply.of(501, "5.5.4", "Syntax: RCPT TO:<address>"));
        if (recipients.size() >= settings.maxRecipients()) {
            return respond(Reply.of(452, "4.5.3", "Error: too many recipients"));
        }
        Optional<Reply> r = handler.rcpt(this, p.address());
        if (r.isPresent() && !r.get().isPositive()) return respond(r.get());
        recipients.add(p.address());
        send(r.orElse(Reply.of(250, "2.1.5", "Ok")));
        return true;
    }

    private boolean data(String arg) throws IOException {
        if (!arg.isEmpty()) return error(Reply.of(501, "5.5.4", "Syntax: DATA"));
        if (sender == null) return error(Reply.of(503, "5.5.1", "Error: need MAIL command"));
        if (recipients.isEmpty()) return error(Reply.of(554, "5.5.1", "Error: no valid recipients"));
        Optional<Reply> r = handler.data(this);
        if (r.isPresent() && !r.get().isPositive()) {
            resetTransaction();
            return respond(r.get());
        }
        sendNow(Reply.of(354, "2.0.0", "End data with <CR><LF>.<CR><LF>"));
        ByteArrayOutputStream content = new ByteArrayOutputStream(8192);
        OutputStream extra = handler.dataSink(this);
        SmtpDataReader.Result res = SmtpDataReader.read(in, extra == null ? content : new Tee(content, extra),
                settings.maxMessageBytes());
        if (!res.complete()) return false; // connection lost mid-message: nothing was accepted
        Reply reply;
        if (res.bareCrOrLf()) {
            reply = Reply.of(550, "5.6.0", "Error: bare CR or LF in message data; lines must end with CRLF");
        } else if (res.tooBig()) {
            reply = Reply.of(552, "5.3.4", "Message size exceeds fixed limit");
        } else {
            reply = handler.message(this, content.toByteArray());
        }
        resetTransaction();
        sendNow(reply);
        return true;
    }

    /** Sends a handler's refusal; 421 ends the session. */
    private boolean respond(Reply r) throws IOException {
        if (r.code() == 421) {
            sendNow(r);
            return false;
        }
        send(r);
        return true;
    }

    private void resetTransaction() {
        if (sender != null) handler.reset(this);
        sender = null;
        recipients.clear();
        smtpUtf8 = false;
    }

    private void send(Reply r) throws IOException {
        for (String l : r.lines()) {
            out.write(l.getBytes(StandardCharsets.UTF_8));
            out.write('\r');
            out.write('\n');
        }
    }

    /**
     * A reply without enhanced status codes: the greeting and the answers to HELO and EHLO (RFC 2034
     * §3), whose lines clients read as "250-KEYWORD params".
     */
    private void sendPlain(int code, List<String> lines) throws IOException {
        for (int i = 0; i < lines.size(); i++) {
            out.write((code + (i == lines.size() - 1 ? " " : "-") + lines.get(i) + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private void sendNow(Reply r) throws IOException {
        send(r);
        out.flush();
    }

    /**
     * Copies the content to a second destination; a failure there (a backend gone away) is kept for
     * the handler to find and does not stop the client's data from being read to its end.
     */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;
        private boolean secondFailed;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            if (!secondFailed) {
                try {
                    second.write(b);
                } catch (IOException e) {
                    secondFailed = true;
                }
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            if (!secondFailed) {
                try {
                    second.write(b, off, len);
                } catch (IOException e) {
                    secondFailed = true;
                }
            }
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void quietly(IoAction a) {
        try {
            a.run();
        } catch (IOException ignored) {
            // the client is gone
        }
    }

    // --- Session view for handlers ---------------------------------------------------------------

    @Override
    public String id() {
        return id;
    }

    @Override
    public InetSocketAddress client() {
        return (InetSocketAddress) socket.getRemoteSocketAddress();
    }

    @Override
    public String heloName() {
        return heloName;
    }

    @Override
    public boolean extended() {
        return extended;
    }

    @Override
    public boolean tls() {
        return tls;
    }

    @Override
    public String sender() {
        return sender;
    }

    @Override
    public List<String> recipients() {
        return Collections.unmodifiableList(recipients);
    }

    @Override
    public boolean smtpUtf8() {
        return smtpUtf8;
    }

    @Override
    public String authenticatedUser() {
        return user;
    }
}
