package io.scatterguard.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.gateway.config.Config;
import io.scatterguard.gateway.core.GatewayFactory;
import io.scatterguard.gateway.milter.Milter;
import io.scatterguard.gateway.net.ListenAddress;
import io.scatterguard.gateway.testing.TestMessages;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The outbound guard in the milter, inside a real Postfix: our users' server (127.0.0.2, in
 * {@code mynetworks} and {@code relay.networks}) answers mail from outside; an autoreply to a
 * sender whose address may be forged goes to Postfix's hold queue (SMFIR_QUARANTINE) instead of
 * out, a sender domain over its limit gets 451 4.7.1 at MAIL, and Postfix bounces nothing.
 */
@Timeout(300)
class PostfixOutboundGuardIT {
    private static Path work;
    private static Milter milter;
    private static PrivatePostfix postfix;

    @BeforeAll
    static void start() throws Exception {
        PrivatePostfix.requirePrograms();
        work = Files.createTempDirectory("sg-guard-it-");
        Path rcpts = Files.writeString(work.resolve("recipients"), "alice@example.com\nbob@example.com\n");
        Config c = Config.parse("""
                smtp:
                  host-name: mx.example.com
                recipients:
                  file: %s
                relay:
                  networks: [ "127.0.0.2/32" ]
                ratelimit:
                  sender-domain-messages: [ "2/1h" ]
                log:
                  events: %s
                """.formatted(rcpts, work.resolve("events.jsonl")), "guard-it.yaml");
        milter = Milter.start(GatewayFactory.build(c, GatewayFactory.Role.MTA_FILTER), new ListenAddress.Inet("127.0.0.1", 0));
        postfix = PrivatePostfix.start(
                "smtpd_milters = inet:" + milter.address(),
                "milter_protocol = 6",
                "milter_default_action = tempfail");
    }

    @AfterAll
    static void stop() throws Exception {
        if (postfix != null) postfix.stop();
        if (milter != null) milter.close();
        if (work != null) PrivatePostfix.run("rm", "-rf", work.toString());
    }

    @Test
    void anAutoreplyToAnUnprovenSenderIsHeldInPostfixNotSent() throws Exception {
        // from outside, no SPF to prove the sender: the address may be forged
        Path in = Files.writeString(work.resolve("in.eml"), TestMessages.ordinary("carol@example.net", "alice@example.com",
                "<guard-it-in@example.net>"));
        assertThat(postfix.swaks("--from", "carol@example.net", "--to", "alice@example.com", "--data", "@" + in))
                .contains("<-  250 2.0.0 Ok: queued as");
        assertThat(postfix.delivered("<guard-it-in@example.net>")).hasSize(1);

        Path reply = Files.writeString(work.resolve("ooo.eml"), String.join("\r\n",
                "From: Alice <alice@example.com>", "To: carol@example.net", "Subject: Out of office",
                "Auto-Submitted: auto-replied", "In-Reply-To: <guard-it-in@example.net>",
                "Message-ID: <guard-it-ooo@example.com>", "", "I am away until Monday.", ""));
        String t = postfix.swaks("--local-interface", "127.0.0.2", "--from", "<>", "--to", "carol@example.net",
                "--data", "@" + reply);
        assertThat(t).contains("<-  250 2.0.0 Ok: queued as"); // Postfix keeps it: no bounce anywhere
        String queue = waitFor(() -> postfix.queue(), q -> q.contains("!"));
        assertThat(queue).as("held in Postfix's hold queue").contains("!").contains("carol@example.net");
        assertThat(postfix.maillog()).contains("milter-hold: END-OF-MESSAGE").contains("to=<carol@example.net>");
        assertThat(Files.readString(work.resolve("events.jsonl"))).contains("\"type\":\"alert\"")
                .contains("OUT_AUTO_UNVERIFIED_SENDER");
        assertThat(postfix.maillog()).doesNotContain("sender non-delivery notification").doesNotContain("status=bounced");
        PrivatePostfix.run("postsuper", "-c", postfix.conf().toString(), "-d", "ALL", "hold");
    }

    @Test
    void aSenderDomainOverItsLimitGets451AtMail() throws Exception {
        String last = "";
        for (int i = 0; i < 3; i++) {
            Path m = Files.writeString(work.resolve("burst" + i + ".eml"), TestMessages.ordinary("news@burst.example.com",
                    "dave@other.example.net", "<guard-it-burst-" + i + "@example.com>"));
            last = postfix.swaks("--local-interface", "127.0.0.2", "--from", "news@burst.example.com",
                    "--to", "dave@other.example.net", "--data", "@" + m);
            if (i < 2) assertThat(last).contains("<-  250 2.0.0 Ok: queued as");
        }
        assertThat(last).contains("<** 451 4.7.1 Rate limit reached for domain:burst.example.com (2 messages per 1h)");
        assertThat(last).doesNotContain("-> DATA");
        assertThat(postfix.delivered("<guard-it-burst-1@example.com>")).hasSize(1);
        assertThat(postfix.awaitEmptyQueue()).contains("Mail queue is empty");
        assertThat(postfix.maillog()).doesNotContain("status=bounced");
    }

    private interface Probe {
        String get() throws Exception;
    }

    private static String waitFor(Probe p, java.util.function.Predicate<String> done) throws Exception {
        String v = p.get();
        for (int i = 0; i < 100 && !done.test(v); i++) {
            Thread.sleep(100);
            v = p.get();
        }
        return v;
    }
}
