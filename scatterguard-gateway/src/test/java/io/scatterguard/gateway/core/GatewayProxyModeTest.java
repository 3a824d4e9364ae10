package io.scatterguard.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.gateway.check.builtin.RecipientDirectory;
import io.scatterguard.gateway.smtp.Session;
import io.scatterguard.gateway.smtp.SmtpClient;
import io.scatterguard.gateway.smtp.SmtpHandler;
import io.scatterguard.gateway.smtp.SmtpServer;
import io.scatterguard.gateway.smtp.SmtpSettings;
import io.scatterguard.mail.model.Reply;
import io.scatterguard.mail.verdict.OurSide;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Proxy mode against a backend MTA on loopback (a Scatterguard SMTP server with a recording handler
 * that knows its own users): the backend's answers reach the client live, our refusals never let
 * a message reach the backend, and a backend that is down means 4xx.
 */
@Timeout(60)
class GatewayProxyModeTest {
    private final List<String> backendGot = new CopyOnWriteArrayList<>();
    private final AtomicInteger queueIds = new AtomicInteger();
    private SmtpServer backend;
    private Gateway gateway;

    private final SmtpHandler.Factory backendUsers = session -> new SmtpHandler() {
        @Override
        public Optional<Reply> rcpt(Session s, String r) {
            return r.equals("alice@example.com") || r.equals("bob@example.com") ? Optional.empty()
                    : Optional.of(Reply.of(550, "5.1.1", "<" + r + ">: backend: no such user here"));
        }

        @Override
        public Reply message(Session s, byte[] content) {
            String text = new String(content, StandardCharsets.UTF_8);
            if (text.contains("Subject: reject me")) return Reply.of(554, "5.7.0", "backend content policy says no");
            backendGot.add(text);
            return Reply.of(250, "2.0.0", "Ok: queued as BACKEND-" + queueIds.incrementAndGet());
        }
    };

    @BeforeEach
    void start() throws IOException {
        SmtpSettings quick = new SmtpSettings("backend.example.com", 1 << 20, 50, 510, 20, 500, Duration.ofSeconds(10),
                Duration.ofSeconds(30), Duration.ZERO);
        backend = new SmtpServer(new InetSocketAddress("127.0.0.1", 0), quick, null, backendUsers, 50, 50);
        gateway = startGateway(backend.port());
    }

    private Gateway startGateway(int backendPort) throws IOException {
        OurSide us = OurSide.builder().domain("example.com").build();
        RecipientDirectory everyone = new RecipientDirectory(List.of("@example.com"));
        SmtpSettings smtp = new SmtpSettings("mx.example.com", 1 << 20, 50, 510, 20, 500, Duration.ofSeconds(10),
                Duration.ofSeconds(30), Duration.ZERO);
        return Gateway.start(new InetSocketAddress("127.0.0.1", 0), smtp, null, Gateway.defaultPipeline(everyone, us), us,
                ProxyBackend.factory(new InetSocketAddress("127.0.0.1", backendPort), Duration.ofSeconds(5), "mx.example.com"),
                null, 50, 10);
    }

    @AfterEach
    void stop() throws IOException {
        gateway.close();
        backend.close();
    }

    private SmtpClient client(Gateway g) throws IOException {
        SmtpClient c = SmtpClient.connect(new InetSocketAddress("127.0.0.1", g.port()), Duration.ofSeconds(10));
        c.command("EHLO client.example.net");
        return c;
    }

    @Test
    void theBackendsFinalAnswerIsTheClientsAnswer() throws IOException {
        try (SmtpClient c = client(gateway)) {
            assertThat(c.command("MAIL FROM:<carol@example.net>").code()).isEqualTo(250);
            assertThat(c.command("RCPT TO:<alice@example.com>").code()).isEqualTo(250);
            SmtpClient.ServerReply r = c.data("Subject: hi\r\n\r\n.leading dot survives\r\nbye\r\n".getBytes(StandardCharsets.UTF_8));
            assertThat(r.code()).isEqualTo(250);
            assertThat(r.text()).contains("queued as BACKEND-1");
        }
        assertThat(backendGot).containsExactly("Subject: hi\r\n\r\n.leading dot survives\r\nbye\r\n");
    }

    @Test
    void backendRefusalsAtRcptReachTheClientLive() throws IOException {
        try (SmtpClient c = client(gateway)) {
            c.command("MAIL FROM:<carol@example.net>");
            SmtpClient.ServerReply r = c.command("RCPT TO:<ghost@example.com>");
            assertThat(r.code()).isEqualTo(550);
            assertThat(r.text()).isEqualTo("5.1.1 <ghost@example.com>: backend: no such user here");
            assertThat(c.command("RCPT TO:<bob@example.com>").code()).isEqualTo(250);
        }
    }

    @Test
    void ourRefusalMeansTheBackendNeverGetsTheMessage() throws IOException {
        try (SmtpClient c = client(gateway)) {
            c.command("MAIL FROM:<>");
            c.command("RCPT TO:<alice@example.com>");
            SmtpClient.ServerReply r = c.data(("From: MAILER-DAEMON@mx.other.example.net\r\nSubject: Undelivered Mail Returned to "
                    + "Sender\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n--b\r\n"
                    + "Content-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.other.example.net\r\n\r\n"
                    + "Final-Recipient: rfc822; x@other.example.net\r\nAction: failed\r\nStatus: 5.1.1\r\n--b--\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(r.code()).isEqualTo(550);
            assertThat(r.text()).contains("does not answer mail we sent");
            // The same client connection goes on working with a fresh backend transaction.
            c.command("MAIL FROM:<carol@example.net>");
            c.command("RCPT TO:<bob@example.com>");
            assertThat(c.data("Subject: after\r\n\r\nok\r\n".getBytes(StandardCharsets.UTF_8)).code()).isEqualTo(250);
        }
        assertThat(backendGot).singleElement().asString().contains("Subject: after");
    }

    @Test
    void backendContentRefusalIsRelayed() throws IOException {
        try (SmtpClient c = client(gateway)) {
            c.command("MAIL FROM:<carol@example.net>");
            c.command("RCPT TO:<alice@example.com>");
            SmtpClient.ServerReply r = c.data("Subject: reject me\r\n\r\nx\r\n".getBytes(StandardCharsets.UTF_8));
            assertThat(r.code()).isEqualTo(554);
            assertThat(r.text()).isEqualTo("5.7.0 backend content policy says no");
        }
        assertThat(backendGot).isEmpty();
    }

    @Test
    void backendDownMeans451NeverAcceptance() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (Gateway orphan = startGateway(closedPort); SmtpClient c = client(orphan)) {
            SmtpClient.ServerReply r = c.command("MAIL FROM:<carol@example.net>");
            assertThat(r.code()).isEqualTo(451);
            assertThat(r.text()).startsWith("4.4.1");
        }
    }
}
