package io.scatterguard.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.gateway.check.CheckChain;
import io.scatterguard.gateway.check.Mode;
import io.scatterguard.gateway.check.builtin.ContentScanCheck;
import io.scatterguard.gateway.check.builtin.RecipientDirectory;
import io.scatterguard.gateway.core.Gateway;
import io.scatterguard.gateway.core.MaildirTarget;
import io.scatterguard.gateway.deliver.MaildirDelivery;
import io.scatterguard.gateway.scan.ClamdClient;
import io.scatterguard.gateway.smtp.SmtpClient;
import io.scatterguard.gateway.smtp.SmtpSettings;
import io.scatterguard.mail.verdict.OurSide;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clamd client and the gateway's virus check against a real ClamAV clamd on loopback. Without
 * network there are no official signatures, so clamd runs on a signature database of our own: one
 * body signature for the EICAR test string (the standard harmless test file).
 */
@Timeout(120)
class ClamdIT {
    /** The EICAR test string, assembled so this source file itself is not a "virus" to scanners. */
    private static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

    private static Process clamd;
    private static InetSocketAddress address;
    private static Path dir;

    @BeforeAll
    static void startClamd() throws Exception {
        Path bin = RealServers.require("clamd", "clamav-daemon");
        dir = Files.createTempDirectory("clamd");
        Files.createDirectories(dir.resolve("db"));
        Files.writeString(dir.resolve("db/scatterguard-test.ndb"),
                "Scatterguard.Test.Eicar:0:*:" + HexFormat.of().formatHex(EICAR.getBytes(StandardCharsets.US_ASCII)) + "\n");
        int port = RealServers.freePort();
        Files.writeString(dir.resolve("clamd.conf"), String.join("\n",
                "DatabaseDirectory " + dir.resolve("db"),
                "TCPSocket " + port,
                "TCPAddr 127.0.0.1",
                "Foreground yes",
                "LogFile " + dir.resolve("clamd.log"),
                "StreamMaxLength 10M",
                "") + ("root".equals(System.getProperty("user.name")) ? "User root\n" : ""));
        Path out = dir.resolve("out.log");
        clamd = new ProcessBuilder(bin.toString(), "-c", dir.resolve("clamd.conf").toString()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        address = new InetSocketAddress("127.0.0.1", port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                new ClamdClient(address, Duration.ofSeconds(10)).scan("ping".getBytes(StandardCharsets.US_ASCII));
                return;
            } catch (IOException e) {
                if (!clamd.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("clamd did not start: " + Files.readString(out), e);
                }
                Thread.sleep(250);
            }
        }
    }

    @AfterAll
    static void stopClamd() throws InterruptedException {
        if (clamd != null) {
            clamd.destroy();
            if (!clamd.waitFor(10, TimeUnit.SECONDS)) clamd.destroyForcibly();
        }
    }

    private static String infectedMessage() {
        // the test string inside a base64 attachment: clamd must decode the MIME structure to find it
        String b64 = Base64.getMimeEncoder().encodeToString(EICAR.getBytes(StandardCharsets.US_ASCII));
        return "From: carol@example.net\r\nTo: alice@example.com\r\nSubject: invoice\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n"
                + "--b\r\nContent-Type: application/octet-stream; name=invoice.com\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + b64 + "\r\n--b--\r\n";
    }

    @Test
    void theClientTellsCleanFromInfected() throws IOException {
        ClamdClient client = new ClamdClient(address, Duration.ofSeconds(30));
        assertThat(client.scan("Subject: lunch\r\n\r\nShall we meet at noon?\r\n".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(client.scan(infectedMessage().getBytes(StandardCharsets.US_ASCII)))
                .hasValueSatisfying(name -> assertThat(name).startsWith("Scatterguard.Test.Eicar"));
    }

    private static Gateway gatewayScanningWith(InetSocketAddress clamdAddress, Path maildirs) throws IOException {
        OurSide us = OurSide.builder().domain("example.com").build();
        SmtpSettings smtp = new SmtpSettings("mx.example.com", 1 << 20, 50, 510, 20, 500, Duration.ofSeconds(10),
                Duration.ofSeconds(30), Duration.ZERO);
        var scanner = List.of(new CheckChain.Entry<>(
                ContentScanCheck.clamd(new ClamdClient(clamdAddress, Duration.ofSeconds(30))), Mode.ENFORCE));
        return Gateway.start(new InetSocketAddress("127.0.0.1", 0), smtp, null,
                Gateway.defaultPipeline(new RecipientDirectory(List.of("@example.com")), us, List.of(), List.of(), scanner), us,
                new MaildirTarget(new MaildirDelivery(maildirs, "mx.example.com")), null, 50, 10);
    }

    private static List<Path> delivered(Path maildirs) throws IOException {
        try (Stream<Path> files = Files.walk(maildirs)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void theGatewayRefusesAnInfectedMessageDuringTheTransaction(@TempDir Path maildirs) throws IOException {
        try (Gateway g = gatewayScanningWith(address, maildirs);
                SmtpClient c = SmtpClient.connect(new InetSocketAddress("127.0.0.1", g.port()), Duration.ofSeconds(30))) {
            c.command("EHLO client.example.net");
            c.command("MAIL FROM:<carol@example.net>");
            c.command("RCPT TO:<alice@example.com>");
            SmtpClient.ServerReply r = c.data(infectedMessage().getBytes(StandardCharsets.US_ASCII));
            assertThat(r.code()).isEqualTo(554);
            assertThat(r.text()).contains("Virus found (Scatterguard.Test.Eicar");
            c.command("MAIL FROM:<carol@example.net>");
            c.command("RCPT TO:<alice@example.com>");
            assertThat(c.data("Subject: lunch\r\n\r\nnoon?\r\n".getBytes(StandardCharsets.US_ASCII)).code()).isEqualTo(250);
        }
        List<Path> delivered = delivered(maildirs);
        assertThat(delivered).hasSize(1); // only the clean one: the infected message was never accepted
        assertThat(Files.readString(delivered.get(0))).contains("Subject: lunch");
    }

    @Test
    void aScannerThatIsDownMeansTryAgainLaterNeverAcceptance(@TempDir Path maildirs) throws IOException {
        InetSocketAddress nobody = new InetSocketAddress("127.0.0.1", RealServers.freePort());
        try (Gateway g = gatewayScanningWith(nobody, maildirs);
                SmtpClient c = SmtpClient.connect(new InetSocketAddress("127.0.0.1", g.port()), Duration.ofSeconds(30))) {
            c.command("EHLO client.example.net");
            c.command("MAIL FROM:<carol@example.net>");
            c.command("RCPT TO:<alice@example.com>");
            SmtpClient.ServerReply r = c.data("Subject: lunch\r\n\r\nnoon?\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(r.code()).isEqualTo(451);
        }
        assertThat(delivered(maildirs)).isEmpty();
    }
}
