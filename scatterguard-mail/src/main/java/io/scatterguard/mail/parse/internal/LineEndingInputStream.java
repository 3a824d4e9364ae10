package io.scatterguard.mail.parse.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Rewrites CRLF and bare CR line endings to LF while streaming. mime4j copes with CRLF and LF but
 * not with the CR-only files that old Mac mailers and some archives produce; after this filter all
 * three read the same.
 */
public final class LineEndingInputStream extends FilterInputStream {
    private byte[] buf; // sized at the first read: no bigger than what is there (a small message is a small array)
    private int pos;
    private int lim;
    private boolean pendingCr; // a CR was the last byte of the previous chunk

    public LineEndingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] out, int off, int len) throws IOException {
        if (len == 0) return 0;
        int written = 0;
        while (written == 0) {
            if (pos >= lim) {
                if (buf == null) buf = new byte[Math.max(1024, Math.min(16 * 1024, in.available() + 1))];
                lim = in.read(buf, 0, buf.length);
                pos = 0;
                if (lim <= 0) {
                    lim = 0;
                    if (pendingCr) {
                        pendingCr = false;
                        out[off] = '\n';
                        return 1;
                    }
                    return -1;
                }
            }
            while (pos < lim && written < len) {
                if (pendingCr) {
                    // CR then LF is one line end, a CR alone is one too: either way an LF
                    pendingCr = false;
                    out[off + written++] = '\n';
                    if (buf[pos] == '\n') pos++;
                    continue;
                }
                // copy everything up to the next CR in one go
                int end = Math.min(lim, pos + (len - written));
                int k = pos;
                while (k < end && buf[k] != '\r') k++;
                System.arraycopy(buf, pos, out, off + written, k - pos);
                written += k - pos;
                pos = k;
                if (pos < lim && written < len && buf[pos] == '\r') {
                    pos++;
                    pendingCr = true;
                }
            }
        }
        return written;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] tmp = new byte[(int) Math.min(n, 8192)];
        long total = 0;
        while (total < n) {
            int r = read(tmp, 0, (int) Math.min(tmp.length, n - total));
            if (r < 0) break;
            total += r;
        }
        return total;
    }

    @Override
    public int available() {
        return lim - pos;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
