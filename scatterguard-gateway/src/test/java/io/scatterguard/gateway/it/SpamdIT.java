package io.scatterguard.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.gateway.scan.SpamdClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The spamd client against a real SpamAssassin spamd started on loopback. */
@Timeout(180)
class SpamdIT {
    private static Process spamd;
    private static InetSocketAddress address;

    @BeforeAll
    static void startSpamd() throws Exception {
        Path bin = RealServers.require("spamd", "spamassassin");
        int port = RealServers.freePort();
        Path log = Files.createTempFile("spamd", ".log");
        spamd = new ProcessBuilder(bin.toString(), "-l", "-i", "127.0.0.1", "-p", Integer.toString(port), "-u", "nobody",
                "-m", "2", "--syslog=stderr").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        address = new InetSocketAddress("127.0.0.1", port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            try {
                new SpamdClient(address, Duration.ofSeconds(30)).check("Subject: ping\r\n\r\nping\r\n".getBytes(StandardCharsets.US_ASCII));
                return;
            } catch (IOException e) {
                if (!spamd.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("spamd did not start: " + Files.readString(log), e);
                }
                Thread.sleep(500);
            }
        }
    }

    @AfterAll
    static void stopSpamd() throws InterruptedException {
        if (spamd != null) {
            spamd.destroy();
            if (!spamd.waitFor(10, TimeUnit.SECONDS)) spamd.destroyForcibly();
        }
    }

    @Test
    void gtubeIsSpamAndAPlainNoteIsNot() throws IOException {
        SpamdClient client = new SpamdClient(address, Duration.ofSeconds(60));
        SpamdClient.Result spam = client.check(("From: a@example.com\r\nTo: b@example.com\r\nSubject: test\r\n"
                + "Date: Sat, 21 Nov 2026 10:00:00 +0000\r\nMessage-ID: <gtube@example.com>\r\n\r\n"
                + "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X\r\n").getBytes(StandardCharsets.US_ASCII));
        assertThat(spam.spam()).isTrue();
        assertThat(spam.symbols()).contains("GTUBE");
        SpamdClient.Result ham = client.check(("From: a@example.com\r\nTo: b@example.com\r\nSubject: lunch\r\n"
                + "Date: Sat, 21 Nov 2026 10:00:00 +0000\r\nMessage-ID: <lunch@example.com>\r\n\r\nShall we meet at noon?\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(ham.spam()).isFalse();
        assertThat(ham.threshold()).isEqualTo(5.0);
    }
}
