package io.scatterguard.app.input;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Turns the paths given on the command line into messages: single files, directories (walked
 * recursively, in name order), Maildir folders ({@code cur/} and {@code new/}, never {@code tmp/}),
 * mbox files, and {@code -} for standard input.
 *
 * <p>A file is read as an mbox when it starts with a {@code From } line and is not named like a
 * single message ({@code .eml}, {@code .msg}): single saved messages often keep their envelope
 * {@code From } line and may quote another one unescaped in their body.
 */
public final class MessageSources {
    /** How files are interpreted. */
    public enum Format { AUTO, MESSAGE, MBOX }

    private final Format format;
    private final long maxMessageBytes;

    /**
     * @param maxMessageBytes the most kept of one message read from an mbox or stdin (files are
     *                        streamed and capped by the reader itself)
     */
    public MessageSources(Format format, long maxMessageBytes) {
        this.format = format;
        this.maxMessageBytes = maxMessageBytes;
    }

    /** Checks that every named path exists and is readable; the first problem is thrown with a clear message. */
    public static void checkReadable(List<String> paths) throws IOException {
        for (String p : paths) {
            if (p.equals("-")) continue;
            Path path = Path.of(p);
            if (!Files.exists(path)) throw new NoSuchFileException(p, null, "no such file or directory");
            if (!Files.isReadable(path)) throw new IOException(p + ": permission denied");
        }
    }

    /** Calls {@code sink} for each message found under {@code paths}, in order. */
    public void forEach(List<String> paths, Consumer<MessageSource> sink) throws IOException {
        for (String p : paths) {
            if (p.equals("-")) {
                emitStdin(sink);
                continue;
            }
            Path path = Path.of(p);
            if (Files.isDirectory(path)) {
                walk(p, path, sink);
            } else {
                emitFile(p, path, sink);
            }
        }
    }

    private void walk(String shown, Path dir, Consumer<MessageSource> sink) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).filter(f -> !isMaildirTmp(f) && !isHidden(dir, f)).sorted().forEach(files::add);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        for (Path f : files) {
            String rel = shown.endsWith("/") ? shown + dir.relativize(f) : shown + "/" + dir.relativize(f);
            emitFile(rel, f, sink);
        }
    }

    private static boolean isMaildirTmp(Path f) {
        Path parent = f.getParent();
        if (parent == null || !parent.getFileName().toString().equals("tmp")) return false;
        Path md = parent.getParent();
        return md != null && Files.isDirectory(md.resolve("cur")) && Files.isDirectory(md.resolve("new"));
    }

    private static boolean isHidden(Path root, Path f) {
        for (Path part : root.relativize(f)) {
            if (part.toString().startsWith(".")) return true;
        }
        return false;
    }

    private void emitFile(String shown, Path file, Consumer<MessageSource> sink) throws IOException {
        if (isMbox(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                emitMbox(shown, in, sink);
            }
            return;
        }
        sink.accept(new FileSource(shown, file));
    }

    /** Messages of an mbox are named FILE#1, FILE#2...; a file holding just one keeps its plain name. */
    private void emitMbox(String shown, InputStream in, Consumer<MessageSource> sink) throws IOException {
        MboxSplitter.Message[] pending = new MboxSplitter.Message[1];
        int[] count = {0};
        MboxSplitter.split(in, maxMessageBytes, m -> {
            if (pending[0] != null) sink.accept(bytes(shown + "#" + count[0], pending[0]));
            pending[0] = m;
            count[0]++;
        });
        if (pending[0] != null) sink.accept(bytes(count[0] == 1 ? shown : shown + "#" + count[0], pending[0]));
    }

    private static Bytes bytes(String name, MboxSplitter.Message m) {
        List<String> notes = m.skippedBytes() > 0
                ? List.of("input: mbox message cut at " + m.bytes().length + " bytes (" + m.skippedBytes() + " more skipped)")
                : List.of();
        return new Bytes(name, m.bytes(), notes);
    }

    private void emitStdin(Consumer<MessageSource> sink) throws IOException {
        if (format == Format.MBOX) {
            emitMbox("-", System.in, sink);
        } else {
            sink.accept(new Bytes("-", System.in.readNBytes((int) Math.min(maxMessageBytes, Integer.MAX_VALUE - 16)), List.of()));
        }
    }

    private boolean isMbox(Path file) throws IOException {
        if (format == Format.MESSAGE) return false;
        if (format == Format.MBOX) return true;
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".eml") || name.endsWith(".msg")) return false;
        try (InputStream in = Files.newInputStream(file)) {
            return startsWithFrom(in.readNBytes(5));
        }
    }

    private static boolean startsWithFrom(byte[] b) {
        return b.length >= 5 && b[0] == 'F' && b[1] == 'r' && b[2] == 'o' && b[3] == 'm' && b[4] == ' ';
    }

    private record FileSource(String path, Path file) implements MessageSource {
        @Override
        public InputStream open() throws IOException {
            return new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
        }
    }

    private record Bytes(String path, byte[] bytes, List<String> notes) implements MessageSource {
        @Override
        public InputStream open() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public long bytesInMemory() {
            return bytes.length;
        }
    }
}
