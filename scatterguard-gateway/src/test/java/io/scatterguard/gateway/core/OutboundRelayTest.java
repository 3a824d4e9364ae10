package io.scatterguard.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.gateway.check.builtin.AllowList;
import io.scatterguard.gateway.check.builtin.RecipientDirectory;
import io.scatterguard.gateway.smtp.Session;
import io.scatterguard.gateway.smtp.SmtpClient;
import io.scatterguard.gateway.smtp.SmtpHandler;
import io.scatterguard.gateway.smtp.SmtpServer;
import io.scatterguard.gateway.smtp.SmtpSettings;
import io.scatterguard.mail.batv.BatvKeyring;
import io.scatterguard.mail.batv.BatvSigner;
import io.scatterguard.mail.batv.BatvVerifier;
import io.scatterguard.mail.model.Reply;
import io.scatterguard.mail.verdict.InMemoryOutboundLedger;
import io.scatterguard.mail.verdict.OurSide;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Outbound relay: BATV-signed envelope senders, the ledger filled, and inbound bounces to that mail accepted. */
@Timeout(60)
class OutboundRelayTest {
    private static final SmtpSettings QUICK = new SmtpSettings("relay.example.com", 1 << 20, 50, 510, 20, 500,
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ZERO);
    private final List<String> smarthostSenders = new CopyOnWriteArrayList<>();
    private final InMemoryOutboundLedger ledger = new InMemoryOutboundLedger(10_000, Duration.ofDays(30));
    private final BatvKeyring keys = BatvKeyring.single(1, "relay-secret");
    private SmtpServer smarthost;
    private SmtpServer relay;
    private Gateway inbound;

    @BeforeEach
    void start() throws IOException {
        smarthost = new SmtpServer(new InetSocketAddress("127.0.0.1", 0), QUICK, null, s -> new SmtpHandler() {
            @Override
            public Optional<Reply> mail(Session session, String sender) {
                smarthostSenders.add(sender);
                return Optional.empty();
            }

            @Override
            public Reply message(Session session, byte[] content) {
                return Reply.of(250, "2.0.0", "Ok: queued");
            }
        }, 50, 50);
        relay = relayAllowing("127.0.0.0/8");
        OurSide us = OurSide.builder().domain("example.com").batv(new BatvVerifier(keys)).ledger(ledger).build();
        inbound = Gateway.start(new InetSocketAddress("127.0.0.1", 0), QUICK, null,
                Gateway.defaultPipeline(new RecipientDirectory(List.of("alice@example.com")), us), us,
                new MaildirTarget(new io.scatterguard.gateway.deliver.MaildirDelivery(
                        java.nio.file.Files.createTempDirectory("relay-test"), "mx")), null, 50, 10);
    }

    private SmtpServer relayAllowing(String network) throws IOException {
        return new SmtpServer(new InetSocketAddress("127.0.0.1", 0), QUICK, null, s -> new OutboundHandler(
                new AllowList(List.of(network)), new BatvSigner(keys), (id, sender) -> ledger.record(id),
                new ProxyBackend(new InetSocketAddress("127.0.0.1", smarthost.port()), Duration.ofSeconds(5), "relay.example.com")),
                50, 50);
    }

    @AfterEach
    void stop() throws IOException {
        relay.close();
        smarthost.close();
        inbound.close();
    }

    @Test
    void outboundMailIsSignedRecordedAndItsBounceAccepted() throws IOException {
        try (SmtpClient c = SmtpClient.connect(new InetSocketAddress("127.0.0.1", relay.port()), Duration.ofSeconds(10))) {
            c.command("EHLO workstation.example.com");
            assertThat(c.command("MAIL FROM:<alice@example.com>").code()).isEqualTo(250);
            assertThat(c.command("RCPT TO:<typo@partner.example.org>").code()).isEqualTo(250);
            assertThat(c.data("From: alice@example.com\r\nMessage-ID: <out-42@example.com>\r\nSubject: offer\r\n\r\nhi\r\n"
                    .getBytes(StandardCharsets.UTF_8)).code()).isEqualTo(250);
        }
        assertThat(smarthostSenders).singleElement().asString().matches("prvs=1\\d{3}[0-9a-f]{6}=alice@example.com");
        assertThat(ledger.contains("<out-42@example.com>")).isTrue();

        // The remote side bounces it to the signed address, quoting our Message-ID: it answers our mail.
        try (SmtpClient c = SmtpClient.connect(new InetSocketAddress("127.0.0.1", inbound.port()), Duration.ofSeconds(10))) {
            c.command("EHLO mx.partner.example.org");
            c.command("MAIL FROM:<>");
            assertThat(c.command("RCPT TO:<" + smarthostSenders.get(0) + ">").code()).isEqualTo(250);
            SmtpClient.ServerReply r = c.data(("From: MAILER-DAEMON@mx.partner.example.org\r\nSubject: Undelivered Mail Returned"
                    + " to Sender\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n--b\r\n"
                    + "Content-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.partner.example.org\r\n\r\n"
                    + "Final-Recipient: rfc822; typo@partner.example.org\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n--b\r\n"
                    + "Content-Type: text/rfc822-headers\r\n\r\nMessage-ID: <out-42@example.com>\r\nFrom: alice@example.com\r\n"
                    + "\r\n--b--\r\n").getBytes(StandardCharsets.UTF_8));
            assertThat(r.code()).as(r.toString()).isEqualTo(250);
        }
    }

    @Test
    void clientsOutsideTheRelayNetworksAreRefused() throws IOException {
        relay.close();
        relay = relayAllowing("10.0.0.0/8");
        try (SmtpClient c = SmtpClient.connect(new InetSocketAddress("127.0.0.1", relay.port()), Duration.ofSeconds(10))) {
            assertThat(c.greeting().code()).isEqualTo(554);
            assertThat(c.greeting().text()).contains("Relay access denied");
        }
        assertThat(smarthostSenders).isEmpty();
    }
}
