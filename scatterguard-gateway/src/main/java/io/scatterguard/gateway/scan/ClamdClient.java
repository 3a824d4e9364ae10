package io.scatterguard.gateway.scan;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * A client of ClamAV's {@code clamd} (the {@code zINSTREAM} command: length-prefixed chunks, then a
 * zero-length chunk). Returns the signature name when a virus is found, empty when clean; anything
 * else (an ERROR answer, a size limit, a network problem) is an {@link IOException} so the caller
 * answers 451 rather than accept unscanned mail.
 */
public final class ClamdClient {
    private static final int CHUNK = 64 * 1024;
    private final InetSocketAddress server;
    private final Duration timeout;

    public ClamdClient(InetSocketAddress server, Duration timeout) {
        this.server = server;
        this.timeout = timeout;
    }

    public Optional<String> scan(byte[] message) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(server, (int) timeout.toMillis());
            s.setSoTimeout((int) timeout.toMillis());
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.write("zINSTREAM\0".getBytes(StandardCharsets.US_ASCII));
            for (int off = 0; off < message.length; off += CHUNK) {
                int n = Math.min(CHUNK, message.length - off);
                out.writeInt(n);
                out.write(message, off, n);
            }
            out.writeInt(0);
            out.flush();
            return parse(s.getInputStream());
        }
    }

    static Optional<String> parse(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != 0) {
            buf.write(b);
            if (buf.size() > 4096) throw new IOException("clamd: answer too long");
        }
        String answer = buf.toString(StandardCharsets.US_ASCII).strip();
        if (answer.endsWith(" OK")) return Optional.empty();
        if (answer.endsWith(" FOUND")) {
            String sig = answer.substring(answer.indexOf(':') + 1, answer.length() - " FOUND".length()).strip();
            return Optional.of(sig);
        }
        throw new IOException("clamd: " + (answer.isEmpty() ? "no answer" : answer));
    }
}
