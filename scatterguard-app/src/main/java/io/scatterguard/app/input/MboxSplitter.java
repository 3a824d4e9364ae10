package io.scatterguard.app.input;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an mbox file (mboxo/mboxrd) into messages at {@code From } lines that follow a blank line
 * (or start the file). Each message keeps its {@code From } line, which the reader uses as the
 * envelope sender; {@code >From } quoting is undone for mboxrd.
 */
final class MboxSplitter {
    private MboxSplitter() {}

    static List<byte[]> split(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return split(in.readAllBytes());
        }
    }

    static List<byte[]> split(byte[] all) {
        List<byte[]> out = new ArrayList<>();
        ByteArrayOutputStream cur = new ByteArrayOutputStream();
        boolean prevBlank = true;
        int i = 0;
        while (i < all.length) {
            int end = i;
            while (end < all.length && all[end] != '\n') end++;
            int lineEnd = Math.min(end + 1, all.length);
            boolean isFrom = startsWith(all, i, "From ");
            if (isFrom && prevBlank && cur.size() > 0) {
                out.add(cur.toByteArray());
                cur.reset();
            }
            if (startsWithQuotedFrom(all, i)) {
                cur.write(all, i + 1, lineEnd - i - 1); // mboxrd: ">From " → "From ", ">>From " → ">From "
            } else {
                cur.write(all, i, lineEnd - i);
            }
            int contentEnd = end > i && all[end - 1] == '\r' ? end - 1 : end;
            prevBlank = contentEnd == i;
            i = lineEnd;
        }
        if (cur.size() > 0) out.add(cur.toByteArray());
        return out;
    }

    private static boolean startsWith(byte[] a, int off, String s) {
        if (off + s.length() > a.length) return false;
        for (int k = 0; k < s.length(); k++) {
            if (a[off + k] != s.charAt(k)) return false;
        }
        return true;
    }

    private static boolean startsWithQuotedFrom(byte[] a, int off) {
        int k = off;
        while (k < a.length && a[k] == '>') k++;
        return k > off && startsWith(a, k, "From ");
    }
}
