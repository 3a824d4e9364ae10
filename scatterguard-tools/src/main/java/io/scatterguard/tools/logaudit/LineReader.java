package io.scatterguard.tools.logaudit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits a byte stream into lines with bounded memory: a line longer than {@link #MAX_LINE} bytes
 * is cut there (the rest up to the next newline is skipped and counted). Bytes that are not UTF-8
 * become U+FFFD, so binary garbage in a log costs nothing but unrecognised lines. CRLF and LF end
 * a line; a last line without a newline is returned too.
 */
final class LineReader {
    /** Syslog lines are at most a few KB (rsyslog's default maximum message size is 8 KB). */
    static final int MAX_LINE = 16 * 1024;

    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int end;
    private final byte[] line = new byte[MAX_LINE];
    private long cutLines;
    private long bytes;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** The next line without its line end, or null at the end of the stream. */
    String next() throws IOException {
        int len = 0;
        boolean cut = false;
        boolean any = false;
        while (true) {
            if (pos >= end) {
                end = in.read(buf, 0, buf.length);
                pos = 0;
                if (end <= 0) {
                    end = 0;
                    if (!any) return null;
                    return finish(len, cut);
                }
                bytes += end;
            }
            any = true;
            int start = pos;
            while (pos < end && buf[pos] != '\n') pos++;
            int chunk = pos - start;
            if (!cut) {
                int room = MAX_LINE - len;
                int copy = Math.min(room, chunk);
                System.arraycopy(buf, start, line, len, copy);
                len += copy;
                if (copy < chunk) cut = true;
            }
            if (pos < end) { // found the newline
                pos++;
                return finish(len, cut);
            }
        }
    }

    private String finish(int len, boolean cut) {
        if (cut) cutLines++;
        if (len > 0 && line[len - 1] == '\r') len--;
        return new String(line, 0, len, StandardCharsets.UTF_8);
    }

    /** Lines longer than {@link #MAX_LINE} bytes that were cut. */
    long cutLines() {
        return cutLines;
    }

    /** Bytes read from the (decompressed) stream so far. */
    long bytes() {
        return bytes;
    }
}
