package io.scatterguard.gateway.milter;

import static io.scatterguard.gateway.milter.MilterProtocol.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scatterguard.gateway.config.Config;
import io.scatterguard.gateway.core.GatewayFactory;
import io.scatterguard.gateway.net.ListenAddress;
import io.scatterguard.gateway.testing.TestMessages;
import io.scatterguard.mail.batv.BatvKeyring;
import io.scatterguard.mail.batv.BatvResult;
import io.scatterguard.mail.batv.BatvVerifier;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's check pipeline behind the milter, driven as Postfix drives it: golden exchanges of
 * milter commands and our replies for each decision the milter makes.
 */
@Timeout(60)
class PipelineMilterTest {
    static final String KEY = "1:milter-test-secret";
    static final String OUTSIDE = "203.0.113.5";
    static final String OUR_NETWORK = "192.0.2.10";

    @TempDir
    Path dir;
    private Milter milter;

    private void start(String extraYaml) throws Exception {
        Path rcpts = Files.writeString(dir.resolve("recipients"), "alice@example.com\nbob@example.com\nno-reply@example.com\n");
        Config c = Config.parse("smtp:\n  host-name: mx.example.com\n  max-message-size: 20k\n"
                + "recipients:\n  file: " + rcpts + "\nbatv:\n  keys: [ \"" + KEY + "\" ]\n"
                + "relay:\n  networks: [ \"192.0.2.0/24\" ]\n"
                + "log:\n  events: " + dir.resolve("events.jsonl") + "\n" + extraYaml, "test.yaml");
        milter = Milter.start(GatewayFactory.build(c, GatewayFactory.Role.MTA_FILTER), new ListenAddress.Inet("127.0.0.1", 0));
    }

    @AfterEach
    void stop() throws IOException {
        if (milter != null) milter.close();
    }

    private MilterTestClient client(String clientAddress) throws IOException {
        MilterTestClient c = MilterTestClient.connect(milter.address());
        c.negotiate();
        assertThat(c.ask(SMFIC_CONNECT, Map.of("j", "mx.example.com", "{daemon_name}", "smtpd"),
                new MtaCommand.Connect("client.example.net", SMFIA_INET, 40000, clientAddress)))
                .isEqualTo(new FilterReply.Continue());
        assertThat(c.ask(new MtaCommand.Helo("client.example.net"))).isEqualTo(new FilterReply.Continue());
        return c;
    }

    /** MAIL, every RCPT, DATA, the message and end of message; returns the replies of each RCPT and of the end. */
    private record Outcome(List<FilterReply> rcpts, List<FilterReply> end) {}

    private Outcome send(MilterTestClient c, Map<String, String> mailMacros, String sender, List<String> rcpts, String message)
            throws IOException {
        assertThat(c.ask(SMFIC_MAIL, mailMacros, new MtaCommand.Mail(List.of("<" + sender + ">", "SIZE=" + message.length()))))
                .isEqualTo(new FilterReply.Continue());
        List<FilterReply> answers = new ArrayList<>();
        boolean any = false;
        for (String r : rcpts) {
            FilterReply a = c.ask(SMFIC_RCPT, Map.of("i", "4Q1a2B3c", "{rcpt_addr}", r), new MtaCommand.Rcpt(List.of("<" + r + ">")));
            answers.add(a);
            any |= a instanceof FilterReply.Continue;
        }
        if (!any) {
            c.send(new MtaCommand.Abort());
            return new Outcome(answers, List.of());
        }
        assertThat(c.ask(new MtaCommand.Data())).isEqualTo(new FilterReply.Continue());
        c.message(TestMessages.header(message), TestMessages.body(message));
        return new Outcome(answers, c.endOfMessage());
    }

    private Outcome send(MilterTestClient c, String sender, List<String> rcpts, String message) throws IOException {
        return send(c, Map.of("i", "4Q1a2B3c"), sender, rcpts, message);
    }

    /** The events written so far, once the milter has finished with every connection. */
    private List<JsonNode> events() throws IOException, InterruptedException {
        for (int i = 0; i < 500 && milter.openConnections() > 0; i++) Thread.sleep(10);
        List<JsonNode> out = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(dir.resolve("events.jsonl"))) out.add(json.readTree(line));
        return out;
    }

    @Test
    void unknownRecipientIsRefusedAtRcptWithOurText() throws Exception {
        start("");
        try (MilterTestClient c = client(OUTSIDE)) {
            Outcome o = send(c, "carol@example.net", List.of("nobody@example.com"), TestMessages.ordinary("carol@example.net",
                    "nobody@example.com", "<1@example.net>"));
            assertThat(o.rcpts()).containsExactly(new FilterReply.ReplyCode(
                    "550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown"));
        }
        JsonNode e = events().get(0);
        assertThat(e.get("stage").asText()).isEqualTo("ABANDONED");
        assertThat(e.get("refusedRecipients").get(0).get("reply").asText()).startsWith("550 5.1.1");
        assertThat(e.get("session").asText()).endsWith("/4Q1a2B3c");
    }

    @Test
    void forgedBounceIsRefusedBeforeTheFinalReplyAndLogged() throws Exception {
        start("");
        try (MilterTestClient c = client(OUTSIDE)) {
            Outcome o = send(c, "", List.of("bob@example.com"), TestMessages.bounce("bob@example.com", "<spam-4711@botnet.example>"));
            assertThat(o.rcpts()).containsExactly(new FilterReply.Continue());
            assertThat(o.end()).hasSize(1);
            assertThat(((FilterReply.ReplyCode) o.end().get(0)).reply())
                    .startsWith("550 5.7.1 This dsn does not answer mail we sent").endsWith("backscatter refused");
        }
        JsonNode e = events().get(0);
        assertThat(e.get("stage").asText()).isEqualTo("END_OF_DATA");
        assertThat(e.get("backscatter").asBoolean()).isTrue();
        assertThat(e.get("category").asText()).isEqualTo("dsn");
        assertThat(e.get("client").asText()).isEqualTo(OUTSIDE);
        assertThat(e.get("reply").asText()).startsWith("550 5.7.1 This dsn does not answer");
        assertThat(e.get("verdicts").toString()).contains("BACKSCATTER_DSN");
    }

    @Test
    void outboundMailIsSignedAndRecordedSoItsBouncesPass() throws Exception {
        start("");
        String tagged;
        try (MilterTestClient c = client(OUR_NETWORK)) {
            Outcome o = send(c, "alice@example.com", List.of("dave@other.example.net"),
                    TestMessages.ordinary("alice@example.com", "dave@other.example.net", "<out-1@example.com>"));
            assertThat(o.rcpts()).containsExactly(new FilterReply.Continue()); // another domain: not ours to refuse
            assertThat(o.end()).hasSize(2).last().isEqualTo(new FilterReply.Continue());
            tagged = PipelineMilter.address(((FilterReply.ChangeFrom) o.end().get(0)).sender());
        }
        BatvVerifier verifier = new BatvVerifier(BatvKeyring.fromSpecs(List.of(KEY)), 7, Clock.systemUTC());
        assertThat(tagged).startsWith("prvs=1").endsWith("=alice@example.com");
        assertThat(verifier.verify(tagged).status()).isEqualTo(BatvResult.Status.VALID);
        try (MilterTestClient c = client(OUTSIDE)) {
            Outcome toTag = send(c, "", List.of(tagged), TestMessages.bounce(tagged, "<out-1@example.com>"));
            assertThat(toTag.rcpts()).containsExactly(new FilterReply.Continue());
            assertThat(toTag.end()).containsExactly(new FilterReply.Continue());
            // Without the tag, the ledger alone recognises the quoted Message-ID.
            Outcome ledgerOnly = send(c, "", List.of("alice@example.com"), TestMessages.bounce("alice@example.com",
                    "<out-1@example.com>"));
            assertThat(ledgerOnly.end()).containsExactly(new FilterReply.Continue());
        }
        List<JsonNode> ev = events();
        assertThat(ev.get(0).get("verdicts").toString()).contains("RELAY_CLIENT", "LEDGER_RECORDED", "BATV_SIGNED");
        assertThat(ev.get(0).get("messageId").asText()).isEqualTo("<out-1@example.com>");
        assertThat(ev.get(1).get("backscatter").asBoolean()).isFalse();
    }

    @Test
    void anAuthenticatedClientAnywhereIsOursAndGetsAMessageIdWhenItSentNone() throws Exception {
        start("");
        FilterReply.AddHeader added;
        try (MilterTestClient c = client(OUTSIDE)) {
            Outcome o = send(c, Map.of("i", "4Q1", "{auth_authen}", "alice", "{auth_type}", "PLAIN"), "alice@example.com",
                    List.of("dave@other.example.net"), TestMessages.ordinary("alice@example.com", "dave@other.example.net", ""));
            assertThat(o.end()).hasSize(3);
            added = (FilterReply.AddHeader) o.end().get(0);
            assertThat(added.name()).isEqualTo("Message-ID");
            assertThat(added.value()).matches(" <[0-9a-f-]{36}@mx\\.example\\.com>"); // leading space: SMFIP_HDR_LEADSPC
            assertThat(o.end().get(1)).isInstanceOf(FilterReply.ChangeFrom.class);
        }
        try (MilterTestClient c = client(OUTSIDE)) {
            Outcome o = send(c, "", List.of("alice@example.com"), TestMessages.bounce("alice@example.com", added.value().strip()));
            assertThat(o.end()).containsExactly(new FilterReply.Continue());
        }
        assertThat(events().get(0).get("verdicts").toString()).contains("AUTHENTICATED", "MESSAGE_ID_ADDED");
    }

    @Test
    void withoutChgfromAllowedOutboundMailIsRecordedButNotSigned() throws Exception {
        start("");
        try (MilterTestClient c = MilterTestClient.connect(milter.address())) {
            c.negotiate(6, SMFIF_ADDHDRS, MilterTestClient.ALL_PROTOCOL);
            c.ask(new MtaCommand.Connect("h", SMFIA_INET, 1, OUR_NETWORK));
            Outcome o = send(c, "alice@example.com", List.of("dave@other.example.net"),
                    TestMessages.ordinary("alice@example.com", "dave@other.example.net", "<out-2@example.com>"));
            assertThat(o.end()).containsExactly(new FilterReply.Continue());
        }
        assertThat(events().get(0).get("verdicts").toString()).contains("LEDGER_RECORDED", "BATV_NOT_SIGNED");
    }

    @Test
    void nullSenderRulesApplyAtRcpt() throws Exception {
        start("");
        try (MilterTestClient c = client(OUTSIDE)) {
            Outcome two = send(c, "", List.of("alice@example.com", "bob@example.com"),
                    TestMessages.bounce("alice@example.com", "<x@example.com>"));
            assertThat(two.rcpts().get(0)).isEqualTo(new FilterReply.Continue());
            assertThat(two.rcpts().get(1)).isEqualTo(new FilterReply.ReplyCode(
                    "550 5.7.1 Bounces have one recipient; refusing a second one for the null sender"));
            Outcome role = send(c, "", List.of("no-reply@example.com"), TestMessages.bounce("no-reply@example.com", "<y@x>"));
            assertThat(role.rcpts()).containsExactly(new FilterReply.ReplyCode(
                    "550 5.7.1 <no-reply@example.com> never sends mail, so it receives no bounces"));
            Outcome badTag = send(c, "", List.of("prvs=1999abcdef=alice@example.com"), "");
            assertThat(((FilterReply.ReplyCode) badTag.rcpts().get(0)).reply())
                    .startsWith("550 5.7.1 <prvs=1999abcdef=alice@example.com>: ");
        }
    }

    @Test
    void anOversizeMessageIsRefusedWith552AndNotKept() throws Exception {
        start("");
        try (MilterTestClient c = client(OUTSIDE)) {
            String big = TestMessages.ordinary("carol@example.net", "alice@example.com", "<big@example.net>")
                    + "x".repeat(100).concat("\r\n").repeat(300);
            Outcome o = send(c, "carol@example.net", List.of("alice@example.com"), big);
            assertThat(o.end()).containsExactly(new FilterReply.ReplyCode("552 5.3.4 Message too big; the limit is 20480 bytes"));
        }
        assertThat(events().get(0).get("size").asLong()).isGreaterThan(20480);
    }

    @Test
    void aCheckThatFailsMakesATemporaryFailureNeverAnAcceptance() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        start("scan:\n  clamd: \"127.0.0.1:" + closedPort + "\"\n  timeout: 2s\n");
        try (MilterTestClient c = client(OUTSIDE)) {
            Outcome o = send(c, "carol@example.net", List.of("alice@example.com"),
                    TestMessages.ordinary("carol@example.net", "alice@example.com", "<2@example.net>"));
            assertThat(((FilterReply.ReplyCode) o.end().get(0)).reply()).startsWith("451 4.3.0 Temporary failure in check clamd");
        }
    }

    @Test
    void ordinaryMailFromOutsideGoesThroughAndTheRebuiltMessageIsWhatWasSent() throws Exception {
        start("");
        try (MilterTestClient c = client(OUTSIDE)) {
            Outcome o = send(c, "carol@example.net", List.of("alice@example.com"),
                    TestMessages.ordinary("carol@example.net", "alice@example.com", "<3@example.net>"));
            assertThat(o.end()).containsExactly(new FilterReply.Continue());
        }
        JsonNode e = events().get(0);
        assertThat(e.get("category").asText()).isEqualTo("ordinary");
        assertThat(e.get("size").asLong()).isEqualTo(TestMessages.ordinary("carol@example.net", "alice@example.com",
                "<3@example.net>").length());
        assertThat(e.get("messageId").asText()).isEqualTo("<3@example.net>");
    }

    @Test
    void anUnknownAddressFamilyFallsBackToTheClientAddrMacro() throws Exception {
        start("");
        try (MilterTestClient c = MilterTestClient.connect(milter.address())) {
            c.negotiate();
            c.ask(SMFIC_CONNECT, Map.of("{client_addr}", OUR_NETWORK), new MtaCommand.Connect("unknown", SMFIA_UNKNOWN, 0, ""));
            Outcome o = send(c, "alice@example.com", List.of("dave@other.example.net"),
                    TestMessages.ordinary("alice@example.com", "dave@other.example.net", "<4@example.com>"));
            assertThat(o.end().get(0)).isInstanceOf(FilterReply.ChangeFrom.class); // recognised as our network
        }
    }
}
