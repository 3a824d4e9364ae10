package io.scatterguard.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scatterguard.gateway.check.builtin.BackscatterCheck;
import io.scatterguard.gateway.check.builtin.RecipientDirectory;
import io.scatterguard.gateway.config.Config;
import io.scatterguard.gateway.deliver.MaildirDelivery;
import io.scatterguard.gateway.smtp.SmtpClient;
import io.scatterguard.gateway.smtp.SmtpSettings;
import io.scatterguard.mail.verdict.OurSide;
import io.scatterguard.store.AuditEntry;
import io.scatterguard.store.AuditQuery;
import io.scatterguard.store.Outcome;
import io.scatterguard.store.QuarantineQuery;
import io.scatterguard.store.QuarantineState;
import io.scatterguard.store.QuarantinedMessage;
import io.scatterguard.store.ReleaseRefusedException;
import io.scatterguard.store.Store;
import io.scatterguard.store.StoreSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The gateway with its store: quarantined mail is held durably before the 250, every decision is audited, release delivers once. */
@Timeout(60)
class GatewayStoreTest {
    private static final String FORGED_BOUNCE = "From: MAILER-DAEMON@mx.other.example\r\nTo: alice@example.com\r\n"
            + "Subject: Undelivered Mail Returned to Sender\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n--b\r\n"
            + "Content-Type: text/plain\r\n\r\nunknown user\r\n--b\r\nContent-Type: message/delivery-status\r\n\r\n"
            + "Reporting-MTA: dns; mx.other.example\r\n\r\nFinal-Recipient: rfc822; x@other.example\r\nAction: failed\r\n"
            + "Status: 5.1.1\r\n\r\n--b\r\nContent-Type: text/rfc822-headers\r\n\r\nFrom: alice@example.com\r\n"
            + "Message-ID: <spam-1@botnet.example>\r\n\r\n--b--\r\n";

    @TempDir
    Path dir;
    private Store store;
    private Gateway gateway;
    private MaildirTarget maildir;

    @BeforeEach
    void start() throws IOException {
        store = Store.open(StoreSettings.embedded(dir.resolve("data")).withNodeName("mx1"));
        OurSide us = OurSide.builder().domain("example.com").build();
        RecipientDirectory directory = new RecipientDirectory(List.of("alice@example.com"));
        SmtpSettings smtp = new SmtpSettings("mx.example.com", 1 << 20, 50, 510, 20, 500, Duration.ofSeconds(10),
                Duration.ofSeconds(30), Duration.ZERO);
        maildir = new MaildirTarget(new MaildirDelivery(dir.resolve("maildir"), "mx.example.com"));
        gateway = Gateway.start(List.of(new InetSocketAddress("127.0.0.1", 0)), smtp, null,
                Gateway.defaultPipeline(directory, us, List.of(), List.of(), List.of(), BackscatterCheck.Action.QUARANTINE), us,
                maildir, new EventLog(new ByteArrayOutputStream()), 50, 10, store.quarantine(),
                new AuditRecorder(store.audit(), "mx1"), null);
    }

    @AfterEach
    void stop() throws IOException {
        gateway.close();
        store.close();
    }

    private int send(String sender, String rcpt, String message) throws IOException {
        try (SmtpClient c = SmtpClient.connect(new InetSocketAddress("127.0.0.1", gateway.port()), Duration.ofSeconds(10))) {
            c.command("EHLO client.example.net");
            c.command("MAIL FROM:<" + sender + ">");
            if (!c.command("RCPT TO:<" + rcpt + ">").positive()) return 550;
            return c.data(message.getBytes(StandardCharsets.UTF_8)).code();
        }
    }

    private long delivered() throws IOException {
        Path root = dir.resolve("maildir");
        if (!Files.isDirectory(root)) return 0;
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> Files.isRegularFile(p) && p.getParent().getFileName().toString().equals("new")).count();
        }
    }

    @Test
    void quarantinedMailIsHeldAuditedAndReleasedOnce() throws Exception {
        assertThat(send("", "alice@example.com", FORGED_BOUNCE)).isEqualTo(250);
        assertThat(send("carol@example.net", "alice@example.com", "Subject: hi\r\n\r\nhello\r\n")).isEqualTo(250);
        assertThat(send("carol@example.net", "nobody@example.com", "")).isEqualTo(550);
        assertThat(delivered()).as("only the ordinary message").isEqualTo(1);

        List<QuarantinedMessage> held = store.quarantine().list(QuarantineQuery.all()).items();
        assertThat(held).singleElement().satisfies(m -> {
            assertThat(m.category()).isEqualTo("backscatter");
            assertThat(m.check()).isEqualTo("backscatter");
            assertThat(m.sender()).isEmpty();
            assertThat(m.recipients()).containsExactly("alice@example.com");
            assertThat(m.subject()).isEqualTo("Undelivered Mail Returned to Sender");
            assertThat(m.state()).isEqualTo(QuarantineState.HELD);
        });

        List<AuditEntry> rows = AuditAwait.rows(store, r -> r.size() >= 3);
        assertThat(rows).extracting(e -> e.record().outcome()).containsExactlyInAnyOrder(Outcome.QUARANTINED, Outcome.ACCEPTED,
                Outcome.ABANDONED);
        AuditEntry q = rows.stream().filter(e -> e.record().outcome() == Outcome.QUARANTINED).findFirst().orElseThrow();
        assertThat(q.record().quarantineId()).hasValue(held.get(0).id());
        assertThat(q.record().node()).isEqualTo("mx1");
        assertThat(q.record().backscatter()).isTrue();
        assertThat(rows.stream().filter(e -> e.record().outcome() == Outcome.ABANDONED).findFirst().orElseThrow().record()
                .refused()).singleElement().satisfies(r -> assertThat(r.reply()).startsWith("550 5.1.1"));

        Release release = new Release(store.quarantine(), maildir, "maildir " + dir.resolve("maildir"));
        QuarantinedMessage m = release.release(held.get(0).id(), "alice");
        assertThat(m.state()).isEqualTo(QuarantineState.RELEASED);
        assertThat(m.releasedBy()).hasValue("alice");
        assertThat(delivered()).isEqualTo(2);
        try (Stream<Path> files = Files.list(dir.resolve("maildir/example.com/alice/new"))) {
            List<String> texts = files.map(p -> {
                try {
                    return Files.readString(p);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
            assertThat(texts).anySatisfy(t -> assertThat(t).startsWith("Return-Path: <>\r\nReceived: from client.example.net "
                    + "([127.0.0.1])\r\n\tby mx.example.com (Scatterguard) with ESMTP id release-" + held.get(0).id())
                    .contains("Subject: Undelivered Mail Returned to Sender"));
        }
        assertThatThrownBy(() -> release.release(held.get(0).id(), "bob")).isInstanceOfSatisfying(ReleaseRefusedException.class,
                e -> assertThat(e.reason()).isEqualTo(ReleaseRefusedException.Reason.ALREADY_RELEASED));
        assertThat(delivered()).isEqualTo(2);
    }

    @Test
    void withoutAWorkingStoreHeldMailGets451() throws Exception {
        store.close();
        assertThat(send("", "alice@example.com", FORGED_BOUNCE)).isEqualTo(451);
        assertThat(delivered()).isZero();
        store = Store.open(StoreSettings.embedded(dir.resolve("data")));
    }

    @Test
    void storeSettingsComeFromTheConfiguration() throws Exception {
        Config c = Config.parse("""
                data-dir: /var/lib/scatterguard
                node.name: mx2
                store:
                  url: jdbc:postgresql://db.example.com:5432/scatterguard
                  user: sg
                  password: secret
                quarantine:
                  retention-days: 10
                  retention: [ "spam=3" ]
                audit.retention-days: 60
                """, "t.yaml");
        StoreSettings s = GatewayFactory.storeSettings(c);
        assertThat(s.url()).isEqualTo("jdbc:postgresql://db.example.com:5432/scatterguard");
        assertThat(s.user()).isEqualTo("sg");
        assertThat(s.password()).isEqualTo("secret");
        assertThat(s.nodeName()).isEqualTo("mx2");
        assertThat(s.dataDir()).isEqualTo(Path.of("/var/lib/scatterguard"));
        assertThat(s.quarantineRetention("spam")).isEqualTo(Duration.ofDays(3));
        assertThat(s.quarantineRetention("virus")).isEqualTo(Duration.ofDays(10));
        assertThat(s.auditRetention()).isEqualTo(Duration.ofDays(60));
        assertThat(GatewayFactory.storeSettings(Config.defaults()).url()).isEmpty();
        assertThatThrownBy(() -> Config.parse("store.url: mysql://x\n", "t.yaml")).hasMessageContaining("store.url: expected empty");
    }
}
