package io.scatterguard.gateway.scan;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A client of SpamAssassin's {@code spamd} (the SPAMC/1.5 protocol, as {@code spamc} speaks it):
 * sends the message with the SYMBOLS command and returns the verdict, score, threshold and the
 * rule names that hit. Any protocol or network problem is an {@link IOException}: the caller must
 * answer 451, never accept unscanned.
 */
public final class SpamdClient {
    /** What spamd said. */
    public record Result(boolean spam, double score, double threshold, List<String> symbols) {}

    private final InetSocketAddress server;
    private final Duration timeout;

    public SpamdClient(InetSocketAddress server, Duration timeout) {
        this.server = server;
        this.timeout = timeout;
    }

    public Result check(byte[] message) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(server, (int) timeout.toMillis());
            s.setSoTimeout((int) timeout.toMillis());
            OutputStream out = s.getOutputStream();
            out.write(("SYMBOLS SPAMC/1.5\r\nContent-length: " + message.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(message);
            out.flush();
            s.shutdownOutput();
            return parse(new BufferedInputStream(s.getInputStream()));
        }
    }

    static Result parse(InputStream in) throws IOException {
        String status = line(in);
        if (status == null || !status.startsWith("SPAMD/")) throw new IOException("spamd: unexpected answer: " + status);
        String[] st = status.split("\\s+", 3);
        if (st.length < 2 || !st[1].equals("0")) throw new IOException("spamd error: " + status);
        boolean spam = false;
        double score = Double.NaN;
        double threshold = Double.NaN;
        String l;
        while ((l = line(in)) != null && !l.isEmpty()) {
            if (l.toLowerCase(Locale.ROOT).startsWith("spam:")) {
                // "Spam: True ; 15.2 / 5.0"
                String v = l.substring(5).strip();
                int semi = v.indexOf(';');
                int slash = v.indexOf('/');
                if (semi < 0 || slash < semi) throw new IOException("spamd: malformed Spam header: " + l);
                spam = v.substring(0, semi).strip().equalsIgnoreCase("true") || v.substring(0, semi).strip().equalsIgnoreCase("yes");
                try {
                    score = Double.parseDouble(v.substring(semi + 1, slash).strip());
                    threshold = Double.parseDouble(v.substring(slash + 1).strip());
                } catch (NumberFormatException e) {
                    throw new IOException("spamd: malformed score: " + l, e);
                }
            }
        }
        if (Double.isNaN(score)) throw new IOException("spamd: no Spam header in the answer");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        in.transferTo(body);
        String symbols = body.toString(StandardCharsets.US_ASCII).strip();
        return new Result(spam, score, threshold,
                symbols.isEmpty() ? List.of() : Arrays.stream(symbols.split(",")).map(String::strip).toList());
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') break;
            if (b != '\r') sb.append((char) b);
            if (sb.length() > 8192) throw new IOException("spamd: header line too long");
        }
        return b < 0 && sb.isEmpty() ? null : sb.toString();
    }
}
