package io.scatterguard.mail.parse.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads at most {@code limit} bytes and remembers whether the source had more. */
public final class BoundedInputStream extends FilterInputStream {
    private long remaining;
    private boolean truncated;
    private long count;

    public BoundedInputStream(InputStream in, long limit) {
        super(in);
        this.remaining = limit;
    }

    @Override
    public int read() throws IOException {
        if (remaining <= 0) {
            checkTruncated();
            return -1;
        }
        int b = in.read();
        if (b >= 0) {
            remaining--;
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (remaining <= 0) {
            checkTruncated();
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n > 0) {
            remaining -= n;
            count += n;
        }
        return n;
    }

    private void checkTruncated() throws IOException {
        if (!truncated && in.read() >= 0) truncated = true;
    }

    public boolean truncated() {
        return truncated;
    }

    public long count() {
        return count;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
