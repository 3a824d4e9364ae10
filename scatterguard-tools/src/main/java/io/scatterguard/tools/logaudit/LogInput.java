package io.scatterguard.tools.logaudit;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.zip.GZIPInputStream;

/**
 * One log to read: a file (plain or gzip, told apart by the magic bytes, not the name) or stdin
 * ({@code -}). Rotated logs are often compressed with other programs; those are named in the error
 * so the operator can pipe them in.
 *
 * @param name     as given on the command line; {@code -} for stdin
 * @param path     the file, or null for stdin
 * @param stdin    the stream to read for {@code -} (null for files)
 * @param modified the file's modification time (the newest line cannot be later), or now for stdin
 */
public record LogInput(String name, Path path, InputStream stdin, Instant modified) {

    /** A file input; fails with a message that names the file when it cannot be read. */
    public static LogInput file(String name) throws IOException {
        Path p = Path.of(name);
        if (Files.isDirectory(p)) throw new IOException(name + ": is a directory (name the log files inside it)");
        if (!Files.isReadable(p)) {
            throw new IOException(name + (Files.exists(p) ? ": permission denied" : ": no such file"));
        }
        return new LogInput(name, p, null, Files.getLastModifiedTime(p).toInstant());
    }

    public static LogInput stream(String name, InputStream in) {
        return new LogInput(name, null, in, Instant.now());
    }

    /** Opens the input, decompressing gzip; a compression we cannot read is an error naming the tool to use. */
    public InputStream open() throws IOException {
        InputStream raw = path != null ? Files.newInputStream(path) : stdin;
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(8);
        byte[] magic = in.readNBytes(6);
        in.reset();
        Compression c = Compression.of(magic);
        switch (c) {
            case GZIP:
                // GZIPInputStream reads concatenated members too (logrotate's delaycompress + append).
                return new GZIPInputStream(in, 1 << 16);
            case NONE:
                return in;
            default:
                in.close();
                throw new IOException(name + ": " + c.label + "-compressed; decompress it first, for example: "
                        + c.tool + " " + (path != null ? name : "FILE") + " | scatterguard logaudit -");
        }
    }

    /** Compression formats recognised by their first bytes. */
    enum Compression {
        NONE("", ""), GZIP("gzip", "zcat"), BZIP2("bzip2", "bzcat"), XZ("xz", "xzcat"), ZSTD("zstd", "zstdcat");

        final String label;
        final String tool;

        Compression(String label, String tool) {
            this.label = label;
            this.tool = tool;
        }

        static Compression of(byte[] m) {
            if (m.length >= 2 && (m[0] & 0xff) == 0x1f && (m[1] & 0xff) == 0x8b) return GZIP;
            if (m.length >= 3 && m[0] == 'B' && m[1] == 'Z' && m[2] == 'h') return BZIP2;
            if (m.length >= 6 && (m[0] & 0xff) == 0xfd && m[1] == '7' && m[2] == 'z' && m[3] == 'X' && m[4] == 'Z' && m[5] == 0) {
                return XZ;
            }
            if (m.length >= 4 && (m[0] & 0xff) == 0x28 && (m[1] & 0xff) == 0xb5 && (m[2] & 0xff) == 0x2f
                    && (m[3] & 0xff) == 0xfd) {
                return ZSTD;
            }
            return NONE;
        }
    }
}
