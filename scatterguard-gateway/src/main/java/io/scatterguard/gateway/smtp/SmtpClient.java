package io.scatterguard.gateway.smtp;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain SMTP client that sends one command at a time and returns each reply as the server wrote
 * it — what the proxy's backend leg, the demo and the probe need (they relay or judge individual
 * replies, so a whole-message library client does not fit).
 */
public final class SmtpClient implements AutoCloseable {
    /** A server reply: its code and the text of each line (without the code). */
    public record ServerReply(int code, List<String> lines) {
        public boolean positive() {
            return code < 400;
        }

        public String text() {
            return String.join(" ", lines);
        }

        @Override
        public String toString() {
            return code + " " + text();
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ServerReply greeting;

    private SmtpClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = new BufferedOutputStream(socket.getOutputStream());
        this.greeting = readReply();
    }

    public static SmtpClient connect(InetSocketAddress server, Duration timeout) throws IOException {
        return connect(server, null, timeout);
    }

    /** ... from the local address {@code from} (null: any), e.g. one of several loopback addresses. */
    public static SmtpClient connect(InetSocketAddress server, java.net.InetAddress from, Duration timeout) throws IOException {
        Socket s = new Socket();
        try {
            if (from != null) s.bind(new InetSocketAddress(from, 0));
            s.connect(server, (int) timeout.toMillis());
            s.setSoTimeout((int) timeout.toMillis());
            s.setTcpNoDelay(true); // one command, then wait: Nagle's algorithm would delay every command
            return new SmtpClient(s);
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    public ServerReply greeting() {
        return greeting;
    }

    public ServerReply command(String line) throws IOException {
        write(line);
        out.flush();
        return readReply();
    }

    /**
     * Sends these commands in one write and returns their replies in order: RFC 2920 pipelining, for
     * a server that offers it and commands whose replies may all be awaited together.
     */
    public List<ServerReply> pipeline(List<String> lines) throws IOException {
        for (String l : lines) write(l);
        out.flush();
        List<ServerReply> replies = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) replies.add(readReply());
        return replies;
    }

    /**
     * Sends these commands in one write without reading their replies: the caller reads them with
     * {@link #readReply} later, before it sends anything whose meaning depends on them.
     */
    public void send(List<String> lines) throws IOException {
        for (String l : lines) write(l);
        out.flush();
    }

    private void write(String line) throws IOException {
        if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) throw new IllegalArgumentException("CR/LF in a command");
        out.write(line.getBytes(StandardCharsets.UTF_8));
        out.write('\r');
        out.write('\n');
    }

    /**
     * Whether the server has sent something nobody asked for (a 421 on its idle timeout, say): such
     * a session must not be used again. A close that sent nothing is found by the next command.
     */
    public boolean hasUnsolicitedInput() {
        try {
            return in.available() > 0;
        } catch (IOException e) {
            return true;
        }
    }

    /** DATA, then the message with dot-stuffing and CRLF line ends, then the final reply. */
    public ServerReply data(byte[] message) throws IOException {
        ServerReply go = command("DATA");
        if (go.code() != 354) return go;
        boolean lineStart = true;
        for (int i = 0; i < message.length; i++) {
            byte b = message[i];
            if (lineStart && b == '.') out.write('.');
            if (b == '\n' && (i == 0 || message[i - 1] != '\r')) out.write('\r');
            if (b == '\r' && (i + 1 >= message.length || message[i + 1] != '\n')) {
                out.write(new byte[] {'\r', '\n'});
                lineStart = true;
                continue;
            }
            out.write(b);
            lineStart = b == '\n';
        }
        if (!lineStart) out.write(new byte[] {'\r', '\n'});
        out.write(new byte[] {'.', '\r', '\n'});
        out.flush();
        return readReply();
    }

    /** The buffered output towards the server, for streaming message content (flushed by {@link #raw}). */
    public OutputStream rawOutput() {
        return out;
    }

    /** Sends raw bytes as they are (tests of hostile clients, the final dot of a streamed message). */
    public void raw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public ServerReply readReply() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = readLine();
            if (line == null) throw new IOException("connection closed by the server");
            if (line.length() < 3) throw new IOException("malformed reply line: " + line);
            int code;
            try {
                code = Integer.parseInt(line.substring(0, 3));
            } catch (NumberFormatException e) {
                throw new IOException("malformed reply line: " + line, e);
            }
            lines.add(line.length() > 4 ? line.substring(4) : "");
            if (line.length() == 3 || line.charAt(3) != '-') return new ServerReply(code, lines);
        }
    }

    private String readLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                int len = sb.length();
                if (len > 0 && sb.charAt(len - 1) == '\r') sb.setLength(len - 1);
                return new String(sb.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            }
            if (sb.length() > 4096) throw new IOException("reply line too long");
            sb.append((char) b);
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
