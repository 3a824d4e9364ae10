package io.scatterguard.gateway.smtp;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Reads the DATA section (RFC 5321 §4.1.1.4): undoes dot-stuffing and ends only at
 * {@code CRLF . CRLF}. Any bare CR or bare LF is noted and the message must then be refused: a
 * receiver that accepted {@code LF . LF} or {@code CR . CR} as an end would let a second, smuggled
 * message through to a backend that reads the stream differently (the 2023 SMTP smuggling class).
 * The content is written to the sink as received (CRLF lines, dots undone) up to the size limit;
 * beyond it, reading continues to the end marker without storing. Nothing from the first line with
 * a bare CR or LF on reaches the sink: the proxy streams the sink to a backend that may read those
 * as line ends, and the message is refused anyway.
 */
public final class SmtpDataReader {
    /**
     * @param bytes      content bytes seen (after dot removal), also past the limit
     * @param tooBig     more than the limit was sent
     * @param bareCrOrLf a CR or LF not part of a CRLF pair occurred
     * @param complete   the end marker was read; false when the connection ended first
     */
    public record Result(long bytes, boolean tooBig, boolean bareCrOrLf, boolean complete) {}

    private SmtpDataReader() {}

    public static Result read(SmtpLineReader in, OutputStream sink, long maxBytes) throws IOException {
        long bytes = 0;
        boolean bare = false;
        boolean atLineStart = true; // lineBuf starts at the start of a line (not after a long-line flush)
        int lineLength = 0;
        byte[] lineBuf = new byte[1024];
        while (true) {
            int b = in.read();
            if (b < 0) return new Result(bytes, bytes > maxBytes, bare, false);
            if (b == '\r') {
                int next = in.read();
                if (next < 0) return new Result(bytes, bytes > maxBytes, bare, false);
                if (next == '\n') {
                    if (atLineStart && lineLength == 1 && lineBuf[0] == '.') {
                        return new Result(bytes, bytes > maxBytes, bare, true);
                    }
                    int from = atLineStart && lineLength > 0 && lineBuf[0] == '.' ? 1 : 0; // dot-stuffing
                    int n = lineLength - from;
                    if (!bare && bytes + n + 2 <= maxBytes) {
                        lineBuf = ensure(lineBuf, lineLength + 2);
                        lineBuf[lineLength] = '\r';
                        lineBuf[lineLength + 1] = '\n';
                        sink.write(lineBuf, from, n + 2); // one write per line, CRLF included
                    }
                    bytes += n + 2;
                    lineLength = 0;
                    atLineStart = true;
                    continue;
                }
                in.unread(); // look at that byte again on its own
                bare = true;
            } else if (b == '\n') {
                bare = true;
            }
            lineBuf = append(lineBuf, lineLength++, (byte) b);
            if (lineLength >= 64 * 1024) {
                // An absurdly long line: write what we have so memory stays bounded.
                if (!bare && bytes + lineLength <= maxBytes) sink.write(lineBuf, 0, lineLength);
                bytes += lineLength;
                lineLength = 0;
                atLineStart = false;
            }
        }
    }

    private static byte[] ensure(byte[] buf, int size) {
        return size <= buf.length ? buf : java.util.Arrays.copyOf(buf, Math.max(size, buf.length * 2));
    }

    private static byte[] append(byte[] buf, int at, byte b) {
        if (at >= buf.length) buf = java.util.Arrays.copyOf(buf, buf.length * 2);
        buf[at] = b;
        return buf;
    }
}
