package io.scatterguard.tools.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.tools.probe.Probe;
import io.scatterguard.tools.probe.ProbeResult;
import io.scatterguard.tools.probe.ProbeSettings;
import io.scatterguard.tools.probe.ProbeText;
import io.scatterguard.tools.probe.ProbeVerdict;
import io.scatterguard.tools.probe.Target;
import io.scatterguard.tools.probe.Transcript;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The probe against a real Postfix on loopback with STARTTLS (a throw-away certificate): one smtpd
 * that rejects unknown users at RCPT (the default local_recipient_maps) and one that accepts
 * everything and would bounce later ({@code -o local_recipient_maps=}). The probe never sends DATA,
 * so Postfix queues, delivers and bounces nothing.
 */
@Timeout(180)
class ProbePostfixIT {
    private static PrivatePostfix postfix;
    private static int strict;
    private static int lax;

    @BeforeAll
    static void start() throws Exception {
        strict = RealServers.freePort();
        lax = RealServers.freePort();
        postfix = new PrivatePostfix("sg-probe-");
        TestCertificates.generate(postfix.dir, "mx.example.com").writePem(postfix.conf.resolve("cert.pem"),
                postfix.conf.resolve("key.pem"));
        postfix.main(
                        "smtpd_tls_cert_file = " + postfix.conf.resolve("cert.pem"),
                        "smtpd_tls_key_file = " + postfix.conf.resolve("key.pem"),
                        "smtpd_tls_security_level = may",
                        "mynetworks = 192.0.2.0/24") // the probe on 127.0.0.1 is an outsider here: no relaying
                .master("127.0.0.1:" + strict + " inet n - n - - smtpd",
                        "127.0.0.1:" + lax + " inet n - n - - smtpd -o local_recipient_maps=")
                .start(strict, lax);
    }

    @AfterAll
    static void stop() throws Exception {
        if (postfix != null) {
            // Nothing was queued, so nothing can be delivered or bounced.
            assertThat(postfix.queueEmpty()).isTrue();
            assertThat(postfix.logText()).doesNotContain("notification:").doesNotContain("status=");
            postfix.close();
        }
    }

    private static ProbeSettings at(int port) {
        return ProbeSettings.defaults(new Target("127.0.0.1", port)).withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    @Test
    void postfixThatKnowsItsUsersRejectsTheUnknownRecipientAtRcpt() throws Exception {
        ProbeResult r = Probe.run(at(strict).withValidRecipient("root@example.com"));
        ProbeText.write(r, System.out);
        assertThat(r.verdict()).isEqualTo(ProbeVerdict.REJECTS_UNKNOWN);
        assertThat(r.domain()).isEqualTo("example.com");
        assertThat(r.domainFromGreeting()).isTrue();
        assertThat(r.probeReply().code()).isEqualTo(550);
        assertThat(r.probeReply().text()).contains("User unknown in local recipient table");
        assertThat(r.validReply().code()).isEqualTo(250);
        assertThat(r.explanation()).contains("confirmed");
        assertThat(r.tls()).isNotNull();
        assertThat(r.tls().subject()).isEqualTo("CN=mx.example.com");
        assertThat(r.transcript()).extracting(Transcript.Line::toString).contains("C: STARTTLS", "C: RSET", "C: QUIT")
                .noneMatch(l -> l.startsWith("C: DATA"));
        PrivatePostfix.await("the refusal in the log", 10, () -> {
            try {
                return postfix.logText().contains("NOQUEUE: reject: RCPT from");
            } catch (java.io.IOException e) {
                return false;
            }
        });
    }

    @Test
    void postfixWithoutLocalRecipientMapsAcceptsAnythingAndIsABackscatterer() {
        ProbeResult r = Probe.run(at(lax).withDomain("example.com"));
        ProbeText.write(r, System.out);
        assertThat(r.verdict()).isEqualTo(ProbeVerdict.ACCEPTS_UNKNOWN);
        assertThat(r.verdict().exitCode()).isEqualTo(1);
        assertThat(r.probeReply().code()).isEqualTo(250);
        assertThat(r.tls()).isNotNull();
    }

    @Test
    void theNullSenderAndNoTls() {
        ProbeResult r = Probe.run(at(lax).withDomain("example.com").withSender("").withTls(false));
        assertThat(r.verdict()).isEqualTo(ProbeVerdict.ACCEPTS_UNKNOWN);
        assertThat(r.tls()).isNull();
        assertThat(r.transcript()).extracting(Transcript.Line::toString).contains("C: MAIL FROM:<>")
                .noneMatch(l -> l.startsWith("C: STARTTLS"));
    }

    @Test
    void aDomainThePostfixDoesNotServeIsRelayDenied() {
        ProbeResult r = Probe.run(at(strict).withDomain("elsewhere.example"));
        assertThat(r.verdict()).isEqualTo(ProbeVerdict.REFUSED);
        assertThat(r.probeReply().text()).contains("Relay access denied");
        assertThat(r.explanation()).contains("relaying denied");
    }
}
