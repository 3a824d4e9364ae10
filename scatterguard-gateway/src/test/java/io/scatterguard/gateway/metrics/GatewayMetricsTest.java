package io.scatterguard.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.scatterguard.gateway.check.Verdict;
import io.scatterguard.gateway.check.builtin.RecipientDirectory;
import io.scatterguard.gateway.core.EventLog;
import io.scatterguard.gateway.core.Gateway;
import io.scatterguard.gateway.core.MaildirTarget;
import io.scatterguard.gateway.core.TransactionEvent;
import io.scatterguard.gateway.deliver.MaildirDelivery;
import io.scatterguard.gateway.smtp.SmtpClient;
import io.scatterguard.gateway.smtp.SmtpSettings;
import io.scatterguard.mail.model.Reply;
import io.scatterguard.mail.verdict.OurSide;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's meters, counted from real SMTP sessions on loopback. */
@Timeout(60)
class GatewayMetricsTest {
    @TempDir
    Path dir;

    @Test
    void sessionsRepliesAndChecksAreCounted() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        GatewayMetrics metrics = new GatewayMetrics(registry);
        OurSide us = OurSide.builder().domain("example.com").build();
        RecipientDirectory directory = new RecipientDirectory(List.of("alice@example.com"));
        SmtpSettings smtp = new SmtpSettings("mx.example.com", 1 << 20, 50, 510, 20, 500, Duration.ofSeconds(10),
                Duration.ofSeconds(30), Duration.ZERO);
        try (Gateway g = Gateway.start(List.of(new InetSocketAddress("127.0.0.1", 0)), smtp, null,
                Gateway.defaultPipeline(directory, us), us, new MaildirTarget(new MaildirDelivery(dir, "mx.example.com")),
                new EventLog(new ByteArrayOutputStream()), 50, 10, metrics)) {
            try (SmtpClient c = SmtpClient.connect(new InetSocketAddress("127.0.0.1", g.port()), Duration.ofSeconds(10))) {
                c.command("EHLO client.example.net");
                c.command("MAIL FROM:<carol@example.net>");
                assertThat(c.command("RCPT TO:<nobody@example.com>").code()).isEqualTo(550);
                assertThat(c.command("RCPT TO:<alice@example.com>").code()).isEqualTo(250);
                assertThat(metrics.openSessions()).isEqualTo(1);
                assertThat(c.data("Subject: hi\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII)).code()).isEqualTo(250);
                c.command("QUIT");
            }
            // the session ends on the server's thread after QUIT
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (metrics.openSessions() != 0 && System.nanoTime() < deadline) Thread.sleep(20);
        }
        assertThat(metrics.openSessions()).isZero();
        assertThat(registry.get("scatterguard.smtp.sessions").counter().count()).isEqualTo(1);
        assertThat(count(registry, "scatterguard.smtp.replies", "stage", "rcpt", "code", "550")).isEqualTo(1);
        assertThat(count(registry, "scatterguard.smtp.replies", "stage", "rcpt", "code", "250")).isEqualTo(1);
        assertThat(count(registry, "scatterguard.smtp.replies", "stage", "end_of_data", "code", "250")).isEqualTo(1);
        Timer recipients = registry.get("scatterguard.check.duration").tags("check", "recipients", "stage", "rcpt").timer();
        assertThat(recipients.count()).isEqualTo(2);
        assertThat(registry.get("scatterguard.check.duration").tags("check", "backscatter", "stage", "end_of_data").timer()
                .count()).isEqualTo(1);
        assertThat(registry.get("scatterguard.check.verdicts").tags("check", "recipients", "verdict", "reject", "mode", "enforce")
                .counter().count()).isEqualTo(1);
        assertThat(count(registry, "scatterguard.transactions", "outcome", "accepted")).isEqualTo(1);
    }

    @Test
    void transactionsAreCountedByOutcomeAndSymbol() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        GatewayMetrics metrics = new GatewayMetrics(registry);
        TransactionEvent e = new TransactionEvent(Instant.now(), "s1", "192.0.2.1", "bot", false, "", List.of("alice@example.com"),
                List.of(), "dsn", true, List.of(new Verdict.Continue("recipients", ""),
                        new Verdict.Reject("backscatter", "BOUNCE_NOT_OURS", Reply.of(550, "5.7.1", "not ours"))),
                "END_OF_DATA", "550 5.7.1 not ours", 100, "<x@y>");
        String outcome = GatewayMetrics.outcome(e.reply(), false, false);
        metrics.transaction(e, outcome);
        assertThat(outcome).isEqualTo("rejected");
        assertThat(count(registry, "scatterguard.transactions", "outcome", "rejected")).isEqualTo(1);
        assertThat(count(registry, "scatterguard.transaction.symbols", "symbol", "BOUNCE_NOT_OURS", "outcome", "rejected")).isEqualTo(1);
        assertThat(GatewayMetrics.outcome("250 2.0.0 Ok", true, false)).isEqualTo("quarantined");
        assertThat(GatewayMetrics.outcome("250 2.0.0 Ok", false, true)).isEqualTo("discarded");
        assertThat(GatewayMetrics.outcome("250 2.0.0 Ok", false, false)).isEqualTo("accepted");
        assertThat(GatewayMetrics.outcome("451 4.3.0 later", false, false)).isEqualTo("tempfailed");
        assertThat(GatewayMetrics.outcome("", false, false)).isEqualTo("abandoned");
    }

    private static double count(SimpleMeterRegistry r, String name, String... tags) {
        Counter c = r.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }
}
