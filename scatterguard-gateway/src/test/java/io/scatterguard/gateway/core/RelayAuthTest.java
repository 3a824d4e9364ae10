package io.scatterguard.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.gateway.config.Config;
import io.scatterguard.gateway.smtp.Session;
import io.scatterguard.gateway.smtp.SmtpClient;
import io.scatterguard.gateway.smtp.SmtpHandler;
import io.scatterguard.gateway.smtp.SmtpServer;
import io.scatterguard.gateway.smtp.SmtpSettings;
import io.scatterguard.mail.model.Reply;
import io.scatterguard.store.Credentials;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay listener as a submission port: clients outside relay.networks send after SMTP AUTH
 * (PLAIN or LOGIN) against relay.users-file, and the outbound guard counts them by user name.
 */
@Timeout(60)
class RelayAuthTest {
    private static final SmtpSettings SINK = new SmtpSettings("smarthost.example.com", 1 << 20, 50, 510, 20, 500,
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ZERO);

    @TempDir
    Path dir;
    private final List<String> relayed = new CopyOnWriteArrayList<>();
    private SmtpServer smarthost;
    private Gateway gateway;
    private int relayPort;

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void start(boolean withoutTls) throws Exception {
        smarthost = new SmtpServer(new InetSocketAddress("127.0.0.1", 0), SINK, null, s -> new SmtpHandler() {
            @Override
            public Reply message(Session session, byte[] content) {
                relayed.add(new String(content, StandardCharsets.UTF_8));
                return Reply.of(250, "2.0.0", "Ok: queued");
            }
        }, 50, 50);
        Files.writeString(dir.resolve("recipients"), "@example.com\n");
        Files.writeString(dir.resolve("users"), "# relay users\nAlice:" + Credentials.hashPassword("alice's secret".toCharArray())
                + "\n");
        relayPort = freePort();
        Config c = Config.parse("""
                smtp:
                  listen: [ "127.0.0.1:%d" ]
                  greet-pause: 0s
                recipients.file: %s
                data-dir: %s
                log.events: %s
                relay:
                  listen: [ "127.0.0.1:%d" ]
                  networks: [ "192.0.2.0/24" ]
                  smarthost: "127.0.0.1:%d"
                  users-file: %s
                  auth-without-tls: %s
                ratelimit:
                  user-messages: [ "2/1h" ]
                  ip-messages: []
                  distinct-senders: ""
                """.formatted(freePort(), dir.resolve("recipients"), dir.resolve("data"), dir.resolve("events.jsonl"), relayPort,
                smarthost.port(), dir.resolve("users"), withoutTls), "auth.yaml");
        gateway = Gateway.start(GatewayFactory.build(c));
    }

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) gateway.close();
        if (smarthost != null) smarthost.close();
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private SmtpClient connect() throws Exception {
        SmtpClient c = SmtpClient.connect(new InetSocketAddress("127.0.0.1", relayPort), Duration.ofSeconds(10));
        assertThat(c.greeting().code()).isEqualTo(220);
        return c;
    }

    private static byte[] message(int i) {
        return ("From: alice@example.com\r\nTo: bob@example.org\r\nSubject: " + i + "\r\nMessage-ID: <auth-" + i
                + "@example.com>\r\n\r\nhi\r\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void outsideTheNetworksOnlyAuthenticatedUsersSendAndTheirLimitHolds() throws Exception {
        start(true);
        try (SmtpClient c = connect()) {
            assertThat(c.command("EHLO laptop.example.net").lines()).contains("AUTH PLAIN LOGIN");
            assertThat(c.command("MAIL FROM:<alice@example.com>").toString()).startsWith("530 5.7.0");
            assertThat(c.command("AUTH PLAIN " + b64("\0alice\0wrong")).toString()).startsWith("535 5.7.8");
            assertThat(c.command("AUTH PLAIN " + b64("\0nobody\0alice's secret")).toString()).startsWith("535 5.7.8");
            assertThat(c.command("AUTH PLAIN " + b64("\0ALICE\0alice's secret")).toString()).startsWith("235 2.7.0");
            assertThat(c.command("AUTH PLAIN " + b64("\0alice\0alice's secret")).code()).isEqualTo(503);
            for (int i = 0; i < 2; i++) {
                assertThat(c.command("MAIL FROM:<alice@example.com>").code()).isEqualTo(250);
                assertThat(c.command("RCPT TO:<bob@example.org>").code()).isEqualTo(250);
                assertThat(c.data(message(i)).code()).isEqualTo(250);
            }
            assertThat(c.command("MAIL FROM:<alice@example.com>").code()).isEqualTo(250);
            SmtpClient.ServerReply limited = c.command("RCPT TO:<bob@example.org>");
            assertThat(limited.toString()).startsWith("451 4.7.1").contains("user:alice").contains("2 messages per 1h");
        }
        assertThat(relayed).hasSize(2);
        // AUTH LOGIN, the other mechanism mail clients use, with the same user's limit already spent
        try (SmtpClient c = connect()) {
            c.command("EHLO laptop.example.net");
            assertThat(c.command("AUTH LOGIN").toString()).isEqualTo("334 VXNlcm5hbWU6");
            assertThat(c.command(b64("alice")).toString()).isEqualTo("334 UGFzc3dvcmQ6");
            assertThat(c.command(b64("alice's secret")).code()).isEqualTo(235);
            c.command("MAIL FROM:<alice@example.com>");
            assertThat(c.command("RCPT TO:<bob@example.org>").code()).isEqualTo(451);
        }
        // a cancelled exchange, bad base64 and an unknown mechanism are refused, not crashes
        try (SmtpClient c = connect()) {
            c.command("EHLO laptop.example.net");
            assertThat(c.command("AUTH PLAIN").code()).isEqualTo(334); // "334 " and an empty challenge
            assertThat(c.command("*").code()).isEqualTo(501);
            assertThat(c.command("AUTH PLAIN !!!").code()).isEqualTo(501);
            assertThat(c.command("AUTH CRAM-MD5").code()).isEqualTo(504);
            assertThat(c.command("QUIT").code()).isEqualTo(221);
        }
    }

    @Test
    void withoutTlsAuthIsNeitherOfferedNorAccepted() throws Exception {
        start(false);
        try (SmtpClient c = connect()) {
            assertThat(c.command("EHLO laptop.example.net").lines()).noneMatch(l -> l.contains("AUTH"));
            assertThat(c.command("AUTH PLAIN " + b64("\0alice\0alice's secret")).toString()).startsWith("538 5.7.11");
            assertThat(c.command("MAIL FROM:<alice@example.com>").code()).isEqualTo(530);
        }
        assertThat(relayed).isEmpty();
    }
}
