package io.scatterguard.mail.parse.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** CRLF and bare CR become LF whatever the chunks the source hands over and the sizes the reader asks for. */
class LineEndingInputStreamTest {

    /** A source that returns at most {@code chunk} bytes per read, so that a CRLF may be split. */
    private static InputStream chunked(byte[] data, int chunk) {
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }

    private static String readAll(InputStream in, int ask) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] b = new byte[ask];
        int n;
        while ((n = in.read(b, 0, ask)) >= 0) out.write(b, 0, n);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void everyLineEndingBecomesOneLf() throws IOException {
        String in = "a\r\nb\rc\nd\r\r\ne\r";
        assertThat(readAll(new LineEndingInputStream(chunked(in.getBytes(StandardCharsets.ISO_8859_1), 100)), 64))
                .isEqualTo("a\nb\nc\nd\n\ne\n");
    }

    @Test
    void agreesWithTheObviousRewriteOnRandomInputAndChunking() throws IOException {
        Random r = new Random(42);
        String alphabet = "ab\r\n\r\n.x";
        for (int round = 0; round < 2000; round++) {
            StringBuilder sb = new StringBuilder();
            int n = r.nextInt(300);
            for (int i = 0; i < n; i++) sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            String text = sb.toString();
            String expected = text.replace("\r\n", "\n").replace('\r', '\n');
            int chunk = 1 + r.nextInt(20), ask = 1 + r.nextInt(20);
            String got = readAll(new LineEndingInputStream(chunked(text.getBytes(StandardCharsets.ISO_8859_1), chunk)), ask);
            assertThat(got).as("chunk %d ask %d: %s", chunk, ask, text.replace("\r", "\\r").replace("\n", "\\n"))
                    .isEqualTo(expected);
        }
    }

    @Test
    void singleByteReadsToo() throws IOException {
        InputStream in = new LineEndingInputStream(new ByteArrayInputStream("x\r\ny\r".getBytes(StandardCharsets.US_ASCII)));
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) sb.append((char) c);
        assertThat(sb).hasToString("x\ny\n");
    }
}
