package io.scatterguard.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.gateway.check.builtin.RecipientDirectory;
import io.scatterguard.gateway.core.Gateway;
import io.scatterguard.gateway.core.ProxyBackend;
import io.scatterguard.gateway.smtp.SmtpSettings;
import io.scatterguard.mail.verdict.OurSide;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Proxy mode between real peers: the swaks client talks to the gateway, which relays to Postfix's
 * smtp-sink as the backend. The backend's own final reply reaches swaks; backscatter is refused by
 * the gateway before the final dot would have been sent.
 */
@Timeout(120)
class ProxyToSmtpSinkIT {
    private static Process sink;
    private static Gateway gateway;
    private static Path swaks;

    @BeforeAll
    static void start() throws Exception {
        Path smtpSink = RealServers.require("smtp-sink", "postfix");
        swaks = RealServers.require("swaks", "swaks");
        int sinkPort = RealServers.freePort();
        sink = new ProcessBuilder(smtpSink.toString(), "-u", "nobody", "127.0.0.1:" + sinkPort, "100")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        for (int i = 0; i < 100; i++) {
            try (Socket s = new Socket("127.0.0.1", sinkPort)) {
                break;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        OurSide us = OurSide.builder().domain("example.com").build();
        SmtpSettings smtp = new SmtpSettings("mx.example.com", 10 << 20, 100, 510, 20, 1000, Duration.ofSeconds(30),
                Duration.ofMinutes(5), Duration.ZERO);
        gateway = Gateway.start(new InetSocketAddress("127.0.0.1", 0), smtp, null,
                Gateway.defaultPipeline(new RecipientDirectory(List.of("alice@example.com")), us), us,
                ProxyBackend.factory(new InetSocketAddress("127.0.0.1", sinkPort), Duration.ofSeconds(30), "mx.example.com"),
                null, 100, 50);
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) gateway.close();
        if (sink != null) {
            sink.destroy();
            sink.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String swaks(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(swaks.toString(), "--server", "127.0.0.1", "--port",
                Integer.toString(gateway.port()), "--helo", "client.example.net"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
        return out;
    }

    @Test
    void ordinaryMailGetsTheBackendsAnswer() throws Exception {
        String t = swaks("--from", "carol@example.net", "--to", "alice@example.com", "--header", "Subject: hello",
                "--body", "Lunch?");
        assertThat(t).contains("<-  250").contains("<-  354");
        assertThat(t).doesNotContain("<** ");
    }

    @Test
    void unknownUserIsRefusedAtRcpt() throws Exception {
        String t = swaks("--from", "carol@example.net", "--to", "nobody@example.com");
        assertThat(t).contains("<** 550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown");
    }

    @Test
    void forgedBounceIsRefusedByTheGateway() throws Exception {
        Path body = Files.createTempFile("bounce", ".eml");
        Files.writeString(body, """
                From: MAILER-DAEMON@mx.other.example.net (Mail Delivery System)
                To: alice@example.com
                Subject: Undelivered Mail Returned to Sender
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="b"

                --b
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.other.example.net

                Final-Recipient: rfc822; sales@other.example.net
                Action: failed
                Status: 5.1.1

                --b--
                """.replace("\n", "\r\n"));
        String t = swaks("--from", "<>", "--to", "alice@example.com", "--data", "@" + body);
        assertThat(t).contains("<** 550 5.7.1 This dsn does not answer mail we sent");
    }
}
