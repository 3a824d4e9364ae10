package io.scatterguard.store.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** gzip for stored message content (mail text compresses three- to five-fold). */
final class Compression {
    static final String GZIP = "gzip";

    private Compression() {}

    static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, raw.length / 3));
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192)) {
            gz.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen in memory
        }
        return out.toByteArray();
    }

    static byte[] expand(String compression, byte[] stored) {
        if (!GZIP.equals(compression)) throw new IllegalStateException("unknown compression '" + compression + "' in the store");
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(stored), 8192)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("stored message content is damaged: " + e.getMessage(), e);
        }
    }
}
