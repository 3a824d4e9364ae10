package io.scatterguard.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.gateway.dns.LoopbackDnsServer;
import io.scatterguard.gateway.it.PrivateRedis;
import io.scatterguard.gateway.it.RealServers;
import io.scatterguard.gateway.smtp.Session;
import io.scatterguard.gateway.smtp.SmtpClient;
import io.scatterguard.gateway.smtp.SmtpHandler;
import io.scatterguard.gateway.smtp.SmtpServer;
import io.scatterguard.gateway.smtp.SmtpSettings;
import io.scatterguard.mail.model.Reply;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateway nodes — two `scatterguard serve` processes from the packaged jar, each with its own
 * store — share one real Redis for the outbound guard: a sender domain's limit holds across both,
 * and what one node learned about arriving mail, and the autoreply it let out, the other knows.
 */
@Timeout(180)
class TwoNodeGuardIT {
    private static final SmtpSettings SINK = new SmtpSettings("smarthost.example.com", 1 << 20, 50, 510, 20, 500,
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ZERO);

    @TempDir
    Path dir;
    private PrivateRedis redis;
    private LoopbackDnsServer dns;
    private SmtpServer smarthost;
    private final List<String> relayed = new CopyOnWriteArrayList<>();
    private final List<Process> nodes = new ArrayList<>();
    private final List<int[]> ports = new ArrayList<>(); // {mx, relay} per node

    @BeforeEach
    void start() throws Exception {
        redis = PrivateRedis.start();
        dns = new LoopbackDnsServer().add("example.net. 60 IN TXT \"v=spf1 ip4:127.0.0.2 -all\"");
        smarthost = new SmtpServer(new InetSocketAddress("127.0.0.1", 0), SINK, null, s -> new SmtpHandler() {
            @Override
            public Reply message(Session session, byte[] content) {
                relayed.add(new String(content, StandardCharsets.UTF_8));
                return Reply.of(250, "2.0.0", "Ok: queued");
            }
        }, 50, 50);
        Files.writeString(dir.resolve("recipients"), "@example.com\n");
        for (String node : List.of("node-a", "node-b")) startNode(node);
    }

    private void startNode(String name) throws Exception {
        int mx = RealServers.freePort(), relay = RealServers.freePort();
        Path data = Files.createDirectories(dir.resolve(name));
        Path config = Files.writeString(data.resolve("sg.yaml"), """
                node.name: %s
                smtp:
                  listen: [ "127.0.0.1:%d" ]
                  greet-pause: 0s
                data-dir: %s
                recipients.file: %s
                log.events: %s
                console.listen: ""
                spf.enabled: true
                dns.servers: [ "127.0.0.1:%d" ]
                relay:
                  listen: [ "127.0.0.1:%d" ]
                  networks: [ "127.0.0.1/32" ]
                  smarthost: "127.0.0.1:%d"
                ratelimit:
                  redis-url: "%s"
                  sender-domain-messages: [ "10/1h" ]
                  distinct-senders: ""
                """.formatted(name, mx, data, dir.resolve("recipients"), data.resolve("events.jsonl"), dns.address().getPort(),
                relay, smarthost.port(), redis.url()));
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-Xmx256m", "-jar", Path.of("target", "scatterguard.jar").toAbsolutePath().toString(),
                "serve", "--config", config.toString()).redirectErrorStream(true)
                .redirectOutput(data.resolve("serve.log").toFile()).start();
        nodes.add(p);
        ports.add(new int[] {mx, relay});
        awaitPort(relay, p, data.resolve("serve.log"));
    }

    private static void awaitPort(int port, Process p, Path log) throws Exception {
        long end = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < end) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                if (!p.isAlive()) break;
                Thread.sleep(100);
            }
        }
        throw new AssertionError("serve did not come up on " + port + ":\n" + Files.readString(log));
    }

    @AfterEach
    void stop() throws Exception {
        for (Process p : nodes) {
            p.destroy();
            if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) p.destroyForcibly().waitFor();
        }
        if (smarthost != null) smarthost.close();
        if (dns != null) dns.close();
        if (redis != null) redis.close();
    }

    private static SmtpClient.ServerReply send(int port, String from, String sender, String rcpt, String message)
            throws IOException {
        try (SmtpClient c = SmtpClient.connect(new InetSocketAddress("127.0.0.1", port), InetAddress.getByName(from),
                Duration.ofSeconds(20))) {
            c.command("EHLO client.example");
            SmtpClient.ServerReply r = c.command("MAIL FROM:<" + sender + ">");
            if (!r.positive()) return r;
            r = c.command("RCPT TO:<" + rcpt + ">");
            if (!r.positive()) return r;
            return c.data(message.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aSendersLimitHoldsAcrossBothNodes() throws Exception {
        List<Integer> codes = new ArrayList<>();
        String last = "";
        for (int i = 0; i < 14; i++) {
            int relay = ports.get(i % 2)[1]; // alternate nodes
            SmtpClient.ServerReply r = send(relay, "127.0.0.1", "alice@example.com", "partner@example.org",
                    "From: alice@example.com\nTo: partner@example.org\nSubject: report " + i + "\nMessage-ID: <r" + i
                            + "@example.com>\n\nfigures\n");
            codes.add(r.code());
            if (r.code() != 250) last = r.toString();
        }
        assertThat(codes.stream().filter(c -> c == 250).count()).as(codes.toString()).isEqualTo(10);
        assertThat(codes.subList(10, 14)).containsOnly(451);
        assertThat(last).contains("4.7.1").contains("domain:example.com").contains("10 messages per 1h");
        assertThat(relayed).hasSize(10);
        // each node answered some of the 451s itself: the limit is one, not one per node
        for (int n = 0; n < 2; n++) {
            assertThat(Files.readString(dir.resolve(n == 0 ? "node-a" : "node-b").resolve("events.jsonl")))
                    .contains("OUT_RATE_DOMAIN");
        }
    }

    @Test
    void whatOneNodeLearnedAndLetOutTheOtherKnows() throws Exception {
        // a friend (SPF pass from 127.0.0.2) writes to alice through node A's MX
        assertThat(send(ports.get(0)[0], "127.0.0.2", "friend@example.net", "alice@example.com",
                "From: friend@example.net\nTo: alice@example.com\nSubject: lunch\nMessage-ID: <lunch-1@example.net>\n\nnoon?\n")
                .code()).isEqualTo(250);
        String autoreply = "From: alice@example.com\nTo: friend@example.net\nSubject: Out of office\n"
                + "Auto-Submitted: auto-replied\nIn-Reply-To: <lunch-1@example.net>\n\nI am away.\n";
        // alice's responder answers through node B, which never saw the message: Redis did
        SmtpClient.ServerReply first = send(ports.get(1)[1], "127.0.0.1", "", "friend@example.net", autoreply);
        assertThat(first.code()).isEqualTo(250);
        assertThat(first.text()).doesNotContain("held");
        // a second autoreply through node A within the week is held
        SmtpClient.ServerReply second = send(ports.get(0)[1], "127.0.0.1", "", "friend@example.net", autoreply);
        assertThat(second.text()).contains("held for review");
        assertThat(relayed).hasSize(1);
    }
}
