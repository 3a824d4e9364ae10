package io.scatterguard.gateway.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The look-ups SPF needs, against a real DNS server on loopback. */
@Timeout(30)
class DnsJavaResolverTest {
    private LoopbackDnsServer server;
    private DnsJavaResolver dns;

    @BeforeEach
    void start() throws IOException {
        server = new LoopbackDnsServer().add(
                "host.example.test. 60 IN A 192.0.2.10",
                "host.example.test. 60 IN AAAA 2001:db8::10",
                "example.test. 60 IN MX 20 mx2.example.test.",
                "example.test. 60 IN MX 10 mx1.example.test.",
                "nullmx.example.test. 60 IN MX 0 .",
                // two character-strings, a quote and the octet 0x96 (\DDD is decimal): returned as published
                "example.test. 60 IN TXT \"v=spf1 \" \"-all \\\"x\\\" \\150\"",
                "10.2.0.192.in-addr.arpa. 60 IN PTR host.example.test.",
                "0.1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa. 60 IN PTR host.example.test.");
        dns = new DnsJavaResolver(List.of(server.address()), Duration.ofMillis(300));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void answersEachTypeWithoutFinalDots() throws IOException {
        assertThat(dns.a("host.example.test")).containsExactly("192.0.2.10");
        assertThat(dns.aaaa("host.example.test")).hasSize(1).allSatisfy(a ->
                assertThat(InetAddress.getByName(a)).isEqualTo(InetAddress.getByName("2001:db8::10")));
        assertThat(dns.mx("example.test")).containsExactly("mx1.example.test", "mx2.example.test");
        assertThat(dns.mx("nullmx.example.test")).containsExactly("");
        assertThat(dns.txt("example.test")).containsExactly("v=spf1 -all \"x\" \u0096");
        assertThat(dns.ptr(InetAddress.getByName("192.0.2.10"))).containsExactly("host.example.test");
        assertThat(dns.ptr(InetAddress.getByName("2001:db8::10"))).containsExactly("host.example.test");
    }

    @Test
    void noSuchNameAndNoDataAreEmptyButSilenceIsAFailure() throws IOException {
        assertThat(dns.a("nothing.example.test")).isEmpty(); // NXDOMAIN
        assertThat(dns.aaaa("example.test")).isEmpty(); // NODATA
        assertThat(dns.ptr(InetAddress.getByName("192.0.2.99"))).isEmpty();
        server.silent(true);
        assertThatThrownBy(() -> dns.mx("other.example.test")).isInstanceOf(DnsResolver.DnsFailure.class);
    }
}
