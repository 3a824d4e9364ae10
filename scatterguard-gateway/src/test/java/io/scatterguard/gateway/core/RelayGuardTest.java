package io.scatterguard.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.scatterguard.gateway.config.Config;
import io.scatterguard.gateway.dns.LoopbackDnsServer;
import io.scatterguard.gateway.metrics.GatewayMetrics;
import io.scatterguard.gateway.smtp.Session;
import io.scatterguard.gateway.smtp.SmtpClient;
import io.scatterguard.gateway.smtp.SmtpHandler;
import io.scatterguard.gateway.smtp.SmtpServer;
import io.scatterguard.gateway.smtp.SmtpSettings;
import io.scatterguard.mail.model.Reply;
import io.scatterguard.store.AuditEntry;
import io.scatterguard.store.AuditQuery;
import io.scatterguard.store.QuarantineQuery;
import io.scatterguard.store.QuarantinedMessage;
import io.scatterguard.store.Store;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbound guard on a running gateway, configured from YAML: mail arrives on the MX from
 * outside (127.0.0.2 and 127.0.0.3, with SPF answered by a DNS server on loopback), our users'
 * server (127.0.0.1) answers it through the relay listener, and what it may not send is held in
 * the quarantine or refused, limits answer 451, and each event reaches the event log, the audit
 * trail, the metrics and a webhook.
 */
@Timeout(120)
class RelayGuardTest {
    private static final SmtpSettings SINK = new SmtpSettings("smarthost.example.com", 1 << 20, 50, 510, 20, 500,
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ZERO);
    private static final InetAddress OUR_SERVER = loopback("127.0.0.1");
    private static final InetAddress FRIEND_HOST = loopback("127.0.0.2"); // example.net's SPF says: this one
    private static final InetAddress SPAMMER = loopback("127.0.0.3"); // SPF: ~all (softfail)

    @TempDir
    Path dir;
    private final List<String> smarthostGot = new CopyOnWriteArrayList<>();
    private final List<String> webhookGot = new CopyOnWriteArrayList<>();
    private LoopbackDnsServer dns;
    private SmtpServer smarthost;
    private HttpServer webhook;
    private Store store;
    private Gateway gateway;
    private GatewayFactory.Parts parts;
    private GatewayMetrics metrics;
    private int mxPort;
    private int relayPort;

    private static InetAddress loopback(String a) {
        try {
            return InetAddress.getByName(a);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @BeforeEach
    void start() throws Exception {
        dns = new LoopbackDnsServer().add("example.net. 60 IN TXT \"v=spf1 ip4:127.0.0.2 ~all\"");
        smarthost = new SmtpServer(new InetSocketAddress("127.0.0.1", 0), SINK, null, s -> new SmtpHandler() {
            @Override
            public Reply message(Session session, byte[] content) {
                smarthostGot.add(new String(content, StandardCharsets.UTF_8));
                return Reply.of(250, "2.0.0", "Ok: queued");
            }
        }, 50, 50);
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/hook", x -> {
            webhookGot.add(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            x.sendResponseHeaders(204, -1);
            x.close();
        });
        webhook.start();
        mxPort = freePort();
        relayPort = freePort();
        Files.writeString(dir.resolve("recipients"), "@example.com\n");
        Config c = Config.parse("""
                smtp:
                  listen: [ "127.0.0.1:%d" ]
                  greet-pause: 0s
                recipients:
                  file: %s
                data-dir: %s
                log:
                  events: %s
                spf:
                  enabled: true
                dns:
                  servers: [ "%s" ]
                relay:
                  listen: [ "127.0.0.1:%d" ]
                  networks: [ "127.0.0.1/32" ]
                  smarthost: "127.0.0.1:%d"
                ratelimit:
                  ip-messages: [ "6/1h" ]
                  distinct-senders: ""
                alerts:
                  webhook: "http://127.0.0.1:%d/hook"
                """.formatted(mxPort, dir.resolve("recipients"), dir.resolve("data"), dir.resolve("events.jsonl"),
                "127.0.0.1:" + dns.address().getPort(), relayPort, smarthost.port(), webhook.getAddress().getPort()),
                "test.yaml");
        store = Store.open(GatewayFactory.storeSettings(c));
        parts = GatewayFactory.build(c, GatewayFactory.Role.GATEWAY, store.ledger());
        metrics = new GatewayMetrics(new SimpleMeterRegistry());
        gateway = Gateway.start(parts, store.quarantine(), new AuditRecorder(store.audit(), "mx1"), metrics);
    }

    @AfterEach
    void stop() throws IOException {
        if (gateway != null) gateway.close();
        if (store != null) store.close();
        smarthost.close();
        webhook.stop(0);
        dns.close();
    }

    private SmtpClient.ServerReply send(int port, InetAddress from, String sender, String rcpt, String message)
            throws IOException {
        try (SmtpClient c = SmtpClient.connect(new InetSocketAddress("127.0.0.1", port), from, Duration.ofSeconds(10))) {
            c.command("EHLO client.example.net");
            SmtpClient.ServerReply r = c.command("MAIL FROM:<" + sender + ">");
            if (!r.positive()) return r;
            r = c.command("RCPT TO:<" + rcpt + ">");
            if (!r.positive()) return r;
            return c.data(message.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String mail(String from, String to, String id, String subject) {
        return "From: " + from + "\nTo: " + to + "\nSubject: " + subject + "\nMessage-ID: <" + id + ">\n\nHello Alice.\n";
    }

    private static String autoreply(String to, String inReplyTo) {
        return "From: Alice <alice@example.com>\nTo: " + to + "\nSubject: Out of office\nAuto-Submitted: auto-replied\n"
                + "In-Reply-To: <" + inReplyTo + ">\nMessage-ID: <ooo-" + inReplyTo + ">\n\nI am away until Monday.\n";
    }

    @Test
    void answersGoToProvenSendersOnceAndForgedOnesAreHeld() throws Exception {
        // inbound: a friend whose SPF passes, and a forged sender (softfail)
        assertThat(send(mxPort, FRIEND_HOST, "friend@example.net", "alice@example.com",
                mail("friend@example.net", "alice@example.com", "in-1@example.net", "lunch")).code()).isEqualTo(250);
        assertThat(send(mxPort, SPAMMER, "victim@example.net", "alice@example.com",
                mail("victim@example.net", "alice@example.com", "in-2@example.net", "cheap pills")).code()).isEqualTo(250);

        // alice's vacation responder answers both through the relay
        SmtpClient.ServerReply toFriend = send(relayPort, OUR_SERVER, "", "friend@example.net",
                autoreply("friend@example.net", "in-1@example.net"));
        assertThat(toFriend.code()).as(toFriend.toString()).isEqualTo(250);
        assertThat(toFriend.text()).doesNotContain("held");
        SmtpClient.ServerReply toVictim = send(relayPort, OUR_SERVER, "", "victim@example.net",
                autoreply("victim@example.net", "in-2@example.net"));
        assertThat(toVictim.code()).isEqualTo(250);
        assertThat(toVictim.text()).contains("held for review");
        // and a second autoreply to the friend within the week is held too
        SmtpClient.ServerReply again = send(relayPort, OUR_SERVER, "", "friend@example.net",
                autoreply("friend@example.net", "in-1@example.net"));
        assertThat(again.text()).contains("held for review");

        assertThat(smarthostGot).singleElement().asString().contains("To: friend@example.net");
        List<QuarantinedMessage> held = store.quarantine().list(QuarantineQuery.all()).items();
        assertThat(held).extracting(QuarantinedMessage::symbol)
                .containsExactlyInAnyOrder("OUT_AUTO_UNVERIFIED_SENDER", "OUT_AUTOREPLY_REPEAT");
        assertThat(held).allSatisfy(m -> assertThat(m.category()).isEqualTo(OutboundHandler.OUTBOUND_CATEGORY));
        assertThat(held).filteredOn(m -> m.symbol().equals("OUT_AUTO_UNVERIFIED_SENDER")).singleElement()
                .satisfies(m -> assertThat(m.reason()).contains("SPF softfail"));

        // an operator who releases the held autoreply sends it on to the smarthost, once
        long victimId = held.stream().filter(m -> m.symbol().equals("OUT_AUTO_UNVERIFIED_SENDER")).findFirst().orElseThrow().id();
        Release release = new Release(store.quarantine(), parts.backends(), "the Maildirs")
                .withSmarthost(parts.relay().smarthost(), "the smarthost");
        assertThat(release.release(victimId, "operator").releasedTo()).contains("the smarthost");
        assertThat(smarthostGot).hasSize(2).last().asString().contains("To: victim@example.net");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> release.release(victimId, "operator"))
                .isInstanceOf(io.scatterguard.store.ReleaseRefusedException.class);
        assertThat(smarthostGot).hasSize(2);

        // the decisions are on the audit trail, the alerts in the event log, the metrics and the webhook
        assertThat(store.audit().flush(Duration.ofSeconds(10))).isTrue();
        List<AuditEntry> rows = store.audit().search(AuditQuery.all()).items();
        assertThat(rows).anySatisfy(e -> assertThat(e.record().checks()).anySatisfy(
                x -> assertThat(x.symbol()).isEqualTo("OUT_AUTO_UNVERIFIED_SENDER")));
        assertThat(Files.readString(dir.resolve("events.jsonl"))).contains("\"type\":\"alert\"")
                .contains("\"symbol\":\"OUT_AUTOREPLY_REPEAT\"");
        assertThat(metrics.registry().find("scatterguard.outbound.guard.events").tag("symbol", "OUT_AUTO_UNVERIFIED_SENDER")
                .counter()).isNotNull();
        for (long end = System.nanoTime() + 10_000_000_000L; webhookGot.size() < 2 && System.nanoTime() < end; ) {
            Thread.sleep(20); // the webhook is posted in the background
        }
        assertThat(webhookGot).anySatisfy(b -> assertThat(b).contains("\"kind\":\"auto-mail\"")
                .contains("victim@example.net"));
    }

    @Test
    void theRelayLimitAnswers451AndNothingIsLost() throws Exception {
        int accepted = 0;
        SmtpClient.ServerReply last = null;
        for (int i = 0; i < 8; i++) {
            last = send(relayPort, OUR_SERVER, "alice@example.com", "partner@example.org",
                    mail("alice@example.com", "partner@example.org", "out-" + i + "@example.com", "report " + i));
            if (last.code() == 250) accepted++;
        }
        assertThat(accepted).isEqualTo(6);
        assertThat(last.code()).isEqualTo(451);
        assertThat(last.text()).contains("4.7.1").contains("ip:127.0.0.1").contains("6 messages per 1h");
        assertThat(smarthostGot).hasSize(6); // the refused ones stay with the client, which retries later
        assertThat(store.audit().flush(Duration.ofSeconds(10))).isTrue();
        // refused at the first RCPT, then abandoned by the client: on the audit trail with the guard's symbol
        List<AuditEntry> rows = AuditAwait.rows(store,
                r -> r.stream().filter(e -> e.record().stage().equals("RELAY_ABANDONED")).count() >= 2);
        assertThat(rows).filteredOn(e -> e.record().stage().equals("RELAY_ABANDONED")).hasSize(2)
                .allSatisfy(e -> {
                    assertThat(e.record().checks()).extracting(x -> x.symbol()).contains("OUT_RATE_IP");
                    assertThat(e.record().refused()).singleElement().satisfies(r -> assertThat(r.reply()).startsWith("451 4.7.1"));
                });
    }
}
