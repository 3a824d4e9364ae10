package io.scatterguard.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.gateway.config.Config;
import io.scatterguard.gateway.core.GatewayFactory;
import io.scatterguard.gateway.milter.Milter;
import io.scatterguard.gateway.net.ListenAddress;
import io.scatterguard.gateway.testing.TestMessages;
import io.scatterguard.mail.batv.BatvKeyring;
import io.scatterguard.mail.batv.BatvResult;
import io.scatterguard.mail.batv.BatvVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The milter inside a real Postfix ({@code smtpd_milters = inet:127.0.0.1:PORT}, protocol 6,
 * {@code milter_default_action = tempfail}), driven with swaks: refusals reach the client with our
 * text before Postfix's final reply, our own outbound mail leaves with a valid BATV sender, the
 * genuine bounce of it is delivered, and Postfix never holds or sends a bounce.
 */
@Timeout(300)
class PostfixMilterIT {
    private static final String KEY = "1:postfix-milter-it-secret";
    private static Path work;
    private static Milter milter;
    private static PrivatePostfix postfix;
    private static io.scatterguard.store.Store store;

    @BeforeAll
    static void start() throws Exception {
        PrivatePostfix.requirePrograms();
        work = Files.createTempDirectory("sg-milter-it-");
        Path rcpts = Files.writeString(work.resolve("recipients"), "alice@example.com\nbob@example.com\n");
        Config c = Config.parse("smtp:\n  host-name: mx.example.com\n"
                + "recipients:\n  file: " + rcpts + "\nbatv:\n  keys: [ \"" + KEY + "\" ]\n"
                + "relay:\n  networks: [ \"127.0.0.2/32\" ]\n"
                + "log:\n  events: " + work.resolve("events.jsonl") + "\n", "milter-it.yaml");
        store = io.scatterguard.store.Store.open(io.scatterguard.store.StoreSettings.embedded(work.resolve("data"))
                .withNodeName("mta1"));
        milter = Milter.start(GatewayFactory.build(c, GatewayFactory.Role.MTA_FILTER, store.ledger()),
                new ListenAddress.Inet("127.0.0.1", 0), new io.scatterguard.gateway.core.AuditRecorder(store.audit(), "mta1"));
        postfix = PrivatePostfix.start(
                "smtpd_milters = inet:" + milter.address(),
                "milter_protocol = 6",
                "milter_default_action = tempfail");
    }

    @AfterAll
    static void stop() throws Exception {
        if (postfix != null) postfix.stop();
        if (milter != null) milter.close();
        if (store != null) store.close();
        if (work != null) PrivatePostfix.run("rm", "-rf", work.toString());
    }

    /** After every scenario: Postfix holds nothing and has not generated a single bounce. */
    @AfterEach
    void postfixBouncesNothing() throws Exception {
        assertThat(postfix.awaitEmptyQueue()).contains("Mail queue is empty");
        assertThat(postfix.maillog()).doesNotContain("sender non-delivery notification")
                .doesNotContain("status=bounced").doesNotContain("status=deferred");
    }

    private static Path messageFile(String name, String message) throws Exception {
        return Files.writeString(work.resolve(name), message);
    }

    @Test
    void unknownRecipientIsRefusedAtRcptWithOurText() throws Exception {
        String t = postfix.swaks("--from", "carol@example.net", "--to", "nobody@example.com");
        assertThat(t).contains("<** 550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown");
        assertThat(t).doesNotContain("-> DATA");
    }

    @Test
    void forgedBounceIsRefusedWithOurTextBeforePostfixAnswersTheData() throws Exception {
        Path m = messageFile("forged.eml", TestMessages.bounce("bob@example.com", "<spam-4711@botnet.example>"));
        String t = postfix.swaks("--from", "<>", "--to", "bob@example.com", "--data", "@" + m);
        assertThat(t).contains("<-  250 2.1.5 Ok"); // the RCPT passed: bounces are judged on their content
        assertThat(t).containsPattern("<\\*\\* 550 5\\.7\\.1 This dsn does not answer mail we sent \\(.*\\); backscatter refused");
        assertThat(postfix.maillog()).contains("milter-reject: END-OF-MESSAGE");
        // the decision is on the audit trail, as the gateway's are
        assertThat(store.audit().flush(java.time.Duration.ofSeconds(10))).isTrue();
        assertThat(store.audit().search(io.scatterguard.store.AuditQuery.all().address("bob@example.com")).items())
                .anySatisfy(e -> {
                    assertThat(e.record().outcome()).isEqualTo(io.scatterguard.store.Outcome.REJECTED);
                    assertThat(e.record().stage()).isEqualTo("END_OF_DATA");
                    assertThat(e.record().node()).isEqualTo("mta1");
                    assertThat(e.record().replyCode()).isEqualTo(550);
                    assertThat(e.record().category()).isEqualTo("dsn");
                });
    }

    @Test
    void outboundMailLeavesWithAValidBatvSenderAndItsGenuineBounceIsDelivered() throws Exception {
        Path out = messageFile("out.eml", TestMessages.ordinary("alice@example.com", "dave@other.example.net",
                "<milter-it-outbound@example.com>"));
        String sent = postfix.swaks("--local-interface", "127.0.0.2", "--from", "alice@example.com",
                "--to", "dave@other.example.net", "--data", "@" + out);
        assertThat(sent).contains("<-  250 2.0.0 Ok: queued as");
        List<String> relayed = postfix.delivered("<milter-it-outbound@example.com>");
        assertThat(relayed).hasSize(1);
        Matcher from = Pattern.compile("(?m)^X-Mail-Args: <([^>]*)>").matcher(relayed.get(0));
        assertThat(from.find()).isTrue();
        String tagged = from.group(1);
        assertThat(tagged).matches("prvs=1\\d{3}[0-9a-f]{6}=alice@example\\.com");
        assertThat(store.ledger().contains("<milter-it-outbound@example.com>")).as("in the shared ledger").isTrue();
        assertThat(store.audit().flush(java.time.Duration.ofSeconds(10))).isTrue();
        assertThat(store.audit().search(io.scatterguard.store.AuditQuery.all().address("dave@other.example.net")).items())
                .anySatisfy(e -> {
                    assertThat(e.record().outcome()).isEqualTo(io.scatterguard.store.Outcome.ACCEPTED);
                    assertThat(e.record().checks()).extracting(x -> x.symbol()).contains("BATV_SIGNED");
                });
        BatvVerifier verifier = new BatvVerifier(BatvKeyring.fromSpecs(List.of(KEY)), 7, Clock.systemUTC());
        assertThat(verifier.verify(tagged).status()).isEqualTo(BatvResult.Status.VALID);

        Path bounce = messageFile("genuine.eml", TestMessages.bounce(tagged, "<milter-it-outbound@example.com>"));
        String back = postfix.swaks("--from", "<>", "--to", tagged, "--data", "@" + bounce);
        assertThat(back).contains("<-  250 2.0.0 Ok: queued as");
        List<String> delivered = postfix.delivered(TestMessages.bounceMessageId("<milter-it-outbound@example.com>"));
        assertThat(delivered).hasSize(1);
        assertThat(delivered.get(0)).contains("X-Mail-Args: <>").contains("X-Rcpt-Args: <alice@example.com>")
                .contains("Message-ID: <milter-it-outbound@example.com>");
    }

    @Test
    void ordinaryMailFromOutsideIsDeliveredUnchanged() throws Exception {
        Path m = messageFile("ordinary.eml", TestMessages.ordinary("carol@example.net", "alice@example.com",
                "<milter-it-ordinary@example.net>"));
        String t = postfix.swaks("--from", "carol@example.net", "--to", "alice@example.com", "--data", "@" + m);
        assertThat(t).contains("<-  250 2.0.0 Ok: queued as");
        List<String> d = postfix.delivered("<milter-it-ordinary@example.net>");
        assertThat(d).hasSize(1);
        assertThat(d.get(0)).contains("X-Mail-Args: <carol@example.net>").doesNotContain("prvs=");
    }

    @Test
    void aSecondRecipientOfTheNullSenderIsRefused() throws Exception {
        Path m = messageFile("two.eml", TestMessages.bounce("alice@example.com", "<two@botnet.example>"));
        String t = postfix.swaks("--from", "<>", "--to", "alice@example.com,bob@example.com", "--data", "@" + m);
        assertThat(t).contains("<** 550 5.7.1 Bounces have one recipient; refusing a second one for the null sender");
    }
}
