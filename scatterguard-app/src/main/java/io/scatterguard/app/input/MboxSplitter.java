package io.scatterguard.app.input;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * Splits an mbox file (mboxo/mboxrd) into messages while streaming, at {@code From } lines that
 * follow a blank line (or start the file). Each message keeps its {@code From } line, which the
 * reader uses as the envelope sender; {@code >From } quoting is undone. A message longer than the
 * cap is cut there (the rest is skipped) and reported as such, so a huge mbox needs no more memory
 * than its largest kept message.
 */
final class MboxSplitter {
    /** One message of the mbox: its bytes, and how many bytes were skipped past the cap. */
    record Message(byte[] bytes, long skippedBytes) {}

    private MboxSplitter() {}

    static void split(InputStream raw, long maxMessageBytes, Consumer<Message> sink) throws IOException {
        InputStream in = raw instanceof BufferedInputStream ? raw : new BufferedInputStream(raw, 64 * 1024);
        ByteArrayOutputStream cur = new ByteArrayOutputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        boolean prevBlank = true;
        long skipped = 0;
        boolean any = false;
        int b;
        boolean eof = false;
        while (!eof) {
            line.reset();
            while ((b = in.read()) >= 0) {
                line.write(b);
                if (b == '\n') break;
            }
            if (b < 0) eof = true;
            if (line.size() == 0) break;
            byte[] l = line.toByteArray();
            if (prevBlank && startsWith(l, 0, "From ") && (cur.size() > 0 || skipped > 0)) {
                sink.accept(new Message(cur.toByteArray(), skipped));
                cur.reset();
                skipped = 0;
            }
            int from = quotedFromOffset(l);
            int len = l.length - from;
            if (cur.size() + len <= maxMessageBytes) {
                cur.write(l, from, len);
            } else {
                skipped += len;
            }
            any = true;
            int contentEnd = l.length;
            while (contentEnd > 0 && (l[contentEnd - 1] == '\n' || l[contentEnd - 1] == '\r')) contentEnd--;
            prevBlank = contentEnd == 0;
        }
        if (any && (cur.size() > 0 || skipped > 0)) sink.accept(new Message(cur.toByteArray(), skipped));
    }

    private static boolean startsWith(byte[] a, int off, String s) {
        if (off + s.length() > a.length) return false;
        for (int k = 0; k < s.length(); k++) {
            if (a[off + k] != s.charAt(k)) return false;
        }
        return true;
    }

    /** 1 for an mboxrd-quoted line (">From ", ">>From "...), whose first '>' is dropped; else 0. */
    private static int quotedFromOffset(byte[] a) {
        int k = 0;
        while (k < a.length && a[k] == '>') k++;
        return k > 0 && startsWith(a, k, "From ") ? 1 : 0;
    }
}
