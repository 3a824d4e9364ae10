package io.scatterguard.gateway.check.builtin;

import io.scatterguard.gateway.check.Check;
import io.scatterguard.gateway.check.Contexts;
import io.scatterguard.gateway.check.Verdict;
import io.scatterguard.gateway.dns.DnsResolver;
import io.scatterguard.mail.model.Reply;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;

/**
 * CONNECT: DNS block lists (RFC 5782). The client's address is reversed under each zone; an A
 * record whose value is in the zone's listing codes refuses the connection with 554 5.7.1 and the
 * zone's explanation (its TXT record when there is one). Addresses in the allow list are never
 * looked up. A failed look-up throws, and the chain answers 451 rather than guess.
 */
public final class DnsblCheck implements Check<Contexts.Connect> {
    /** A block list's TXT reason is published as raw bytes: only printable ASCII goes into our reply. */
    private static final java.util.regex.Pattern UNPRINTABLE = java.util.regex.Pattern.compile("[^\\x20-\\x7e]");

    /**
     * @param zone   e.g. "zen.spamhaus.org"
     * @param codes  the answers that mean "listed" (e.g. 127.0.0.2-127.0.0.11); empty = any 127.0.0.x
     */
    public record Zone(String zone, Set<String> codes) {}

    private final DnsResolver dns;
    private final List<Zone> zones;
    private final AllowList allow;

    public DnsblCheck(DnsResolver dns, List<Zone> zones, AllowList allow) {
        this.dns = dns;
        this.zones = List.copyOf(zones);
        this.allow = allow;
    }

    @Override
    public String name() {
        return "dnsbl";
    }

    @Override
    public Verdict evaluate(Contexts.Connect c) throws IOException {
        InetAddress ip = c.client().address();
        if (allow.contains(ip)) return new Verdict.Accept(name(), "CLIENT_ALLOWED");
        String reversed = reverse(ip);
        for (Zone z : zones) {
            String q = reversed + "." + z.zone();
            for (String answer : dns.a(q)) {
                if (z.codes().isEmpty() ? answer.startsWith("127.") : z.codes().contains(answer)) {
                    List<String> txt = dns.txt(q);
                    String why = txt.isEmpty() ? "listed by " + z.zone() : txt.get(0);
                    return new Verdict.Disconnect(name(), "RCVD_IN_DNSBL", Reply.of(554, "5.7.1",
                            "Service unavailable; client host [" + ip.getHostAddress() + "] blocked using " + z.zone()
                                    + "; " + UNPRINTABLE.matcher(why).replaceAll(" ")));
                }
            }
        }
        return new Verdict.Continue(name(), "");
    }

    /** d.c.b.a for IPv4; nibbles in reverse for IPv6 (RFC 5782 §2.4). */
    static String reverse(InetAddress ip) {
        byte[] b = ip.getAddress();
        StringBuilder sb = new StringBuilder();
        if (ip instanceof Inet4Address) {
            for (int i = 3; i >= 0; i--) sb.append(b[i] & 0xff).append(i > 0 ? "." : "");
        } else if (ip instanceof Inet6Address) {
            for (int i = 15; i >= 0; i--) {
                sb.append(Character.forDigit(b[i] & 0xf, 16)).append('.').append(Character.forDigit((b[i] >> 4) & 0xf, 16));
                if (i > 0) sb.append('.');
            }
        }
        return sb.toString();
    }

    /** Zone specs as written in configuration: "zone" or "zone=127.0.0.2,127.0.0.3". */
    public static Zone parseZone(String spec) {
        int eq = spec.indexOf('=');
        if (eq < 0) return new Zone(spec.strip(), Set.of());
        Set<String> codes = Set.copyOf(List.of(spec.substring(eq + 1).split("[,;]")).stream().map(String::strip)
                .filter(s -> !s.isEmpty()).toList());
        return new Zone(spec.substring(0, eq).strip(), codes);
    }

}
