package io.scatterguard.mail.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageReaderTest {
    private final MessageReader reader = new MessageReader();

    // A small bounce with a quoted original: enough structure to check every reader feature.
    private static final String REPORT = """
            From MAILER-DAEMON Thu Jan  1 00:00:00 2026
            Return-Path: <>
            From: Mail Delivery System <MAILER-DAEMON@mx.example.net>
            Subject: =?UTF-8?B?w4ljaGVjIGRlIGxhIGxpdnJhaXNvbg==?=
            Content-Type: multipart/report; report-type=delivery-status; boundary="B"

            --B
            Content-Type: text/plain; charset=iso-8859-1
            Content-Transfer-Encoding: quoted-printable

            Votre message n'a pas pu =EAtre remis.
            --B
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.example.net

            Final-Recipient: rfc822; bob@example.net
            Action: failed
            Status: 5.1.1
            --B
            Content-Type: message/rfc822

            From: alice@example.com
            Message-ID: <orig@example.com>
            Subject: hi

            body
            --B--
            """;

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n", "\r"})
    void readsTheSameWhateverTheLineEndings(String eol) {
        ParsedMessage m = reader.read(REPORT.replace("\n", eol).getBytes(StandardCharsets.ISO_8859_1));
        assertThat(m.envelopeSender()).isEmpty(); // mbox From line of MAILER-DAEMON = null sender
        assertThat(m.headers().get("Subject")).isEqualTo("Échec de la livraison");
        assertThat(m.mimeType()).isEqualTo("multipart/report");
        assertThat(m.contentTypeParam("report-type")).isEqualTo("delivery-status");
        assertThat(m.parts()).extracting(Part::mimeType)
                .containsExactly("text/plain", "message/delivery-status", "text/plain");
        assertThat(m.parts().get(0).text()).contains("être remis");
        assertThat(m.embedded()).singleElement().satisfies(e -> {
            assertThat(e.headers().get("Message-ID")).isEqualTo("<orig@example.com>");
            assertThat(e.messageDepth()).isEqualTo(1);
        });
        assertThat(m.body()).contains("Content-Type: message/delivery-status\n")
                .contains("Final-Recipient: rfc822; bob@example.net")
                .contains("Content-Type: message/rfc822\n\n")
                .doesNotContain("\r");
        assertThat(m.notes()).isEmpty();
    }

    @Test
    void readsTextRfc822HeadersAsTheQuotedOriginal() {
        String msg = """
                From: postmaster@example.net
                Content-Type: multipart/report; report-type=delivery-status; boundary=X

                --X
                Content-Type: text/rfc822-headers

                Message-ID: <q@example.com>
                Subject: quoted
                 and folded
                --X--
                """;
        ParsedMessage m = reader.read(msg.getBytes(StandardCharsets.US_ASCII));
        assertThat(m.embedded()).singleElement().satisfies(e -> {
            assertThat(e.source()).isEqualTo("text/rfc822-headers");
            assertThat(e.headers().get("Subject")).isEqualTo("quoted and folded");
        });
    }

    @Test
    void decodesCharsetsAndEightBitHeaders() {
        byte[] iso2022 = "=?ISO-2022-JP?B?GyRCJSglaSE8GyhC?=".getBytes(StandardCharsets.US_ASCII);
        String head = "Subject: " + new String(iso2022, StandardCharsets.US_ASCII) + "\nFrom: Jörg <j@example.de>\n\n";
        ParsedMessage m = reader.read((head + "x\n").getBytes(StandardCharsets.UTF_8));
        assertThat(m.headers().get("Subject")).isEqualTo("エラー");
        assertThat(m.headers().get("From")).startsWith("Jörg");
    }

    @Test
    void skipsBlankLinesBeforeTheHeader() {
        ParsedMessage m = reader.read("\n   \nSubject: late start\n\nbody\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(m.headers().get("Subject")).isEqualTo("late start");
    }

    @Test
    void survivesBrokenMime() {
        String broken = """
                Content-Type: multipart/mixed; boundary="never-closed"
                Subject: broken

                --never-closed
                Content-Type: text/plain; charset=no-such-charset
                Content-Transfer-Encoding: base64

                !!!not base64!!!
                --never-closed
                Content-Type: message/rfc822

                no header here
                """;
        ParsedMessage m = reader.read(broken.getBytes(StandardCharsets.US_ASCII));
        assertThat(m.headers().get("Subject")).isEqualTo("broken");
        assertThat(m.parts()).isNotEmpty();
    }

    @Test
    void recoversPartsWhenTheDeclaredBoundaryNeverOccurs() {
        String msg = """
                Subject: edited by hand
                Content-Type: multipart/report; report-type=delivery-status; boundary="declared"

                --actual
                Content-Type: text/plain

                delivery failed
                --actual
                Content-Type: message/delivery-status

                Final-Recipient: rfc822; bob@example.net
                Status: 5.1.1
                --actual--
                """;
        ParsedMessage m = reader.read(msg.getBytes(StandardCharsets.US_ASCII));
        assertThat(m.parts()).extracting(Part::mimeType).containsExactly("text/plain", "message/delivery-status");
        assertThat(m.notes()).anyMatch(n -> n.contains("declared boundary not found"));
        ParsedMessage noBoundary = reader.read("Content-Type: multipart/mixed; boundary=x\n\njust text\n"
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(noBoundary.body()).contains("just text");
    }

    @Test
    @Timeout(30)
    void capsDeepNesting() {
        StringBuilder sb = new StringBuilder();
        int depth = 2000;
        for (int i = 0; i < depth; i++) sb.append("Subject: level ").append(i).append("\nContent-Type: message/rfc822\n\n");
        sb.append("Subject: bottom\n\nhello\n");
        ParsedMessage m = reader.read(sb.toString().getBytes(StandardCharsets.US_ASCII));
        assertThat(m.headers().get("Subject")).isEqualTo("level 0");
        assertThat(m.embedded()).hasSizeLessThanOrEqualTo(ReadLimits.defaults().maxMessageDepth());
        assertThat(m.notes()).anyMatch(n -> n.startsWith("depth:"));
    }

    /** 50 MB of attachment must not need 50 MB of heap (the suite runs with -Xmx256m). */
    @Test
    @Timeout(60)
    void readsAHugeMessageInBoundedMemory() throws IOException {
        long size = 50L << 20;
        ParsedMessage m = reader.read(hugeMessage(size));
        assertThat(m.headers().get("Subject")).isEqualTo("huge");
        assertThat(m.sizeBytes()).isGreaterThan(size);
        assertThat(m.notes()).anyMatch(n -> n.startsWith("part: text/plain text cut"));
        assertThat(m.body().length()).isLessThanOrEqualTo(ReadLimits.defaults().maxBodyText());
    }

    @Test
    @Timeout(60)
    void stopsReadingPastTheInputLimit() throws IOException {
        ReadLimits small = new ReadLimits(1 << 20, 4096, 8192, 4, 50, 100, Duration.ofSeconds(5));
        ParsedMessage m = new MessageReader(small).read(hugeMessage(8L << 20));
        assertThat(m.notes()).anyMatch(n -> n.startsWith("input: cut at"));
        assertThat(m.sizeBytes()).isEqualTo(1 << 20);
    }

    private static InputStream hugeMessage(long bodyBytes) {
        byte[] head = "Subject: huge\nContent-Type: text/plain\n\n".getBytes(StandardCharsets.US_ASCII);
        InputStream body = new InputStream() {
            private long left = bodyBytes;

            @Override
            public int read() {
                if (left <= 0) return -1;
                left--;
                return left % 80 == 0 ? '\n' : 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) return -1;
                int n = (int) Math.min(len, left);
                for (int i = 0; i < n; i++) b[off + i] = (byte) ((left - i) % 80 == 0 ? '\n' : 'x');
                left -= n;
                return n;
            }
        };
        return new SequenceInputStream(Collections.enumeration(List.of(new java.io.ByteArrayInputStream(head), body)));
    }
}
