package io.scatterguard.gateway.spf;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.gateway.check.CheckChain;
import io.scatterguard.gateway.check.Client;
import io.scatterguard.gateway.check.Contexts;
import io.scatterguard.gateway.check.Mode;
import io.scatterguard.gateway.check.Stage;
import io.scatterguard.gateway.check.Verdict;
import io.scatterguard.gateway.check.builtin.SpfCheck;
import io.scatterguard.gateway.dns.DnsJavaResolver;
import io.scatterguard.gateway.dns.LoopbackDnsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SPF at MAIL over real DNS on loopback. */
@Timeout(30)
class SpfCheckTest {
    private LoopbackDnsServer dns;
    private CheckChain<Contexts.Mail> chain;

    @BeforeEach
    void start() throws IOException {
        dns = new LoopbackDnsServer().add(
                "allowed.example.test. 60 IN TXT \"v=spf1 ip4:127.0.0.0/8 -all\"",
                "strict.example.test. 60 IN TXT \"v=spf1 ip4:192.0.2.1 -all\"",
                "soft.example.test. 60 IN TXT \"v=spf1 ~all\"",
                "helo.example.test. 60 IN TXT \"v=spf1 -all\"",
                "explained.example.test. 60 IN TXT \"v=spf1 -all exp=why.example.test\"",
                "why.example.test. 60 IN TXT \"%{i} may not send for %{d}; see https://%{d}/spf\"");
        DnsJavaResolver resolver = new DnsJavaResolver(List.of(dns.address()), Duration.ofMillis(700));
        SpfEvaluator spf = new Rfc7208Evaluator(resolver);
        chain = new CheckChain<>(Stage.MAIL, List.of(new CheckChain.Entry<>(new SpfCheck(spf, false), Mode.ENFORCE)));
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    /** The chain's decision, or the SPF check's own verdict when nothing objected (to see its symbol). */
    private Verdict mail(String sender, String helo) throws IOException {
        var r = chain.run(new Contexts.Mail(new Client(InetAddress.getByName("127.0.0.1"), helo, false), sender));
        return r.decision() instanceof Verdict.Continue ? r.verdicts().get(0) : r.decision();
    }

    @Test
    void passSoftfailAndNoneGoOn() throws IOException {
        assertThat(mail("a@allowed.example.test", "c.test")).isInstanceOf(Verdict.Continue.class)
                .extracting(Verdict::symbol).isEqualTo("SPF_PASS");
        assertThat(mail("a@soft.example.test", "c.test").symbol()).isEqualTo("SPF_SOFTFAIL");
        assertThat(mail("a@nothing.example.test", "c.test").symbol()).isEqualTo("SPF_NONE");
    }

    @Test
    void hardFailIsRefused() throws IOException {
        assertThat(mail("a@strict.example.test", "c.test")).isInstanceOfSatisfying(Verdict.Reject.class, r -> {
            assertThat(r.reply().code()).isEqualTo(550);
            assertThat(r.reply().status()).isEqualTo("5.7.23");
        });
    }

    @Test
    void theDomainsExplanationIsPartOfTheRefusal() throws IOException {
        assertThat(mail("a@explained.example.test", "c.test")).isInstanceOfSatisfying(Verdict.Reject.class,
                r -> assertThat(r.reply().text()).endsWith(
                        ": 127.0.0.1 may not send for explained.example.test; see https://explained.example.test/spf"));
    }

    @Test
    void nullSenderIsJudgedByItsHeloName() throws IOException {
        assertThat(mail("", "helo.example.test")).isInstanceOf(Verdict.Reject.class);
    }

    @Test
    void dnsTroubleIsATemporaryFailure() throws IOException {
        dns.silent(true);
        assertThat(mail("a@strict2.example.test", "c.test")).isInstanceOfSatisfying(Verdict.TempFail.class,
                t -> assertThat(t.reply().code()).isEqualTo(451));
    }
}
