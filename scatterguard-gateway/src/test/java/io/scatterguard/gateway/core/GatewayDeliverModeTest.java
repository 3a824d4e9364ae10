package io.scatterguard.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.gateway.check.builtin.RecipientDirectory;
import io.scatterguard.gateway.deliver.MaildirDelivery;
import io.scatterguard.gateway.smtp.SmtpClient;
import io.scatterguard.gateway.smtp.SmtpSettings;
import io.scatterguard.mail.batv.BatvKeyring;
import io.scatterguard.mail.batv.BatvSigner;
import io.scatterguard.mail.batv.BatvVerifier;
import io.scatterguard.mail.verdict.OurSide;
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

/** The gateway in deliver mode on loopback: every decision is made while the client waits. */
@Timeout(60)
class GatewayDeliverModeTest {
    @TempDir
    Path dir;
    private Gateway gateway;
    private BatvSigner signer;
    private final ByteArrayOutputStream events = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws IOException {
        BatvKeyring keys = BatvKeyring.single(1, "test-secret");
        signer = new BatvSigner(keys);
        OurSide us = OurSide.builder().domain("example.com").batv(new BatvVerifier(keys)).build();
        RecipientDirectory directory = new RecipientDirectory(List.of("alice@example.com", "bob@example.com"));
        SmtpSettings smtp = new SmtpSettings("mx.example.com", 1 << 20, 50, 510, 20, 500, Duration.ofSeconds(10),
                Duration.ofSeconds(30), Duration.ZERO);
        gateway = Gateway.start(new InetSocketAddress("127.0.0.1", 0), smtp, null, Gateway.defaultPipeline(directory, us), us,
                new MaildirTarget(new MaildirDelivery(dir, "mx.example.com")), new EventLog(events), 50, 10);
    }

    @AfterEach
    void stop() throws IOException {
        gateway.close();
    }

    private SmtpClient client() throws IOException {
        SmtpClient c = SmtpClient.connect(new InetSocketAddress("127.0.0.1", gateway.port()), Duration.ofSeconds(10));
        assertThat(c.greeting().code()).isEqualTo(220);
        assertThat(c.command("EHLO client.example.net").code()).isEqualTo(250);
        return c;
    }

    private long delivered(String user) throws IOException {
        Path nw = dir.resolve("example.com").resolve(user).resolve("new");
        if (!Files.isDirectory(nw)) return 0;
        try (Stream<Path> s = Files.list(nw)) {
            return s.count();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void ordinaryMailIsDeliveredDurably() throws IOException {
        try (SmtpClient c = client()) {
            assertThat(c.command("MAIL FROM:<carol@example.net>").code()).isEqualTo(250);
            assertThat(c.command("RCPT TO:<alice@example.com>").code()).isEqualTo(250);
            assertThat(c.data(bytes("From: carol@example.net\nTo: alice@example.com\nSubject: lunch\n\nTomorrow?\n")).code())
                    .isEqualTo(250);
        }
        assertThat(delivered("alice")).isEqualTo(1);
        assertThat(events.toString(StandardCharsets.UTF_8)).contains("\"stage\":\"END_OF_DATA\"").contains("\"reply\":\"250 2.0.0");
        // a final delivery carries its trace (RFC 5321 4.4): the envelope sender and who handed it over
        try (Stream<Path> files = Files.list(dir.resolve("example.com/alice/new"))) {
            String stored = Files.readString(files.findFirst().orElseThrow());
            assertThat(stored).startsWith("Return-Path: <carol@example.net>\r\nReceived: from client.example.net ([127.0.0.1])\r\n"
                    + "\tby mx.example.com (Scatterguard) with ESMTP id ");
            assertThat(stored).contains("\tfor <alice@example.com>;\r\n").contains("Subject: lunch");
        }
    }

    @Test
    void unknownUserAndRelayingAreRefusedAtRcpt() throws IOException {
        try (SmtpClient c = client()) {
            c.command("MAIL FROM:<carol@example.net>");
            SmtpClient.ServerReply unknown = c.command("RCPT TO:<nobody@example.com>");
            assertThat(unknown.code()).isEqualTo(550);
            assertThat(unknown.text()).startsWith("5.1.1");
            SmtpClient.ServerReply relay = c.command("RCPT TO:<someone@elsewhere.example.org>");
            assertThat(relay.code()).isEqualTo(554);
            assertThat(c.command("DATA").code()).isEqualTo(554); // no valid recipients
        }
    }

    private static final String FORGED_BOUNCE = """
            From: MAILER-DAEMON@mx.victim.example.net (Mail Delivery System)
            To: alice@example.com
            Subject: Undelivered Mail Returned to Sender
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="b"

            --b
            Content-Type: text/plain

            This is the mail system at host mx.victim.example.net.
            <sales@victim.example.net>: unknown user

            --b
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.victim.example.net

            Final-Recipient: rfc822; sales@victim.example.net
            Action: failed
            Status: 5.1.1

            --b
            Content-Type: text/rfc822-headers

            From: alice@example.com
            To: sales@victim.example.net
            Subject: cheap pills
            Message-ID: <spam-1@botnet.example>

            --b--
            """;

    @Test
    void forgedBounceIsRefusedBeforeTheFinal250() throws IOException {
        try (SmtpClient c = client()) {
            c.command("MAIL FROM:<>");
            assertThat(c.command("RCPT TO:<alice@example.com>").code()).isEqualTo(250); // probes must pass RCPT
            SmtpClient.ServerReply r = c.data(bytes(FORGED_BOUNCE));
            assertThat(r.code()).isEqualTo(550);
            assertThat(r.text()).startsWith("5.7.1").contains("dsn does not answer mail we sent");
        }
        assertThat(delivered("alice")).isZero();
        assertThat(events.toString(StandardCharsets.UTF_8)).contains("BACKSCATTER_DSN").contains("\"backscatter\":true");
    }

    @Test
    void inWarnModeTheBackscatterJudgeIsRecordedButNotApplied() throws IOException {
        OurSide us = OurSide.builder().domain("example.com").build();
        RecipientDirectory directory = new RecipientDirectory(List.of("alice@example.com"));
        SmtpSettings smtp = new SmtpSettings("mx.example.com", 1 << 20, 50, 510, 20, 500, Duration.ofSeconds(10),
                Duration.ofSeconds(30), Duration.ZERO);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        var pipeline = Gateway.defaultPipeline(directory, us).warning(java.util.Set.of("backscatter"));
        try (Gateway g = Gateway.start(new InetSocketAddress("127.0.0.1", 0), smtp, null, pipeline, us,
                new MaildirTarget(new MaildirDelivery(dir, "mx.example.com")), new EventLog(log), 50, 10);
                SmtpClient c = SmtpClient.connect(new InetSocketAddress("127.0.0.1", g.port()), Duration.ofSeconds(10))) {
            c.command("EHLO client.example.net");
            c.command("MAIL FROM:<>");
            c.command("RCPT TO:<alice@example.com>");
            assertThat(c.data(bytes(FORGED_BOUNCE)).code()).isEqualTo(250);
        }
        assertThat(delivered("alice")).isEqualTo(1);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("\"symbol\":\"BACKSCATTER_DSN\"");
    }

    @Test
    void genuineBounceToOurBatvAddressIsDelivered() throws IOException {
        String tagged = signer.sign("alice@example.com");
        try (SmtpClient c = client()) {
            c.command("MAIL FROM:<>");
            assertThat(c.command("RCPT TO:<" + tagged + ">").code()).isEqualTo(250);
            SmtpClient.ServerReply r = c.data(bytes(FORGED_BOUNCE.replace("To: alice@example.com", "To: " + tagged)));
            assertThat(r.code()).as(r.toString()).isEqualTo(250);
        }
        assertThat(delivered("alice")).isEqualTo(1);
    }

    @Test
    void badBatvTagAndNullSenderWithTwoRecipientsAreRefusedAtRcpt() throws IOException {
        String tagged = signer.sign("alice@example.com");
        String forged = tagged.substring(0, 9) + (tagged.charAt(9) == '0' ? '1' : '0') + tagged.substring(10);
        try (SmtpClient c = client()) {
            c.command("MAIL FROM:<>");
            SmtpClient.ServerReply bad = c.command("RCPT TO:<" + forged + ">");
            assertThat(bad.code()).isEqualTo(550);
            assertThat(bad.text()).contains("invalid bounce address tag");
            assertThat(c.command("RCPT TO:<alice@example.com>").code()).isEqualTo(250);
            SmtpClient.ServerReply second = c.command("RCPT TO:<bob@example.com>");
            assertThat(second.code()).isEqualTo(550);
            assertThat(second.text()).contains("one recipient");
        }
    }

    @Test
    void outOfOfficeReplyToAForgedSenderIsRefused() throws IOException {
        try (SmtpClient c = client()) {
            c.command("MAIL FROM:<>");
            c.command("RCPT TO:<bob@example.com>");
            SmtpClient.ServerReply r = c.data(bytes("""
                    From: Dana <dana@partner.example.org>
                    To: bob@example.com
                    Subject: Automatic reply: invoice overdue
                    Auto-Submitted: auto-replied

                    I am out of the office until Monday.
                    """));
            assertThat(r.code()).isEqualTo(550);
            assertThat(r.text()).contains("autoreply does not answer mail we sent");
        }
        assertThat(delivered("bob")).isZero();
    }
}
