package io.scatterguard.gateway.spf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scatterguard.gateway.dns.DnsResolver;
import io.scatterguard.gateway.spf.SpfEvaluator.Result;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Focused checks of the parts of {@link Rfc7208Evaluator} that the RFC 7208 suite covers thinly:
 * macro expansion against the RFC's own examples, the processing limits and the time budget. Zones
 * are written by hand in the suite's format (see {@link ZoneResolver}).
 */
class Rfc7208EvaluatorTest {
    /** Expands {@code spec} for the RFC 7208 §7.4 example sender, as check_host() would in email.example.com. */
    private static String expand(String ip, String spec) throws SpfException {
        ZoneResolver dns = ZoneResolver.of("{}");
        long[] v6 = new long[2];
        boolean v4 = ip.indexOf(':') < 0;
        int ip4 = v4 ? (int) IpAddresses.parse4(ip) : 0;
        if (!v4) assertThat(IpAddresses.parse6(ip, 0, ip.length(), v6)).isTrue();
        CheckHost ch = new CheckHost(dns, v4, ip4, v6[0], v6[1], "strong-bad", "email.example.com", "mx.example.org",
                "receiver.example.net", System.nanoTime() + 1_000_000_000L);
        assertThat(Macros.isMacroString(spec, Macros.ALL_LETTERS, true)).as("valid macro string: " + spec).isTrue();
        return Macros.expand(spec, "email.example.com", ch);
    }

    // The table of RFC 7208 §7.4, sender strong-bad@email.example.com, client 192.0.2.3, plus the
    // escapes (§7.1: %% %_ %-) and an upper-case macro, which is URL-escaped (§7.3).
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "%{s}                              | strong-bad@email.example.com",
        "%{o}                              | email.example.com",
        "%{d}                              | email.example.com",
        "%{d4}                             | email.example.com",
        "%{d3}                             | email.example.com",
        "%{d2}                             | example.com",
        "%{d1}                             | com",
        "%{dr}                             | com.example.email",
        "%{d2r}                            | example.email",
        "%{l}                              | strong-bad",
        "%{l-}                             | strong.bad",
        "%{lr}                             | strong-bad",
        "%{lr-}                            | bad.strong",
        "%{l1r-}                           | strong",
        "%{ir}.%{v}._spf.%{d2}             | 3.2.0.192.in-addr._spf.example.com",
        "%{lr-}.lp._spf.%{d2}              | bad.strong.lp._spf.example.com",
        "%{lr-}.lp.%{ir}.%{v}._spf.%{d2}   | bad.strong.lp.3.2.0.192.in-addr._spf.example.com",
        "%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}  | 3.2.0.192.in-addr.strong.lp._spf.example.com",
        "%{d2}.trusted-domains.example.net | example.com.trusted-domains.example.net",
        "%%%_%-                            | '% %20'",
        "%{S}                              | strong-bad%40email.example.com",
        "%{c} via %{r}                     | 192.0.2.3 via receiver.example.net",
        "%{p}                              | unknown",
    })
    void expandsTheRfcExamples(String spec, String want) throws SpfException {
        assertThat(expand("192.0.2.3", spec)).isEqualTo(want);
    }

    @Test
    void ipv6ClientsExpandToNibblesAndTheRfc5952Form() throws SpfException {
        // §7.4: "%{ir}.%{v}._spf.%{d2}" for 2001:db8::cb01
        assertThat(expand("2001:DB8::CB01", "%{ir}.%{v}._spf.%{d2}"))
                .isEqualTo("1.0.B.C.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.B.D.0.1.0.0.2.ip6._spf.example.com");
        assertThat(expand("2001:DB8:0:0:1:0:0:1", "%{c}")).isEqualTo("2001:db8::1:0:0:1"); // the first longest run
        assertThat(expand("2001:db8:0:1:1:1:1:1", "%{c}")).isEqualTo("2001:db8:0:1:1:1:1:1"); // one zero group stays
    }

    @Test
    void macroSyntaxIsCheckedBeforeExpansion() {
        assertThat(Macros.isDomainSpec("%{d}")).isTrue(); // may end in a macro
        assertThat(Macros.isDomainSpec("_spf.%{d2}.")).isTrue(); // accepted on purpose, see isDomainSpec
        assertThat(Macros.isDomainSpec("museum.")).isFalse(); // a toplabel alone is not enough
        assertThat(Macros.isDomainSpec("%{d0}.example.com")).isFalse(); // a DIGIT transformer must be nonzero
        assertThat(Macros.isDomainSpec("%{c}.example.com")).isFalse(); // c, r, t only in explanations
        assertThat(Macros.isDomainSpec("example.com%")).isFalse();
        assertThat(Macros.isDomainSpec("example.123")).isFalse(); // toplabel not all numeric
    }

    @Test
    void includeCyclesStopAtTheTermLimit() {
        // a includes b includes a: every include is a DNS-querying term, so the 11th ends it.
        ZoneResolver dns = ZoneResolver.of("""
                a.example.com: [ {TXT: "v=spf1 include:b.example.com -all"} ]
                b.example.com: [ {TXT: "v=spf1 include:a.example.com -all"} ]
                c.example.com: [ {TXT: "v=spf1 redirect=c.example.com"} ]
                """);
        SpfEvaluator spf = new Rfc7208Evaluator(dns);
        assertThat(spf.evaluate("192.0.2.1", "x@a.example.com", "h.example.com").result()).isEqualTo(Result.PERMERROR);
        assertThat(dns.queries()).isEqualTo(11); // the record at a, then one per include until the limit
        assertThat(spf.evaluate("192.0.2.1", "x@c.example.com", "h.example.com").result()).isEqualTo(Result.PERMERROR);
    }

    @Test
    void termsWithoutDnsAreNotCountedButVoidLookupsAre() {
        // 12 ip4 terms cost nothing; two void look-ups are allowed, the third is a permerror. A client
        // without reverse DNS is not a void look-up of the domain's: "ptr" then simply does not match.
        ZoneResolver dns = ZoneResolver.of("""
                many.example.com: [ {TXT: "v=spf1 ip4:10.0.0.1 ip4:10.0.0.2 ip4:10.0.0.3 ip4:10.0.0.4 ip4:10.0.0.5
                  ip4:10.0.0.6 ip4:10.0.0.7 ip4:10.0.0.8 ip4:10.0.0.9 ip4:10.0.0.10 ip4:10.0.0.11 ip4:192.0.2.0/24 -all"} ]
                void2.example.com: [ {TXT: "v=spf1 ptr a:nx1.example.com mx:nx2.example.com ?all"} ]
                void3.example.com: [ {TXT: "v=spf1 a:nx1.example.com mx:nx2.example.com exists:nx3.example.com ?all"} ]
                """);
        SpfEvaluator spf = new Rfc7208Evaluator(dns);
        assertThat(spf.evaluate("192.0.2.1", "x@many.example.com", "h.example.com").result()).isEqualTo(Result.PASS);
        assertThat(spf.evaluate("192.0.2.1", "x@void2.example.com", "h.example.com").result()).isEqualTo(Result.NEUTRAL);
        assertThat(spf.evaluate("192.0.2.1", "x@void3.example.com", "h.example.com").result()).isEqualTo(Result.PERMERROR);
    }

    @Test
    void tenMxNamesAreAllowedElevenAreNot() {
        StringBuilder ten = new StringBuilder();
        for (int i = 0; i < 10; i++) ten.append("{MX: [").append(i).append(", mx").append(i).append(".example.com]}, ");
        ZoneResolver dns = ZoneResolver.of("ten.example.com: [ {TXT: \"v=spf1 mx -all\"}, " + ten + "]\n"
                + "eleven.example.com: [ {TXT: \"v=spf1 mx -all\"}, " + ten + "{MX: [10, mx9.example.com]} ]\n"
                + "mx9.example.com: [ {A: 192.0.2.9} ]\n");
        SpfEvaluator spf = new Rfc7208Evaluator(dns);
        assertThat(spf.evaluate("192.0.2.9", "x@ten.example.com", "h.example.com").result()).isEqualTo(Result.PASS);
        assertThat(spf.evaluate("192.0.2.9", "x@eleven.example.com", "h.example.com").result()).isEqualTo(Result.PERMERROR);
    }

    @Test
    void theNullSenderIsPostmasterAtTheHeloNameAndMappedAddressesAreIpv4() {
        ZoneResolver dns = ZoneResolver.of("""
                helo.example.com: [ {TXT: "v=spf1 ip4:192.0.2.1 -all exp=why.example.com"} ]
                why.example.com: [ {TXT: "%{s} from %{i} refused"} ]
                """);
        SpfEvaluator spf = new Rfc7208Evaluator(dns);
        assertThat(spf.evaluate("::ffff:192.0.2.1", "", "helo.example.com").result()).isEqualTo(Result.PASS);
        assertThat(spf.evaluate("192.0.2.2", "", "helo.example.com"))
                .isEqualTo(new SpfEvaluator.Outcome(Result.FAIL, "postmaster@helo.example.com from 192.0.2.2 refused"));
        assertThat(spf.evaluate("192.0.2.2", "", "[192.0.2.2]").result()).isEqualTo(Result.NONE); // §4.3, no look-up
        assertThatThrownBy(() -> spf.evaluate("192.0.2", "", "helo.example.com")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSlowDnsEndsInTemperrorWithinTheBudget() {
        // Every look-up takes 40 ms; with a 100 ms budget the chain of includes cannot finish.
        ZoneResolver zone = ZoneResolver.of("""
                s.example.com: [ {TXT: "v=spf1 include:s1.example.com include:s2.example.com include:s3.example.com -all"} ]
                s1.example.com: [ {TXT: "v=spf1 ip4:10.0.0.1"} ]
                s2.example.com: [ {TXT: "v=spf1 ip4:10.0.0.2"} ]
                s3.example.com: [ {TXT: "v=spf1 ip4:192.0.2.1"} ]
                """);
        SpfEvaluator slow = new Rfc7208Evaluator(new Slow(zone), "unknown", Duration.ofMillis(100));
        long t0 = System.nanoTime();
        assertThat(slow.evaluate("192.0.2.1", "x@s.example.com", "h.example.com").result()).isEqualTo(Result.TEMPERROR);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(1000));
        // the same policy with time to spare passes
        assertThat(new Rfc7208Evaluator(zone).evaluate("192.0.2.1", "x@s.example.com", "h.example.com").result())
                .isEqualTo(Result.PASS);
    }

    /** Delays every look-up by 40 ms. */
    private record Slow(DnsResolver dns) implements DnsResolver {
        private static <T> T later(T value) {
            try {
                Thread.sleep(40);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return value;
        }

        @Override
        public List<String> a(String name) throws IOException {
            return later(dns.a(name));
        }

        @Override
        public List<String> aaaa(String name) throws IOException {
            return later(dns.aaaa(name));
        }

        @Override
        public List<String> txt(String name) throws IOException {
            return later(dns.txt(name));
        }

        @Override
        public List<String> mx(String name) throws IOException {
            return later(dns.mx(name));
        }

        @Override
        public List<String> ptr(InetAddress address) throws IOException {
            return later(dns.ptr(address));
        }
    }
}
