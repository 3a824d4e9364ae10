package io.scatterguard.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scatterguard.gateway.config.Config;
import io.scatterguard.gateway.core.GatewayFactory;
import io.scatterguard.gateway.net.ListenAddress;
import io.scatterguard.gateway.net.LogCapture;
import io.scatterguard.mail.batv.BatvKeyring;
import io.scatterguard.mail.batv.BatvSigner;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The policy service over its socket, with requests written the way Postfix's smtpd writes them. */
@Timeout(60)
class PolicyServiceTest {
    static final String KEY = "1:policy-test-secret";

    @TempDir
    Path dir;
    private PolicyServer server;

    private void start(boolean withRecipients, String extraYaml) throws Exception {
        String rcpts = "";
        if (withRecipients) {
            Path f = Files.writeString(dir.resolve("recipients"), "alice@example.com\nbob@example.com\nno-reply@example.com\n");
            rcpts = "recipients:\n  file: " + f + "\n";
        }
        Config c = Config.parse(rcpts + "batv:\n  keys: [ \"" + KEY + "\" ]\nrelay:\n  networks: [ \"192.0.2.0/24\" ]\n"
                + "log:\n  events: " + dir.resolve("events.jsonl") + "\n" + extraYaml, "policy.yaml");
        server = PolicyServer.start(GatewayFactory.build(c, GatewayFactory.Role.MTA_FILTER), new ListenAddress.Inet("127.0.0.1", 0));
    }

    @AfterEach
    void stop() throws IOException {
        if (server != null) server.close();
    }

    /** One Postfix connection to the service. */
    private final class Conn implements AutoCloseable {
        final Socket socket;
        final BufferedReader in;
        final OutputStream out;

        Conn() throws IOException {
            ListenAddress.Inet a = (ListenAddress.Inet) server.address();
            socket = new Socket(a.host(), a.port());
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
        }

        private int messages;

        /** A request about a message of its own (a fresh Postfix instance). */
        String ask(String state, String sender, String recipient, int count, String... extra) throws IOException {
            return askAbout("1a2b." + (++messages) + ".0", state, sender, recipient, count, extra);
        }

        /** Sends a request about message {@code instance}; returns the action (checking the reply's framing). */
        String askAbout(String instance, String state, String sender, String recipient, int count, String... extra)
                throws IOException {
            StringBuilder sb = new StringBuilder("request=smtpd_access_policy\nprotocol_state=" + state
                    + "\nprotocol_name=ESMTP\nclient_address=203.0.113.5\nclient_name=client.example.net\n"
                    + "helo_name=client.example.net\nqueue_id=8045F2AB23\nsender=" + sender + "\nrecipient=" + recipient
                    + "\nrecipient_count=" + count + "\ninstance=" + instance + "\nsize=0\nsasl_method=\nsasl_username=\n");
            for (String e : extra) sb.append(e).append('\n');
            return raw(sb.append('\n').toString());
        }

        String raw(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
            String action = in.readLine();
            assertThat(in.readLine()).as("empty line after the action").isEmpty();
            assertThat(action).startsWith("action=");
            return action.substring(7);
        }

        boolean closedByServer() throws IOException {
            return in.read() < 0;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void rcptChecksAnswerWithOurRepliesManyRequestsPerConnection() throws Exception {
        start(true, "");
        String tagged = new BatvSigner(BatvKeyring.fromSpecs(List.of(KEY))).sign("alice@example.com");
        try (Conn c = new Conn()) {
            assertThat(c.ask("RCPT", "carol@example.net", "alice@example.com", 0)).isEqualTo("DUNNO");
            assertThat(c.ask("RCPT", "carol@example.net", "nobody@example.com", 0))
                    .isEqualTo("550 5.1.1 User unknown"); // Postfix adds "<nobody@example.com>: Recipient address rejected: "
            // Postfix sends recipient_count=0 with every RCPT: the service counts per message (instance) itself.
            assertThat(c.askAbout("bounce.1", "RCPT", "", "alice@example.com", 0)).isEqualTo("DUNNO");
            assertThat(c.askAbout("bounce.1", "RCPT", "", "bob@example.com", 0))
                    .isEqualTo("550 5.7.1 Bounces have one recipient; refusing a second one for the null sender");
            assertThat(c.askAbout("bounce.2", "RCPT", "", "bob@example.com", 0)).isEqualTo("DUNNO");
            assertThat(c.ask("RCPT", "", "no-reply@example.com", 0))
                    .isEqualTo("550 5.7.1 <no-reply@example.com> never sends mail, so it receives no bounces");
            assertThat(c.ask("RCPT", "", "prvs=1999abcdef=alice@example.com", 0))
                    .startsWith("550 5.7.1 <prvs=1999abcdef=alice@example.com>: ");
            assertThat(c.ask("RCPT", "", tagged, 0)).isEqualTo("DUNNO");
            assertThat(c.ask("END-OF-MESSAGE", "", "alice@example.com", 1)).isEqualTo("DUNNO");
            assertThat(c.ask("VRFY", "", "nobody@example.com", 0)).isEqualTo("DUNNO");
        }
        List<String> lines = Files.readAllLines(dir.resolve("events.jsonl"));
        assertThat(lines).hasSize(4); // the refusals
        JsonNode e = new ObjectMapper().readTree(lines.get(0));
        assertThat(e.get("stage").asText()).isEqualTo("RCPT");
        assertThat(e.get("session").asText()).endsWith("/8045F2AB23");
        assertThat(e.get("refusedRecipients").get(0).get("reply").asText()).startsWith("550 5.1.1");
        assertThat(e.get("verdicts").toString()).contains("RCPT_UNKNOWN");
    }

    @Test
    void ourOwnUsersAreNotJudged() throws Exception {
        start(true, "");
        try (Conn c = new Conn()) {
            assertThat(c.ask("RCPT", "alice@example.com", "dave@other.example.net", 0, "sasl_username=alice"))
                    .isEqualTo("DUNNO");
            String fromOurNet = c.raw("request=smtpd_access_policy\nprotocol_state=RCPT\nclient_address=192.0.2.10\n"
                    + "sender=alice@example.com\nrecipient=dave@other.example.net\nrecipient_count=0\n\n");
            assertThat(fromOurNet).isEqualTo("DUNNO");
            assertThat(c.ask("RCPT", "alice@example.com", "dave@other.example.net", 0)).isEqualTo("554 5.7.1 "
                    + "<dave@other.example.net>: Relay access denied");
        }
    }

    @Test
    void withoutARecipientsFileTheMtaDecidesWhoExists() throws Exception {
        start(false, "");
        try (Conn c = new Conn()) {
            assertThat(c.ask("RCPT", "carol@example.net", "nobody@example.com", 0)).isEqualTo("DUNNO");
            assertThat(c.askAbout("m", "RCPT", "", "nobody@example.com", 0)).isEqualTo("DUNNO");
            assertThat(c.askAbout("m", "RCPT", "", "somebody@example.com", 0)).startsWith("550 5.7.1 Bounces have one recipient");
        }
        try (Conn c = new Conn()) { // a reconnecting client does not reset what the service knows of the message
            assertThat(c.askAbout("m", "RCPT", "", "third@example.com", 0)).startsWith("550 5.7.1 Bounces have one recipient");
        }
    }

    @Test
    void aFailingCheckDefersUnlessSomethingElseRefuses() throws Exception {
        int deadPort;
        try (DatagramSocket s = new DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            deadPort = s.getLocalPort();
        }
        start(true, "dnsbl:\n  zones: [ \"zen.example.org\" ]\ndns:\n  servers: [ \"127.0.0.1:" + deadPort + "\" ]\n"
                + "  timeout: 500ms\n");
        try (Conn c = new Conn()) {
            assertThat(c.ask("CONNECT", "", "", 0)).startsWith("DEFER_IF_PERMIT 4.3.0 Temporary failure in check dnsbl");
        }
    }

    @Test
    void malformedOrOversizedRequestsAreDeferredAndTheConnectionClosed() throws Exception {
        start(true, "");
        try (LogCapture log = new LogCapture(PolicyServer.class)) {
            try (Conn c = new Conn()) {
                assertThat(c.raw("GET / HTTP/1.0\n\n")).isEqualTo("DEFER_IF_PERMIT 4.5.0 Malformed or oversized policy request");
                assertThat(c.closedByServer()).isTrue();
            }
            try (Conn c = new Conn()) {
                assertThat(c.raw("request=smtpd_access_policy\nsender=" + "x".repeat(10_000) + "\n\n"))
                        .startsWith("DEFER_IF_PERMIT");
                assertThat(c.closedByServer()).isTrue();
            }
            for (int i = 0; i < 200 && server.openConnections() > 0; i++) Thread.sleep(10);
            assertThat(server.openConnections()).isZero();
            assertThat(log.text()).contains("not a name=value line: 'GET / HTTP/1.0'; answering DEFER_IF_PERMIT and closing")
                    .contains("line longer than 8192 bytes");
        }
    }

    @Test
    void aFailureOfTheServiceItselfIsADeferNeverAnAcceptance() throws Exception {
        PolicyService broken = new PolicyService(null, null, null); // every request fails inside
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (LogCapture log = new LogCapture(PolicyServer.class)) {
            PolicyServer.serve(broken, "t", new ByteArrayInputStream(("request=smtpd_access_policy\nprotocol_state=RCPT\n"
                    + "recipient=a@example.com\n\n").getBytes(StandardCharsets.UTF_8)), out);
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("action=" + PolicyService.INTERNAL_ERROR + "\n\n");
            assertThat(log.text()).contains("deciding failed");
        }
    }

    @Test
    void aRequestOtherThanTheAccessPolicyGetsNoOpinion() throws Exception {
        start(true, "");
        try (Conn c = new Conn()) {
            assertThat(c.raw("request=something_else\nrecipient=nobody@example.com\n\n")).isEqualTo("DUNNO");
        }
    }
}
