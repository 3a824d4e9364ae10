package io.scatterguard.gateway.milter;

import static io.scatterguard.gateway.milter.MilterProtocol.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.gateway.net.ListenAddress;
import io.scatterguard.gateway.net.LogCapture;
import io.scatterguard.gateway.net.StreamServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The protocol engine against a scripted filter: negotiation, replies per step, robustness. */
@Timeout(30)
class MilterSessionTest {
    /** Records every call and answers as told. */
    static final class Scripted implements MilterFilter {
        final List<String> calls;
        final Negotiated negotiated;
        final Script script;

        Scripted(List<String> calls, Negotiated negotiated, Script script) {
            this.calls = calls;
            this.negotiated = negotiated;
            this.script = script;
        }

        @Override
        public FilterReply connect(MtaCommand.Connect c, Macros m) {
            calls.add("connect " + c.address() + " j=" + m.get("j"));
            return script.connect;
        }

        @Override
        public FilterReply helo(String name, Macros m) {
            calls.add("helo " + name);
            return new FilterReply.Continue();
        }

        @Override
        public FilterReply mail(List<String> args, Macros m) {
            calls.add("mail " + args + " auth=" + m.get("{auth_authen}") + " j=" + m.get("j"));
            return new FilterReply.Continue();
        }

        @Override
        public FilterReply rcpt(List<String> args, Macros m) {
            calls.add("rcpt " + args.get(0) + " i=" + m.get("i"));
            if (script.failAt.equals("rcpt")) throw new IllegalStateException("boom");
            return script.rcpt;
        }

        @Override
        public FilterReply data(Macros m) {
            calls.add("data");
            return new FilterReply.Continue();
        }

        @Override
        public void header(String name, String value) {
            calls.add("header " + name + ":" + value);
            if (script.failAt.equals("header")) throw new IllegalStateException("boom");
        }

        @Override
        public void endOfHeaders() {
            calls.add("eoh");
        }

        @Override
        public void body(byte[] chunk) {
            calls.add("body " + chunk.length);
        }

        @Override
        public EndOfMessage endOfMessage(Macros m) {
            calls.add("eom i=" + m.get("i"));
            if (script.failAt.equals("eom")) throw new IllegalStateException("boom");
            try {
                Thread.sleep(script.eomDelay.toMillis());
            } catch (InterruptedException e) {
                calls.add("eom interrupted");
                Thread.currentThread().interrupt();
            }
            return script.eom;
        }

        @Override
        public void abort() {
            calls.add("abort");
        }

        @Override
        public void close() {
            calls.add("close");
        }
    }

    static final class Script {
        FilterReply connect = new FilterReply.Continue();
        FilterReply rcpt = new FilterReply.Continue();
        String failAt = "";
        Duration eomDelay = Duration.ZERO;
        MilterFilter.EndOfMessage eom = new MilterFilter.EndOfMessage(List.of(), new FilterReply.Continue());
    }

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final Script script = new Script();
    private StreamServer server;

    @BeforeEach
    void start() throws IOException {
        server = serve(new ListenAddress.Inet("127.0.0.1", 0), Duration.ofSeconds(30));
    }

    private StreamServer serve(ListenAddress a, Duration idle) throws IOException {
        MilterFilter.Factory f = new MilterFilter.Factory() {
            @Override
            public MilterFilter open(String id, Negotiated n) {
                calls.add("open " + id);
                return new Scripted(calls, n, script);
            }

            @Override
            public Map<Integer, String> wantedMacros() {
                return Map.of(SMFIM_ENVFROM, "{auth_authen}");
            }
        };
        return new StreamServer("milter", a, 10, idle,
                c -> new MilterSession(c.id(), c.in(), c.out(), f, Duration.ofMillis(50), c::touch).run());
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private MilterTestClient client() throws IOException {
        return MilterTestClient.connect(server.address());
    }

    private void awaitNoConnections() throws InterruptedException {
        for (int i = 0; i < 200 && server.openConnections() > 0; i++) Thread.sleep(10);
        assertThat(server.openConnections()).as("connections still served").isZero();
        for (int i = 0; i < 200 && !connectionThreads().isEmpty(); i++) Thread.sleep(10);
        assertThat(connectionThreads()).as("threads of finished connections").isEmpty();
    }

    /** The live threads serving this test's milter connections. */
    private static List<String> connectionThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("milter-conn-")).toList();
    }

    @Test
    void negotiatesOnlyWhatItNeedsWithinWhatPostfixOffers() throws IOException {
        try (MilterTestClient c = client()) {
            FilterReply.Negotiate n = c.negotiate();
            assertThat(n.version()).isEqualTo(6);
            assertThat(n.actions()).isEqualTo(SMFIF_CHGFROM | SMFIF_ADDHDRS | SMFIF_QUARANTINE | SMFIF_SETSYMLIST);
            assertThat(n.protocol()).isEqualTo(SMFIP_NOUNKNOWN | SMFIP_NOEOH | SMFIP_NR_HDR | SMFIP_NR_EOH | SMFIP_NR_BODY
                    | SMFIP_HDR_LEADSPC);
            assertThat(n.macros()).containsExactly(Map.entry(SMFIM_ENVFROM, "{auth_authen}"));
        }
    }

    @Test
    void anOldMtaGetsItsOwnVersionAndOnlyWhatItOffered() throws IOException {
        try (MilterTestClient c = client()) {
            FilterReply.Negotiate n = c.negotiate(2, SMFIF_ADDHDRS | SMFIF_CHGBODY, 0x7f);
            assertThat(n.version()).isEqualTo(2);
            assertThat(n.actions()).isEqualTo(SMFIF_ADDHDRS);
            assertThat(n.protocol()).isEqualTo(SMFIP_NOEOH);
            assertThat(n.macros()).isEmpty();
        }
    }

    @Test
    void version1IsRefusedWithALogLine() throws Exception {
        try (LogCapture log = new LogCapture(MilterSession.class); MilterTestClient c = client()) {
            c.send(new MtaCommand.OptionNegotiation(1, 0, 0));
            assertThat(c.closedByFilter()).isTrue();
            awaitNoConnections();
            assertThat(log.text()).contains("the MTA speaks milter protocol version 1; at least 2 is needed; closing");
        }
    }

    @Test
    void aWholeTransactionWithNoReplyFlagsAnswersOnlyTheStepsPostfixWaitsFor() throws Exception {
        try (MilterTestClient c = client()) {
            c.negotiate();
            assertThat(c.ask(SMFIC_CONNECT, Map.of("j", "mx.example.com"),
                    new MtaCommand.Connect("client.example.net", SMFIA_INET, 40000, "192.0.2.7")))
                    .isEqualTo(new FilterReply.Continue());
            assertThat(c.ask(new MtaCommand.Helo("client.example.net"))).isEqualTo(new FilterReply.Continue());
            assertThat(c.ask(SMFIC_MAIL, Map.of("{auth_authen}", "alice"), new MtaCommand.Mail(List.of("<a@example.net>"))))
                    .isEqualTo(new FilterReply.Continue());
            assertThat(c.ask(SMFIC_RCPT, Map.of("i", "4XyZ"), new MtaCommand.Rcpt(List.of("<b@example.com>"))))
                    .isEqualTo(new FilterReply.Continue());
            assertThat(c.ask(new MtaCommand.Data())).isEqualTo(new FilterReply.Continue());
            c.send(new MtaCommand.Header("Subject", " hello")); // no replies: SMFIP_NR_HDR
            c.send(new MtaCommand.Body("hi\r\n".getBytes(StandardCharsets.US_ASCII))); // SMFIP_NR_BODY
            assertThat(c.endOfMessage()).containsExactly(new FilterReply.Continue());
            c.send(new MtaCommand.Quit());
            assertThat(c.closedByFilter()).isTrue();
        }
        awaitNoConnections();
        assertThat(calls).containsExactly("open 1", "connect 192.0.2.7 j=mx.example.com", "helo client.example.net",
                "mail [<a@example.net>] auth=alice j=mx.example.com", "rcpt <b@example.com> i=4XyZ", "data",
                "header Subject: hello", "body 4", "eom i=4XyZ", "close");
    }

    @Test
    void withoutNoReplyFlagsEveryHeaderAndChunkIsAnsweredAndTheSpaceIsRestored() throws Exception {
        try (MilterTestClient c = client()) {
            c.negotiate(6, MilterTestClient.ALL_ACTIONS, 0);
            c.ask(new MtaCommand.Connect("h", SMFIA_INET, 1, "192.0.2.7"));
            c.ask(new MtaCommand.Mail(List.of("<a@example.net>")));
            assertThat(c.ask(new MtaCommand.Header("Subject", "hello"))).isEqualTo(new FilterReply.Continue());
            assertThat(c.ask(new MtaCommand.Header("X-Tab", "\tvalue"))).isEqualTo(new FilterReply.Continue());
            assertThat(c.ask(new MtaCommand.EndOfHeaders())).isEqualTo(new FilterReply.Continue());
            assertThat(c.ask(new MtaCommand.Body(new byte[10]))).isEqualTo(new FilterReply.Continue());
            assertThat(c.ask(new MtaCommand.Unknown("XYZZY"))).isEqualTo(new FilterReply.Continue());
            assertThat(c.endOfMessage()).containsExactly(new FilterReply.Continue());
        }
        assertThat(calls).contains("header Subject: hello", "header X-Tab:\tvalue", "eoh", "body 10");
    }

    @Test
    void macrosOfAMessageAreForgottenAtAbortButTheConnectionsStay() throws Exception {
        try (MilterTestClient c = client()) {
            c.negotiate();
            c.ask(SMFIC_CONNECT, Map.of("j", "mx.example.com"), new MtaCommand.Connect("h", SMFIA_INET, 1, "192.0.2.7"));
            c.ask(SMFIC_MAIL, Map.of("{auth_authen}", "alice"), new MtaCommand.Mail(List.of("<a@example.net>")));
            c.send(new MtaCommand.Abort());
            c.ask(new MtaCommand.Mail(List.of("<c@example.net>")));
            c.send(new MtaCommand.Quit());
            c.closedByFilter();
        }
        awaitNoConnections();
        assertThat(calls).contains("abort", "mail [<c@example.net>] auth= j=mx.example.com");
    }

    @Test
    void slowEndOfMessageChecksSendProgressAndThenTheDecisionWithAllowedChangesOnly() throws Exception {
        script.eomDelay = Duration.ofMillis(400);
        script.eom = new MilterFilter.EndOfMessage(List.of(new FilterReply.ChangeFrom("<prvs=x=a@example.com>", ""),
                new FilterReply.Quarantine("held")),
                new FilterReply.ReplyCode("550 5.7.1 refused"));
        try (LogCapture log = new LogCapture(MilterSession.class); MilterTestClient c = client()) {
            c.negotiate(6, SMFIF_CHGFROM, MilterTestClient.ALL_PROTOCOL); // quarantine not offered
            c.ask(new MtaCommand.Connect("h", SMFIA_INET, 1, "192.0.2.7"));
            c.ask(new MtaCommand.Mail(List.of("<a@example.net>")));
            List<FilterReply> replies = c.endOfMessage();
            assertThat(replies.get(0)).isEqualTo(new FilterReply.Progress());
            assertThat(replies.subList(replies.size() - 2, replies.size())).containsExactly(
                    new FilterReply.ChangeFrom("<prvs=x=a@example.com>", ""), new FilterReply.ReplyCode("550 5.7.1 refused"));
            assertThat(replies).doesNotContain(new FilterReply.Quarantine("held"));
            assertThat(log.text()).contains("the MTA did not allow Quarantine[reason=held]; not applied");
        }
    }

    @Test
    void aFilterThatThrowsIsAnsweredWithATemporaryFailureNeverAnAcceptance() throws Exception {
        script.failAt = "rcpt";
        try (LogCapture log = new LogCapture(MilterSession.class); MilterTestClient c = client()) {
            c.negotiate();
            c.ask(new MtaCommand.Connect("h", SMFIA_INET, 1, "192.0.2.7"));
            c.ask(new MtaCommand.Mail(List.of("<a@example.net>")));
            assertThat(c.ask(new MtaCommand.Rcpt(List.of("<b@example.com>")))).isEqualTo(MilterSession.INTERNAL_ERROR);
            assertThat(MilterSession.INTERNAL_ERROR.reply()).startsWith("451 4.3.0 ");
            assertThat(log.text()).contains("the filter failed at RCPT; answering 451 4.3.0");
        }
    }

    @Test
    void aFailureWhileTheMessageStreamsInMakesItsEndATemporaryFailure() throws Exception {
        script.failAt = "header";
        try (MilterTestClient c = client()) {
            c.negotiate();
            c.ask(new MtaCommand.Connect("h", SMFIA_INET, 1, "192.0.2.7"));
            c.ask(new MtaCommand.Mail(List.of("<a@example.net>")));
            c.send(new MtaCommand.Header("Subject", " x"));
            c.send(new MtaCommand.Header("From", " y"));
            assertThat(c.endOfMessage()).containsExactly(MilterSession.INTERNAL_ERROR);
            // the next message on the same connection is judged afresh
            script.failAt = "";
            c.ask(new MtaCommand.Mail(List.of("<a@example.net>")));
            assertThat(c.endOfMessage()).containsExactly(new FilterReply.Continue());
        }
        assertThat(calls).doesNotContain("header From: y").contains("eom i=");
    }

    @Test
    void anEndOfMessageFailureIsATemporaryFailure() throws Exception {
        script.failAt = "eom";
        try (MilterTestClient c = client()) {
            c.negotiate();
            c.ask(new MtaCommand.Connect("h", SMFIA_INET, 1, "192.0.2.7"));
            c.ask(new MtaCommand.Mail(List.of("<a@example.net>")));
            assertThat(c.endOfMessage()).containsExactly(MilterSession.INTERNAL_ERROR);
        }
    }

    @Test
    void rcptBeforeMailIsATemporaryFailure() throws Exception {
        try (MilterTestClient c = client()) {
            c.negotiate();
            c.ask(new MtaCommand.Connect("h", SMFIA_INET, 1, "192.0.2.7"));
            assertThat(c.ask(new MtaCommand.Rcpt(List.of("<b@example.com>")))).isEqualTo(MilterSession.INTERNAL_ERROR);
        }
        assertThat(calls).noneMatch(x -> x.startsWith("rcpt"));
    }

    @Test
    void unknownCommandCodeClosesTheConnectionWithALogLine() throws Exception {
        try (LogCapture log = new LogCapture(MilterSession.class); MilterTestClient c = client()) {
            c.negotiate();
            c.sendRaw(new byte[] {0, 0, 0, 1, 'Z'});
            assertThat(c.closedByFilter()).isTrue();
            awaitNoConnections();
            assertThat(log.text()).contains("unknown command 'Z' (0 data bytes); closing the connection");
        }
    }

    @Test
    void oversizePacketClosesTheConnectionWithoutReadingIt() throws Exception {
        try (LogCapture log = new LogCapture(MilterSession.class); MilterTestClient c = client()) {
            c.negotiate();
            c.sendRaw(new byte[] {0x10, 0, 0, 0, 'B'});
            assertThat(c.closedByFilter()).isTrue();
            awaitNoConnections();
            assertThat(log.text()).contains("oversize packet: 268435456 bytes announced");
        }
    }

    @Test
    void commandsBeforeNegotiationOrConnectAreProtocolErrors() throws Exception {
        try (LogCapture log = new LogCapture(MilterSession.class)) {
            try (MilterTestClient c = client()) {
                c.send(new MtaCommand.Helo("x"));
                assertThat(c.closedByFilter()).isTrue();
            }
            try (MilterTestClient c = client()) {
                c.negotiate();
                c.send(new MtaCommand.Mail(List.of("<a@example.net>")));
                assertThat(c.closedByFilter()).isTrue();
            }
            awaitNoConnections();
            assertThat(log.text()).contains("HELO before option negotiation").contains("MAIL before SMFIC_CONNECT");
        }
    }

    @Test
    void anMtaThatDisconnectsMidMessageLeavesNoThreadAndALogLine() throws Exception {
        try (LogCapture log = new LogCapture(MilterSession.class)) {
            try (MilterTestClient c = client()) {
                c.negotiate();
                c.ask(new MtaCommand.Connect("h", SMFIA_INET, 1, "192.0.2.7"));
                c.ask(new MtaCommand.Mail(List.of("<a@example.net>")));
                c.send(new MtaCommand.Header("Subject", " x"));
            }
            awaitNoConnections();
            assertThat(log.text()).contains("the MTA closed the connection in the middle of a message (last step header)");
            try (MilterTestClient c = client()) {
                c.negotiate();
                c.ask(new MtaCommand.Connect("h", SMFIA_INET, 1, "192.0.2.7"));
                c.ask(new MtaCommand.Mail(List.of("<a@example.net>")));
                byte[] header = new byte[] {0, 0, 0, 100, 'L', 'S'}; // announces 99 bytes, sends 1
                c.sendRaw(header);
            }
            awaitNoConnections();
            assertThat(log.text()).contains("truncated packet: 'L' announced 99 data bytes, the connection ended after 1");
        }
        assertThat(calls).filteredOn("close"::equals).hasSize(2);
    }

    @Test
    void quitNewConnectionStartsAFreshFilterOnTheSameSocket() throws Exception {
        try (MilterTestClient c = client()) {
            c.negotiate();
            c.ask(new MtaCommand.Connect("h", SMFIA_INET, 1, "192.0.2.7"));
            c.send(new MtaCommand.QuitNewConnection());
            c.ask(new MtaCommand.Connect("h", SMFIA_INET, 1, "192.0.2.8"));
            c.send(new MtaCommand.Quit());
            c.closedByFilter();
        }
        awaitNoConnections();
        assertThat(calls).containsExactly("open 1", "connect 192.0.2.7 j=", "close", "open 1.2", "connect 192.0.2.8 j=", "close");
    }

    @Test
    void aRefusedConnectionIsAnsweredWithTheReplyCode() throws Exception {
        script.connect = new FilterReply.ReplyCode("554 5.7.1 listed");
        try (MilterTestClient c = client()) {
            c.negotiate();
            assertThat(c.ask(new MtaCommand.Connect("h", SMFIA_INET, 1, "192.0.2.7")))
                    .isEqualTo(new FilterReply.ReplyCode("554 5.7.1 listed"));
        }
    }

    @Test
    void idleConnectionsAreClosedByTheWatchdog() throws Exception {
        server.close();
        server = serve(new ListenAddress.Inet("127.0.0.1", 0), Duration.ofMillis(300));
        try (MilterTestClient c = client()) {
            c.negotiate();
            long t0 = System.nanoTime();
            assertThat(c.closedByFilter()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        }
        awaitNoConnections();
    }

    @Test
    void servesOnAUnixDomainSocketAndReplacesAStaleSocketFile(@TempDir Path dir) throws Exception {
        server.close();
        Path sock = dir.resolve("milter.sock");
        StreamServer first = serve(new ListenAddress.Unix(sock), Duration.ofSeconds(30));
        // A second server on the same live socket is refused.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> serve(new ListenAddress.Unix(sock), Duration.ofSeconds(30)))
                .hasMessageContaining("another process is listening there");
        first.close();
        Files.writeString(dir.resolve("plain-file"), "x");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> serve(new ListenAddress.Unix(dir.resolve("plain-file")),
                Duration.ofSeconds(30))).hasMessageContaining("a file that is not a socket is in the way");
        server = serve(new ListenAddress.Unix(sock), Duration.ofSeconds(30));
        assertThat(Files.getPosixFilePermissions(sock)).hasToString("[OWNER_READ, OWNER_WRITE, GROUP_READ, GROUP_WRITE]");
        try (MilterTestClient c = client()) {
            assertThat(c.negotiate().version()).isEqualTo(6);
            assertThat(c.ask(new MtaCommand.Connect("localhost", SMFIA_UNIX, 0, "/dev/null")))
                    .isEqualTo(new FilterReply.Continue());
        }
        server.close();
        assertThat(sock).doesNotExist();
    }
}
