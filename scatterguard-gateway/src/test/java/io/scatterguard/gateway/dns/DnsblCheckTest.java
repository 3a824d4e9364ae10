package io.scatterguard.gateway.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.gateway.check.CheckChain;
import io.scatterguard.gateway.check.Client;
import io.scatterguard.gateway.check.Contexts;
import io.scatterguard.gateway.check.Mode;
import io.scatterguard.gateway.check.Stage;
import io.scatterguard.gateway.check.Verdict;
import io.scatterguard.gateway.check.builtin.AllowList;
import io.scatterguard.gateway.check.builtin.DnsblCheck;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** DNSBL look-ups over real DNS on loopback (dnsjava client against a test DNS server). */
@Timeout(30)
class DnsblCheckTest {
    private LoopbackDnsServer dns;
    private CheckChain<Contexts.Connect> chain;

    @BeforeEach
    void start() throws IOException {
        dns = new LoopbackDnsServer().add(
                "2.113.0.203.bl.example.test. 60 IN A 127.0.0.2",
                "2.113.0.203.bl.example.test. 60 IN TXT \"Listed: see https://bl.example.test/lookup\"",
                "3.113.0.203.bl.example.test. 60 IN A 127.0.0.10",
                // a reason with a DEL and a non-ASCII byte, as a careless list might publish
                "5.113.0.203.bl.example.test. 60 IN A 127.0.0.2",
                "5.113.0.203.bl.example.test. 60 IN TXT \"Spam\\127source \\233t\\233\"",
                "4.113.0.203.bl.example.test. 60 IN A 127.0.0.2",
                "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.bl.example.test. 60 IN A 127.0.0.2");
        DnsResolver resolver = new DnsJavaResolver(List.of(dns.address()), Duration.ofMillis(700));
        DnsblCheck check = new DnsblCheck(resolver, List.of(DnsblCheck.parseZone("bl.example.test=127.0.0.2,127.0.0.3")),
                new AllowList(List.of("203.0.113.4", "10.0.0.0/8")));
        chain = new CheckChain<>(Stage.CONNECT, List.of(new CheckChain.Entry<>(check, Mode.ENFORCE)));
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    private Verdict connectFrom(String ip) throws IOException {
        return chain.run(new Contexts.Connect(new Client(InetAddress.getByName(ip), "", false))).decision();
    }

    @Test
    void listedClientIsRefusedWithTheZonesExplanation() throws IOException {
        assertThat(connectFrom("203.0.113.2")).isInstanceOfSatisfying(Verdict.Disconnect.class, d -> {
            assertThat(d.symbol()).isEqualTo("RCVD_IN_DNSBL");
            assertThat(d.reply().toString()).isEqualTo("554 5.7.1 Service unavailable; client host [203.0.113.2] blocked using "
                    + "bl.example.test; Listed: see https://bl.example.test/lookup");
        });
        assertThat(connectFrom("2001:db8::1")).isInstanceOf(Verdict.Disconnect.class);
    }

    @Test
    void aReasonWithUnprintableBytesIsCleanedNotFatal() throws IOException {
        assertThat(connectFrom("203.0.113.5")).isInstanceOfSatisfying(Verdict.Disconnect.class,
                d -> assertThat(d.reply().toString()).endsWith("bl.example.test; Spam source  t"));
    }

    @Test
    void unlistedOrUnmappedCodesPass() throws IOException {
        assertThat(connectFrom("203.0.113.9")).isInstanceOf(Verdict.Continue.class); // NXDOMAIN
        assertThat(connectFrom("203.0.113.3")).isInstanceOf(Verdict.Continue.class); // 127.0.0.10 not in the code map
    }

    @Test
    void allowListedClientsAreNotLookedUp() throws IOException {
        assertThat(connectFrom("203.0.113.4")).isInstanceOf(Verdict.Accept.class);
        assertThat(connectFrom("10.1.2.3")).isInstanceOf(Verdict.Accept.class);
    }

    @Test
    void aDnsTimeoutIsATemporaryFailureNotAPass() throws IOException {
        dns.silent(true);
        assertThat(connectFrom("203.0.113.77")).isInstanceOfSatisfying(Verdict.TempFail.class,
                t -> assertThat(t.reply().code()).isEqualTo(451));
    }
}
