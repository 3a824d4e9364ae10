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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The proxy's backend sessions: cached between client connections only when no transaction is
 * open, replaced when the backend dropped them, and the deferred answers to MAIL and DATA still
 * reaching the client during its transaction.
 */
@Timeout(60)
class BackendConnectionsTest {
    private final List<String> backendGot = new CopyOnWriteArrayList<>();
    private final AtomicInteger backendSessions = new AtomicInteger();
    private SmtpServer backend;
    private Gateway gateway;
    private BackendConnections connections;

    /** A backend that refuses the sender "refused@…" at MAIL and the recipient "nodata@…" at DATA. */
    private final SmtpHandler.Factory backendUsers = session -> new SmtpHandler() {
        @Override
        public Optional<Reply> connect(Session s) {
            backendSessions.incrementAndGet();
            return Optional.empty();
        }

        @Override
        public Optional<Reply> mail(Session s, String sender) {
            return sender.startsWith("refused@") ? Optional.of(Reply.of(553, "5.7.1", "backend: sender refused"))
                    : Optional.empty();
        }

        @Override
        public Optional<Reply> data(Session s) {
            return s.recipients().contains("nodata@example.com")
                    ? Optional.of(Reply.of(554, "5.5.0", "backend: no content for you")) : Optional.empty();
        }

        @Override
        public Reply message(Session s, byte[] content) {
            backendGot.add(new String(content, StandardCharsets.UTF_8));
            return Reply.of(250, "2.0.0", "Ok: queued");
        }
    };

    private void start(Duration backendIdle, int cache, int reuseLimit) throws IOException {
        start(0, backendIdle, cache, reuseLimit);
    }

    private void start(int backendPort, Duration backendIdle, int cache, int reuseLimit) throws IOException {
        SmtpSettings be = new SmtpSettings("backend.example.com", 1 << 20, 50, 510, 20, 500, backendIdle,
                Duration.ofSeconds(30), Duration.ZERO);
        backend = new SmtpServer(new InetSocketAddress("127.0.0.1", backendPort), be, null, backendUsers, 50, 50);
        if (gateway != null) return;
        OurSide us = OurSide.builder().domain("example.com").build();
        SmtpSettings smtp = new SmtpSettings("mx.example.com", 1 << 20, 50, 510, 20, 500, Duration.ofSeconds(10),
                Duration.ofSeconds(30), Duration.ZERO);
        connections = new BackendConnections(new InetSocketAddress("127.0.0.1", backend.port()),
                Duration.ofSeconds(5), "mx.example.com", cache, Duration.ofSeconds(30), reuseLimit);
        gateway = Gateway.start(new InetSocketAddress("127.0.0.1", 0), smtp, null,
                Gateway.defaultPipeline(new RecipientDirectory(List.of("@example.com")), us), us,
                ProxyBackend.factory(connections), null, 50, 10);
    }

    /** Binds again once the old sessions on that port are gone (they close asynchronously). */
    private void restartOn(int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            try {
                start(port, Duration.ofSeconds(30), 4, 100);
                return;
            } catch (java.net.BindException busy) {
                if (System.nanoTime() > deadline) throw busy;
                Thread.sleep(50);
            }
        }
    }

    @AfterEach
    void stop() throws IOException {
        if (gateway != null) gateway.close();
        if (backend != null) backend.close();
    }

    /** One client connection with one message; returns the final reply. */
    private SmtpClient.ServerReply send(String sender, String recipient, String subject) throws IOException {
        try (SmtpClient c = SmtpClient.connect(new InetSocketAddress("127.0.0.1", gateway.port()), Duration.ofSeconds(10))) {
            c.command("EHLO client.example.net");
            assertThat(c.command("MAIL FROM:<" + sender + ">").code()).isEqualTo(250);
            SmtpClient.ServerReply rcpt = c.command("RCPT TO:<" + recipient + ">");
            if (!rcpt.positive()) return rcpt;
            SmtpClient.ServerReply r = c.data(("Subject: " + subject + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.UTF_8));
            c.command("QUIT");
            return r;
        } finally {
            awaitSettled();
        }
    }

    /** The gateway hands the backend session back after the client's QUIT; the next client may be faster. */
    private void awaitSettled() throws IOException {
        long deadline = System.nanoTime() + Duration.ofMillis(500).toNanos();
        try {
            while (connections.idleCount() == 0 && System.nanoTime() < deadline) Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Test
    void oneCachedBackendSessionCarriesTheNextClientsMessage() throws IOException {
        start(Duration.ofSeconds(30), 4, 100);
        assertThat(send("carol@example.net", "alice@example.com", "one").code()).isEqualTo(250);
        assertThat(send("dave@example.net", "bob@example.com", "two").code()).isEqualTo(250);
        assertThat(backendGot).hasSize(2);
        assertThat(backendSessions.get()).isEqualTo(1);
    }

    @Test
    void withoutACacheEveryClientGetsItsOwnBackendSession() throws IOException {
        start(Duration.ofSeconds(30), 0, 100);
        send("carol@example.net", "alice@example.com", "one");
        send("dave@example.net", "bob@example.com", "two");
        assertThat(backendGot).hasSize(2);
        assertThat(backendSessions.get()).isEqualTo(2);
    }

    @Test
    void aSessionIsRetiredAfterItsReuseLimit() throws IOException {
        start(Duration.ofSeconds(30), 4, 2);
        for (int i = 0; i < 3; i++) assertThat(send("carol@example.net", "alice@example.com", "n" + i).code()).isEqualTo(250);
        assertThat(backendSessions.get()).isEqualTo(2);
    }

    @Test
    void aSessionTheBackendTimedOutIsReplaced() throws Exception {
        start(Duration.ofMillis(300), 4, 100); // the backend says 421 and closes idle sessions quickly
        assertThat(send("carol@example.net", "alice@example.com", "one").code()).isEqualTo(250);
        Thread.sleep(800);
        assertThat(send("dave@example.net", "bob@example.com", "two").code()).isEqualTo(250);
        assertThat(backendGot).hasSize(2);
        assertThat(backendSessions.get()).isEqualTo(2);
    }

    @Test
    void aSessionTheBackendDroppedSilentlyIsReplacedWithoutTheClientNoticing() throws Exception {
        start(Duration.ofSeconds(30), 4, 100);
        assertThat(send("carol@example.net", "alice@example.com", "one").code()).isEqualTo(250);
        int port = backend.port();
        backend.close(); // kills the cached session's socket without a word
        restartOn(port); // the backend comes back on the same address
        assertThat(send("dave@example.net", "bob@example.com", "two").code()).isEqualTo(250);
        assertThat(backendGot).hasSize(2);
    }

    @Test
    void aBackendRefusalOfTheSenderIsTheAnswerToRcpt() throws IOException {
        start(Duration.ofSeconds(30), 4, 100);
        SmtpClient.ServerReply r = send("refused@example.net", "alice@example.com", "x");
        assertThat(r.code()).isEqualTo(553);
        assertThat(r.text()).isEqualTo("5.7.1 backend: sender refused");
        // the refused transaction left the backend session clean: it serves the next client
        assertThat(send("carol@example.net", "alice@example.com", "after").code()).isEqualTo(250);
        assertThat(backendSessions.get()).isEqualTo(1);
    }

    @Test
    void aBackendRefusalOfDataIsTheFinalAnswerAndNoContentReachesIt() throws IOException {
        start(Duration.ofSeconds(30), 4, 100);
        SmtpClient.ServerReply r = send("carol@example.net", "nodata@example.com", "x");
        assertThat(r.code()).isEqualTo(554);
        assertThat(r.text()).isEqualTo("5.5.0 backend: no content for you");
        assertThat(backendGot).isEmpty();
        // that session still had a transaction open, so it was closed rather than cached
        assertThat(send("carol@example.net", "alice@example.com", "after").code()).isEqualTo(250);
        assertThat(backendSessions.get()).isEqualTo(2);
        assertThat(backendGot).singleElement().asString().contains("Subject: after");
    }
}
