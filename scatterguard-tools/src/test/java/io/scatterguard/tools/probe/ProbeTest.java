package io.scatterguard.tools.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.tools.it.TestCertificates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe against a scripted fake server: every way a real server can answer, refuse, stall or
 * misbehave. After every test: the client never sent DATA.
 */
@Timeout(30)
class ProbeTest {
    private final List<ScriptedSmtpServer> servers = new ArrayList<>();

    @TempDir
    Path dir;

    private ScriptedSmtpServer server(ScriptedSmtpServer.Script... scripts) throws Exception {
        ScriptedSmtpServer s = new ScriptedSmtpServer(scripts);
        servers.add(s);
        return s;
    }

    private static ProbeSettings settings(ScriptedSmtpServer s) {
        return ProbeSettings.defaults(s.target()).withDomain("example.com").withSender("probe@probe.example")
                .withHeloName("probe.example").withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5))
                .withLocalParts(() -> "sg-probe-test");
    }

    /** Greeting and EHLO as most servers do them, without STARTTLS. */
    private static void hello(ScriptedSmtpServer.Session s) throws Exception {
        s.send("220 mx.example.com ESMTP");
        s.expect("EHLO", "250-mx.example.com", "250-PIPELINING", "250-SIZE 10240000", "250 8BITMIME");
    }

    @AfterEach
    void neverData() throws Exception {
        for (ScriptedSmtpServer s : servers) {
            s.close();
            assertThat(s.received()).noneMatch(l -> l.toUpperCase(java.util.Locale.ROOT).startsWith("DATA")
                    || l.toUpperCase(java.util.Locale.ROOT).startsWith("BDAT"));
        }
    }

    @Test
    void aMultiLineRefusalAtRcptMeansItRejectsUnknownRecipients() throws Exception {
        ScriptedSmtpServer s = server(c -> {
            hello(c);
            c.expect("MAIL FROM:<PROBE@PROBE.EXAMPLE>", "250 2.1.0 Ok");
            c.expect("RCPT TO:<SG-PROBE-TEST@EXAMPLE.COM>", "550-5.1.1 The email account that you tried to reach does not exist.",
                    "550-5.1.1 Please try double-checking the recipient's email address for typos",
                    "550 5.1.1 or unnecessary spaces.");
            c.expect("RSET", "250 2.0.0 Ok");
            c.expect("QUIT", "221 2.0.0 Bye");
        });
        ProbeResult r = Probe.run(settings(s));
        assertThat(r.verdict()).isEqualTo(ProbeVerdict.REJECTS_UNKNOWN);
        assertThat(r.verdict().exitCode()).isZero();
        assertThat(r.probeReply().code()).isEqualTo(550);
        assertThat(r.probeReply().lines()).hasSize(3);
        assertThat(r.probeReply().enhancedStatus()).isEqualTo("5.1.1");
        assertThat(r.probeRecipient()).isEqualTo("sg-probe-test@example.com");
        assertThat(r.tlsNote()).isEqualTo("not offered by the server");
        assertThat(r.transcript()).extracting(Transcript.Line::toString).contains("C: RSET", "C: QUIT", "S: 221 2.0.0 Bye");
        assertThat(s.failures()).isEmpty();
    }

    @Test
    void acceptingTheUnknownRecipientMakesABackscattererEvenWithTheKnownGoodOneAccepted() throws Exception {
        ScriptedSmtpServer s = server(c -> {
            hello(c);
            c.expect("MAIL", "250 2.1.0 Ok");
            c.expect("RCPT TO:<SG-PROBE-TEST@", "250 2.1.5 Ok");
            c.expect("RCPT TO:<ALICE@EXAMPLE.COM>", "250 2.1.5 Ok");
            c.answerRestUntilQuit();
        });
        ProbeResult r = Probe.run(settings(s).withValidRecipient("alice@example.com"));
        assertThat(r.verdict()).isEqualTo(ProbeVerdict.ACCEPTS_UNKNOWN);
        assertThat(r.verdict().exitCode()).isEqualTo(1);
        assertThat(r.explanation()).contains("backscatter").contains("catch-all").contains("known-good address was accepted too");
        assertThat(s.received()).containsSubsequence("RCPT TO:<sg-probe-test@example.com>", "RCPT TO:<alice@example.com>", "RSET",
                "QUIT");
    }

    @Test
    void aKnownGoodAddressConfirmsTheRefusalIsAboutTheRecipient() throws Exception {
        ScriptedSmtpServer s = server(c -> {
            hello(c);
            c.expect("MAIL", "250 2.1.0 Ok");
            c.expect("RCPT", "550 5.1.1 <sg-probe-test@example.com>: Recipient address rejected: User unknown in local recipient table");
            c.expect("RCPT", "250 2.1.5 Ok");
            c.answerRestUntilQuit();
        });
        ProbeResult r = Probe.run(settings(s).withValidRecipient("alice@example.com"));
        assertThat(r.verdict()).isEqualTo(ProbeVerdict.REJECTS_UNKNOWN);
        assertThat(r.explanation()).contains("confirmed");
        assertThat(r.validReply().code()).isEqualTo(250);
    }

    @Test
    void refusingTheKnownGoodAddressTooTellsNothing() throws Exception {
        ScriptedSmtpServer s = server(c -> {
            hello(c);
            c.expect("MAIL", "250 2.1.0 Ok");
            c.expect("RCPT", "550 5.1.1 User unknown");
            c.expect("RCPT", "550 5.1.1 User unknown");
            c.answerRestUntilQuit();
        });
        ProbeResult r = Probe.run(settings(s).withValidRecipient("alice@example.com"));
        assertThat(r.verdict()).isEqualTo(ProbeVerdict.REFUSED);
        assertThat(r.explanation()).contains("known-good address was refused too");
    }

    @Test
    void aTemporaryFailureAtRcptIsInconclusive() throws Exception {
        ScriptedSmtpServer s = server(c -> {
            hello(c);
            c.expect("MAIL", "250 2.1.0 Ok");
            c.expect("RCPT", "450 4.2.0 <sg-probe-test@example.com>: Recipient address rejected: Greylisted, see https://postgrey.schweikert.ch/help/example.com.html");
            c.answerRestUntilQuit();
        });
        ProbeResult r = Probe.run(settings(s));
        assertThat(r.verdict()).isEqualTo(ProbeVerdict.TEMPFAIL);
        assertThat(r.verdict().exitCode()).isEqualTo(2);
        assertThat(r.explanation()).contains("greylisting").contains("Probe again");
    }

    @Test
    void refusedInTheGreeting() throws Exception {
        ScriptedSmtpServer s = server(c -> {
            c.send("554 5.7.1 mx.example.com: your IP is listed at zen.spamhaus.org");
            c.answerRestUntilQuit();
        });
        ProbeResult r = Probe.run(settings(s));
        assertThat(r.verdict()).isEqualTo(ProbeVerdict.REFUSED);
        assertThat(r.stage()).isEqualTo("GREETING");
        assertThat(r.probeRecipient()).isEmpty();
        assertThat(s.received()).containsExactly("QUIT");
    }

    @Test
    void aTemporaryRefusalInTheGreetingIsATempfail() throws Exception {
        ScriptedSmtpServer s = server(c -> {
            c.send("421 4.3.2 Service not available, closing transmission channel");
            c.close();
        });
        ProbeResult r = Probe.run(settings(s));
        assertThat(r.verdict()).isEqualTo(ProbeVerdict.TEMPFAIL);
        assertThat(r.transcript()).extracting(Transcript.Line::toString).anyMatch(l -> l.startsWith("*  QUIT:"));
    }

    @Test
    void refusedAtMailWithAHintAboutTheSender() throws Exception {
        ScriptedSmtpServer s = server(c -> {
            hello(c);
            c.expect("MAIL", "553 5.7.1 <probe@probe.example>: Sender address rejected: not owned by user");
            c.answerRestUntilQuit();
        });
        ProbeResult r = Probe.run(settings(s));
        assertThat(r.verdict()).isEqualTo(ProbeVerdict.REFUSED);
        assertThat(r.stage()).isEqualTo("MAIL");
        assertThat(r.explanation()).contains("--from").contains("--null-sender");
        assertThat(s.received()).noneMatch(l -> l.startsWith("RCPT"));
    }

    @Test
    void relayingDeniedMeansTheDomainIsNotServedThere() throws Exception {
        ScriptedSmtpServer s = server(c -> {
            hello(c);
            c.expect("MAIL", "250 2.1.0 Ok");
            c.expect("RCPT", "554 5.7.1 <sg-probe-test@example.com>: Relay access denied");
            c.answerRestUntilQuit();
        });
        ProbeResult r = Probe.run(settings(s));
        assertThat(r.verdict()).isEqualTo(ProbeVerdict.REFUSED);
        assertThat(r.explanation()).contains("relaying denied").contains("--domain");
    }

    @Test
    void relayingDeferredAsPostfixDoesByDefaultIsStillRelayDenied() throws Exception {
        ScriptedSmtpServer s = server(c -> {
            hello(c);
            c.expect("MAIL", "250 2.1.0 Ok");
            c.expect("RCPT", "454 4.7.1 <sg-probe-test@example.com>: Relay access denied");
            c.answerRestUntilQuit();
        });
        ProbeResult r = Probe.run(settings(s));
        assertThat(r.verdict()).isEqualTo(ProbeVerdict.REFUSED);
        assertThat(r.explanation()).contains("relaying denied");
    }

    @Test
    void aBlockListRefusalAtRcptRefusesTheProbeNotTheRecipient() throws Exception {
        ScriptedSmtpServer s = server(c -> {
            hello(c);
            c.expect("MAIL", "250 2.1.0 Ok");
            c.expect("RCPT", "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org");
            c.answerRestUntilQuit();
        });
        assertThat(Probe.run(settings(s)).verdict()).isEqualTo(ProbeVerdict.REFUSED);
    }

    @Test
    void ehloRefusedFallsBackToHelo() throws Exception {
        ScriptedSmtpServer s = server(c -> {
            c.send("220 old.example.com SMTP");
            c.expect("EHLO", "502 5.5.2 Error: command not recognized");
            c.expect("HELO PROBE.EXAMPLE", "250 old.example.com");
            c.expect("MAIL", "250 Ok");
            c.expect("RCPT", "550 No such user here");
            c.answerRestUntilQuit();
        });
        ProbeResult r = Probe.run(settings(s));
        assertThat(r.verdict()).isEqualTo(ProbeVerdict.REJECTS_UNKNOWN);
        assertThat(r.probeReply().enhancedStatus()).isEmpty();
    }

    @Test
    void theDomainComesFromTheGreetingWhenNotGiven() throws Exception {
        ScriptedSmtpServer s = server(c -> {
            c.send("220 mx1.mail.example.org ESMTP ready");
            c.expect("EHLO", "250 mx1.mail.example.org");
            c.expect("MAIL", "250 Ok");
            c.expect("RCPT TO:<SG-PROBE-TEST@MAIL.EXAMPLE.ORG>", "550 5.1.1 unknown");
            c.answerRestUntilQuit();
        });
        ProbeResult r = Probe.run(settings(s).withDomain(null));
        assertThat(r.domain()).isEqualTo("mail.example.org");
        assertThat(r.domainFromGreeting()).isTrue();
        assertThat(r.verdict()).isEqualTo(ProbeVerdict.REJECTS_UNKNOWN);
    }

    @Test
    void withoutADomainAndANamelessGreetingItAsksForDomain() throws Exception {
        ScriptedSmtpServer s = server(c -> {
            c.send("220 ESMTP ready");
            c.answerRestUntilQuit();
        });
        ProbeResult r = Probe.run(settings(s).withDomain(null));
        assertThat(r.verdict()).isEqualTo(ProbeVerdict.ERROR);
        assertThat(r.explanation()).contains("--domain");
    }

    @Test
    void theNullSender() throws Exception {
        ScriptedSmtpServer s = server(c -> {
            hello(c);
            c.expect("MAIL FROM:<>", "250 2.1.0 Ok");
            c.expect("RCPT", "550 5.1.1 unknown");
            c.answerRestUntilQuit();
        });
        ProbeResult r = Probe.run(settings(s).withSender(""));
        assertThat(r.sender()).isEmpty();
        assertThat(r.verdict()).isEqualTo(ProbeVerdict.REJECTS_UNKNOWN);
    }

    @Test
    void aSilentServerTimesOutAtTheReplyTimeout() throws Exception {
        ScriptedSmtpServer s = server(c -> c.read()); // accepts, never greets
        long start = System.nanoTime();
        ProbeResult r = Probe.run(settings(s).withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(500)));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        assertThat(r.verdict()).isEqualTo(ProbeVerdict.ERROR);
        assertThat(r.verdict().exitCode()).isEqualTo(3);
        assertThat(r.explanation()).contains("no complete reply within 0.5 s").contains("greeting");
    }

    @Test
    void aServerThatTricklesOneByteAtATimeCannotHoldTheProbe() throws Exception {
        ScriptedSmtpServer s = server(c -> {
            for (char ch : "220 mx.example.com ESMTP slowly, slowly".toCharArray()) {
                c.raw(String.valueOf(ch));
                Thread.sleep(150);
            }
            c.read();
        });
        long start = System.nanoTime();
        ProbeResult r = Probe.run(settings(s).withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(700)));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(r.verdict()).isEqualTo(ProbeVerdict.ERROR);
        assertThat(r.explanation()).contains("no complete reply");
    }

    @Test
    void somethingThatIsNotSmtpIsAProtocolError() throws Exception {
        ScriptedSmtpServer s = server(c -> {
            c.send("HTTP/1.1 400 Bad Request", "Content-Type: text/html", "");
            c.read();
        });
        ProbeResult r = Probe.run(settings(s));
        assertThat(r.verdict()).isEqualTo(ProbeVerdict.ERROR);
        assertThat(r.explanation()).contains("not an SMTP reply").contains("HTTP/1.1 400 Bad Request");
    }

    @Test
    void aMultiLineReplyWithChangingCodesIsAProtocolError() throws Exception {
        ScriptedSmtpServer s = server(c -> {
            c.send("220 mx.example.com");
            c.expect("EHLO", "250-mx.example.com", "550 but then this");
            c.read();
        });
        ProbeResult r = Probe.run(settings(s));
        assertThat(r.verdict()).isEqualTo(ProbeVerdict.ERROR);
        assertThat(r.explanation()).contains("different codes 250 and 550");
    }

    @Test
    void anEndlessLineIsCutOff() throws Exception {
        ScriptedSmtpServer s = server(c -> {
            c.raw("220 " + "x".repeat(10_000));
            c.read();
        });
        ProbeResult r = Probe.run(settings(s));
        assertThat(r.verdict()).isEqualTo(ProbeVerdict.ERROR);
        assertThat(r.explanation()).contains("longer than 2048 bytes");
    }

    @Test
    void controlCharactersFromTheServerDoNotReachTheTerminal() throws Exception {
        ScriptedSmtpServer s = server(c -> {
            c.send("220 mx.example.com \u001b[31mred\u001b[0m");
            c.expect("EHLO", "250 ok");
            c.expect("MAIL", "250 ok");
            c.expect("RCPT", "550 5.1.1 no");
            c.answerRestUntilQuit();
        });
        ProbeResult r = Probe.run(settings(s));
        assertThat(r.transcript()).extracting(Transcript.Line::text).noneMatch(l -> l.indexOf('\u001b') >= 0)
                .contains("220 mx.example.com ?[31mred?[0m");
    }

    @Test
    void aServerThatHangsUpMidConversationIsAnError() throws Exception {
        ScriptedSmtpServer s = server(c -> {
            hello(c);
            c.expect("MAIL");
            c.close();
        });
        ProbeResult r = Probe.run(settings(s));
        assertThat(r.verdict()).isEqualTo(ProbeVerdict.ERROR);
        assertThat(r.stage()).isEqualTo("MAIL");
        assertThat(r.explanation()).contains("closed the connection");
    }

    @Test
    void aServerThatHangsUpAfterAnsweringRcptStillGetsItsVerdict() throws Exception {
        ScriptedSmtpServer s = server(c -> {
            hello(c);
            c.expect("MAIL", "250 Ok");
            c.expect("RCPT", "550 5.1.1 unknown user");
            c.close();
        });
        ProbeResult r = Probe.run(settings(s));
        assertThat(r.verdict()).isEqualTo(ProbeVerdict.REJECTS_UNKNOWN);
    }

    @Test
    void nobodyListeningIsAConnectionError() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ProbeResult r = Probe.run(ProbeSettings.defaults(new Target("127.0.0.1", port)).withDomain("example.com")
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)));
        assertThat(r.verdict()).isEqualTo(ProbeVerdict.ERROR);
        assertThat(r.stage()).isEqualTo("CONNECT");
        assertThat(r.explanation()).contains("cannot connect");
    }

    @Test
    void startTlsWhenOfferedAcceptingAnyCertificate() throws Exception {
        SSLContext tls = TestCertificates.generate(dir, "mx.example.test").serverContext();
        ScriptedSmtpServer s = server(c -> {
            c.send("220 mx.example.com ESMTP");
            c.expect("EHLO", "250-mx.example.com", "250-STARTTLS", "250 8BITMIME");
            c.expect("STARTTLS", "220 2.0.0 Ready to start TLS");
            c.startTls(tls);
            c.expect("EHLO", "250-mx.example.com", "250 8BITMIME");
            c.expect("MAIL", "250 Ok");
            c.expect("RCPT", "550 5.1.1 unknown user");
            c.answerRestUntilQuit();
        });
        ProbeResult r = Probe.run(settings(s));
        assertThat(r.verdict()).isEqualTo(ProbeVerdict.REJECTS_UNKNOWN);
        assertThat(r.tls()).isNotNull();
        assertThat(r.tls().protocol()).startsWith("TLSv1.");
        assertThat(r.tls().subject()).isEqualTo("CN=mx.example.test");
        assertThat(r.transcript()).extracting(Transcript.Line::text).anyMatch(l -> l.contains("not verified"));
        assertThat(s.failures()).isEmpty();
    }

    @Test
    void aFailedHandshakeIsRetriedWithoutTls() throws Exception {
        ScriptedSmtpServer s = server(c -> {
            c.send("220 mx.example.com ESMTP");
            c.expect("EHLO", "250-mx.example.com", "250 STARTTLS");
            c.expect("STARTTLS", "220 2.0.0 Ready to start TLS");
            c.raw("this is not a TLS server hello\r\n");
            c.close();
        }, c -> {
            c.send("220 mx.example.com ESMTP");
            c.expect("EHLO", "250-mx.example.com", "250 STARTTLS");
            c.expect("MAIL", "250 Ok");
            c.expect("RCPT", "250 Ok");
            c.answerRestUntilQuit();
        });
        ProbeResult r = Probe.run(settings(s));
        assertThat(s.connections()).isEqualTo(2);
        assertThat(r.tls()).isNull();
        assertThat(r.tlsNote()).contains("TLS handshake failed").contains("probed without TLS");
        assertThat(r.verdict()).isEqualTo(ProbeVerdict.ACCEPTS_UNKNOWN);
    }

    @Test
    void startTlsRefusedContinuesInPlainText() throws Exception {
        ScriptedSmtpServer s = server(c -> {
            c.send("220 mx.example.com ESMTP");
            c.expect("EHLO", "250-mx.example.com", "250 STARTTLS");
            c.expect("STARTTLS", "454 4.7.0 TLS not available due to local problem");
            c.expect("MAIL", "250 Ok");
            c.expect("RCPT", "550 5.1.1 unknown");
            c.answerRestUntilQuit();
        });
        ProbeResult r = Probe.run(settings(s));
        assertThat(r.verdict()).isEqualTo(ProbeVerdict.REJECTS_UNKNOWN);
        assertThat(r.tlsNote()).contains("454 4.7.0");
    }

    @Test
    void noTlsWhenAskedNotTo() throws Exception {
        ScriptedSmtpServer s = server(c -> {
            c.send("220 mx.example.com ESMTP");
            c.expect("EHLO", "250-mx.example.com", "250 STARTTLS");
            c.expect("MAIL", "250 Ok");
            c.expect("RCPT", "550 5.1.1 unknown");
            c.answerRestUntilQuit();
        });
        ProbeResult r = Probe.run(settings(s).withTls(false));
        assertThat(r.tlsNote()).isEqualTo("not used (--no-tls)");
        assertThat(s.received()).noneMatch(l -> l.startsWith("STARTTLS"));
    }
}
