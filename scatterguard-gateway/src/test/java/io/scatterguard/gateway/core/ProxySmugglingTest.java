package io.scatterguard.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.gateway.check.builtin.RecipientDirectory;
import io.scatterguard.gateway.smtp.SmtpClient;
import io.scatterguard.gateway.smtp.SmtpSettings;
import io.scatterguard.mail.verdict.OurSide;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SMTP smuggling through the proxy, against the worst backend: one that takes a bare LF or a bare
 * CR as a line end (as many real servers did before 2024). Whatever end-of-data variant the client
 * hides in its content, the backend must never see a second transaction — so the bytes it receives
 * hold neither the smuggled envelope nor any bare CR or LF — and the client gets our refusal.
 */
@Timeout(60)
class ProxySmugglingTest {
    private ServerSocket lenient;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private Thread backendThread;
    private Gateway gateway;

    @BeforeEach
    void start() throws IOException {
        lenient = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        backendThread = Thread.ofVirtual().start(this::serveLeniently);
        OurSide us = OurSide.builder().domain("example.com").build();
        SmtpSettings smtp = new SmtpSettings("mx.example.com", 1 << 20, 50, 510, 20, 500, Duration.ofSeconds(10),
                Duration.ofSeconds(30), Duration.ZERO);
        gateway = Gateway.start(new InetSocketAddress("127.0.0.1", 0), smtp, null,
                Gateway.defaultPipeline(new RecipientDirectory(List.of("@example.com")), us), us,
                ProxyBackend.factory(new InetSocketAddress("127.0.0.1", lenient.getLocalPort()), Duration.ofSeconds(5),
                        "mx.example.com"),
                null, 50, 10);
    }

    @AfterEach
    void stop() throws IOException, InterruptedException {
        gateway.close();
        lenient.close();
        backendThread.join(5000);
    }

    /** Answers 250 to every "line" (split at LF or CR alone), 354 to DATA, and records every byte. */
    private void serveLeniently() {
        while (!lenient.isClosed()) {
            try (Socket s = lenient.accept()) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                out.write("220 lenient.example ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
                StringBuilder line = new StringBuilder();
                boolean inData = false;
                int b;
                while ((b = in.read()) >= 0) {
                    synchronized (received) {
                        received.write(b);
                    }
                    if (b != '\r' && b != '\n') {
                        line.append((char) b);
                        continue;
                    }
                    String l = line.toString();
                    line.setLength(0);
                    if (l.isEmpty() && b == '\n') continue; // the LF of a CRLF
                    String reply;
                    if (inData) {
                        if (!l.equals(".")) continue;
                        inData = false;
                        reply = "250 2.0.0 queued";
                    } else if (l.toUpperCase().startsWith("EHLO")) {
                        reply = "250-lenient.example\r\n250 PIPELINING";
                    } else if (l.equalsIgnoreCase("DATA")) {
                        inData = true;
                        reply = "354 go ahead";
                    } else if (l.equalsIgnoreCase("QUIT")) {
                        reply = "221 bye";
                    } else {
                        reply = "250 ok";
                    }
                    out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (IOException e) {
                // the gateway dropped the connection: that is the point
            }
        }
    }

    private String receivedText() {
        synchronized (received) {
            return received.toString(StandardCharsets.ISO_8859_1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n.\n", "\r.\r", "\r\n.\n", "\n.\r\n", "\r.\r\n", "\r\n.\r"})
    void noVariantOfEndOfDataSmugglesASecondMessage(String marker) throws Exception {
        String eol = marker.contains("\r\n") ? "\r\n" : marker.substring(marker.length() - 1);
        String content = "Subject: one\r\n\r\nhello" + marker + "MAIL FROM:<evil@attacker.example>" + eol
                + "RCPT TO:<victim@example.com>" + eol + "DATA" + eol + "Subject: smuggled" + eol + eol + "x" + eol
                + "." + eol + "\r\n.\r\n";
        try (SmtpClient c = SmtpClient.connect(new InetSocketAddress("127.0.0.1", gateway.port()), Duration.ofSeconds(10))) {
            c.command("EHLO client.example.net");
            assertThat(c.command("MAIL FROM:<carol@example.net>").code()).isEqualTo(250);
            assertThat(c.command("RCPT TO:<alice@example.com>").code()).isEqualTo(250);
            assertThat(c.command("DATA").code()).isEqualTo(354);
            c.raw(content.getBytes(StandardCharsets.ISO_8859_1));
            SmtpClient.ServerReply r = c.readReply();
            assertThat(r.code()).isEqualTo(550);
            assertThat(r.text()).startsWith("5.6.0");
        }
        Thread.sleep(100); // let the backend side record what it got before the gateway dropped it
        String got = receivedText();
        assertThat(got).doesNotContain("evil@attacker.example").doesNotContain("smuggled");
        assertThat(got.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
        assertThat(got).doesNotContain("\r\n.\r\n"); // the backend never got an end of data either
    }

    @Test
    void anOversizeMessageIsRefusedAndTheBackendNeverGetsItsEnd() throws Exception {
        String line = "x".repeat(998) + "\r\n";
        try (SmtpClient c = SmtpClient.connect(new InetSocketAddress("127.0.0.1", gateway.port()), Duration.ofSeconds(10))) {
            c.command("EHLO client.example.net");
            c.command("MAIL FROM:<carol@example.net>");
            c.command("RCPT TO:<alice@example.com>");
            SmtpClient.ServerReply r = c.data(("Subject: big\r\n\r\n" + line.repeat(1100)).getBytes(StandardCharsets.US_ASCII));
            assertThat(r.code()).isEqualTo(552); // the limit here is 1 MiB
            assertThat(c.command("NOOP").code()).isEqualTo(250); // the session goes on
        }
        Thread.sleep(100);
        assertThat(receivedText()).doesNotContain("\r\n.\r\n");
    }

    @Test
    void aCleanMessageStillPassesThroughTheLenientBackend() throws IOException {
        try (SmtpClient c = SmtpClient.connect(new InetSocketAddress("127.0.0.1", gateway.port()), Duration.ofSeconds(10))) {
            c.command("EHLO client.example.net");
            c.command("MAIL FROM:<carol@example.net>");
            c.command("RCPT TO:<alice@example.com>");
            assertThat(c.data("Subject: fine\r\n\r\n.dot\r\n".getBytes(StandardCharsets.US_ASCII)).code()).isEqualTo(250);
        }
        assertThat(receivedText()).contains("Subject: fine\r\n\r\n..dot\r\n.\r\n");
    }
}
