package io.scatterguard.gateway.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads SMTP command lines strictly (RFC 5321 §2.3.8): a line ends only at CRLF. A bare LF or a
 * bare CR inside a command is reported instead of being taken as a line end — that difference is
 * what SMTP smuggling exploits. Lines longer than the limit are consumed and reported as too long.
 *
 * <p>Buffered: {@link #hasBufferedInput()} tells whether the client pipelined more commands, so the
 * session can flush its replies only when the client waits for them (RFC 2920).
 */
public final class SmtpLineReader {
    /** One command line, or what was wrong with it. */
    public record Line(String text, Problem problem) {
        public enum Problem { NONE, TOO_LONG, BARE_LF, BARE_CR, NUL }

        public boolean ok() {
            return problem == Problem.NONE;
        }
    }

    private final InputStream in;
    private final int maxLineLength;
    private final byte[] buf = new byte[8192];
    private int pos;
    private int lim;

    public SmtpLineReader(InputStream in, int maxLineLength) {
        this.in = in;
        this.maxLineLength = maxLineLength;
    }

    /** The next line without its CRLF, or null at end of stream (a final unterminated line is dropped). */
    public Line readLine() throws IOException {
        StringBuilder sb = new StringBuilder(64);
        Line.Problem problem = Line.Problem.NONE;
        int length = 0;
        while (true) {
            int b = read();
            if (b < 0) return null;
            if (b == '\r') {
                int next = read();
                if (next == '\n') break;
                if (next < 0) return null;
                if (problem == Line.Problem.NONE) problem = Line.Problem.BARE_CR;
                unread();
                continue;
            }
            if (b == '\n') {
                // A bare LF ends nothing: the whole line is refused, as the client cannot be trusted.
                problem = problem == Line.Problem.NONE ? Line.Problem.BARE_LF : problem;
                break;
            }
            if (b == 0 && problem == Line.Problem.NONE) problem = Line.Problem.NUL;
            if (++length > maxLineLength) {
                if (problem == Line.Problem.NONE) problem = Line.Problem.TOO_LONG;
                continue; // keep consuming up to the end of the line
            }
            sb.append((char) b);
        }
        String text = new String(sb.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        return new Line(text, problem);
    }

    /** Whether bytes the client already sent are waiting (pipelining). */
    public boolean hasBufferedInput() throws IOException {
        // Only what one read already brought in: a pipelining client sends its group in one write,
        // and asking the kernel too would cost a system call for every reply.
        return pos < lim;
    }

    /** Whether the client has sent anything at all yet, read or not (the pre-greeting check). */
    public boolean hasPendingInput() throws IOException {
        return pos < lim || in.available() > 0;
    }

    /**
     * Throws away everything buffered: after STARTTLS, plaintext the client pipelined behind the
     * command must not be executed inside the TLS session (CVE-2011-0411 class).
     * @return how many bytes were discarded
     */
    public int discardBuffered() throws IOException {
        int n = lim - pos;
        pos = lim;
        int avail = in.available();
        if (avail > 0) n += (int) in.skip(avail);
        return n;
    }

    /** The raw stream for the DATA reader, which shares this reader's buffer through {@link #read()}. */
    int read() throws IOException {
        if (pos >= lim) {
            lim = in.read(buf, 0, buf.length);
            pos = 0;
            if (lim <= 0) {
                lim = 0;
                return -1;
            }
        }
        return buf[pos++] & 0xff;
    }

    /** Steps back one byte; valid right after {@link #read()} returned a byte. */
    void unread() {
        pos--;
    }
}
