package io.scatterguard.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.gateway.config.Config;
import io.scatterguard.gateway.core.GatewayFactory;
import io.scatterguard.gateway.net.ListenAddress;
import io.scatterguard.gateway.policy.PolicyServer;
import io.scatterguard.gateway.testing.TestMessages;
import io.scatterguard.mail.batv.BatvKeyring;
import io.scatterguard.mail.batv.BatvSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The policy service inside a real Postfix, without a milter:
 * {@code smtpd_recipient_restrictions = permit_mynetworks, reject_unauth_destination,
 * check_policy_service inet:127.0.0.1:PORT}. Everything is decided at RCPT, with our text, and
 * Postfix never bounces.
 */
@Timeout(300)
class PostfixPolicyIT {
    private static final String KEY = "1:postfix-policy-it-secret";
    private static Path work;
    private static PolicyServer policy;
    private static PrivatePostfix postfix;

    @BeforeAll
    static void start() throws Exception {
        PrivatePostfix.requirePrograms();
        work = Files.createTempDirectory("sg-policy-it-");
        Path rcpts = Files.writeString(work.resolve("recipients"), "alice@example.com\nbob@example.com\nno-reply@example.com\n");
        Config c = Config.parse("recipients:\n  file: " + rcpts + "\nbatv:\n  keys: [ \"" + KEY + "\" ]\n"
                + "relay:\n  networks: [ \"127.0.0.2/32\" ]\n"
                + "log:\n  events: " + work.resolve("events.jsonl") + "\n", "policy-it.yaml");
        policy = PolicyServer.start(GatewayFactory.build(c, GatewayFactory.Role.MTA_FILTER),
                new ListenAddress.Inet("127.0.0.1", 0));
        postfix = PrivatePostfix.start("smtpd_recipient_restrictions = permit_mynetworks, reject_unauth_destination, "
                + "check_policy_service inet:" + policy.address());
    }

    @AfterAll
    static void stop() throws Exception {
        if (postfix != null) postfix.stop();
        if (policy != null) policy.close();
        if (work != null) PrivatePostfix.run("rm", "-rf", work.toString());
    }

    @AfterEach
    void postfixBouncesNothing() throws Exception {
        assertThat(postfix.awaitEmptyQueue()).contains("Mail queue is empty");
        assertThat(postfix.maillog()).doesNotContain("sender non-delivery notification")
                .doesNotContain("status=bounced").doesNotContain("status=deferred");
    }

    @Test
    void unknownRecipientIsRefusedAtRcptWithOurText() throws Exception {
        String t = postfix.swaks("--from", "carol@example.net", "--to", "nobody@example.com");
        assertThat(t).contains("<** 550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown");
    }

    @Test
    void theNullSenderGetsOneRecipientAndNoRoleAddresses() throws Exception {
        Path m = Files.writeString(work.resolve("b1.eml"), TestMessages.bounce("alice@example.com", "<p1@botnet.example>"));
        String two = postfix.swaks("--from", "<>", "--to", "alice@example.com,bob@example.com", "--data", "@" + m);
        assertThat(two).contains("<** 550 5.7.1 <bob@example.com>: Recipient address rejected: Bounces have one recipient; "
                + "refusing a second one for the null sender");
        String role = postfix.swaks("--from", "<>", "--to", "no-reply@example.com", "--data", "@" + m);
        assertThat(role).contains("<** 550 5.7.1 <no-reply@example.com>: Recipient address rejected: <no-reply@example.com> "
                + "never sends mail, so it receives no bounces");
    }

    @Test
    void aBounceToAForgedTagIsRefusedAndToAValidTagDelivered() throws Exception {
        String forged = postfix.swaks("--from", "<>", "--to", "prvs=1999abcdef=alice@example.com");
        assertThat(forged).contains("<** 550 5.7.1 <prvs=1999abcdef=alice@example.com>: Recipient address rejected: "
                + "<prvs=1999abcdef=alice@example.com>: invalid bounce address tag; we did not send this mail");
        String tagged = new BatvSigner(BatvKeyring.fromSpecs(List.of(KEY))).sign("bob@example.com");
        Path m = Files.writeString(work.resolve("b2.eml"), TestMessages.bounce(tagged, "<policy-it@example.com>"));
        String genuine = postfix.swaks("--from", "<>", "--to", tagged, "--data", "@" + m);
        assertThat(genuine).contains("<-  250 2.0.0 Ok: queued as");
        List<String> d = postfix.delivered(TestMessages.bounceMessageId("<policy-it@example.com>"));
        assertThat(d).hasSize(1);
        assertThat(d.get(0)).contains("X-Mail-Args: <>").contains("X-Rcpt-Args: <bob@example.com>");
    }

    @Test
    void ourOwnUsersMailIsNotJudged() throws Exception {
        Path m = Files.writeString(work.resolve("o.eml"), TestMessages.ordinary("alice@example.com", "dave@other.example.net",
                "<policy-it-out@example.com>"));
        String t = postfix.swaks("--local-interface", "127.0.0.2", "--from", "alice@example.com", "--to",
                "dave@other.example.net", "--data", "@" + m);
        assertThat(t).contains("<-  250 2.0.0 Ok: queued as");
        assertThat(postfix.delivered("<policy-it-out@example.com>")).hasSize(1);
    }
}
