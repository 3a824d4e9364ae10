package io.scatterguard.gateway.spf;

import io.scatterguard.gateway.dns.DnsResolver;
import java.time.Duration;

/**
 * SPF (RFC 7208) on our own {@link DnsResolver}: record selection from TXT only (§3.1, §4.5), every
 * mechanism and modifier with dual CIDR lengths, macros with transformers and URL escaping (§7), the
 * explanation of a {@code fail} (§6.2), and the processing limits of §4.6.4 — 10 DNS-querying terms,
 * 2 void look-ups, 10 MX and 10 PTR names — plus an overall time budget after which the result is
 * {@code temperror}. Passes every case of the openspf RFC 7208 test suite ({@code Rfc7208SuiteTest}).
 *
 * <p>Thread-safe: each evaluation has its own state.
 */
public final class Rfc7208Evaluator implements SpfEvaluator {
    /** §4.6.4: "Such a limit SHOULD allow at least 20 seconds." */
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(20);

    private final DnsResolver dns;
    private final String receiver;
    private final long budgetNanos;

    /**
     * @param receiver the receiving host's domain, the value of the {@code %{r}} macro in explanations
     * @param budget   the time after which an evaluation stops with {@code temperror}
     */
    public Rfc7208Evaluator(DnsResolver dns, String receiver, Duration budget) {
        if (budget.isNegative() || budget.isZero()) throw new IllegalArgumentException("SPF time budget must be positive: " + budget);
        this.dns = dns;
        this.receiver = receiver == null || receiver.isBlank() ? "unknown" : receiver;
        this.budgetNanos = budget.toNanos();
    }

    public Rfc7208Evaluator(DnsResolver dns) {
        this(dns, "unknown", DEFAULT_BUDGET);
    }

    /**
     * check_host() for the MAIL FROM identity, or for "postmaster@" + HELO name when the sender is
     * null (§2.4). A sender without local-part stands for postmaster (§4.3).
     *
     * @throws IllegalArgumentException when {@code ip} is not an IPv4 or IPv6 address literal
     */
    @Override
    public Outcome evaluate(String ip, String mailFrom, String helo) {
        String h = helo == null ? "" : helo;
        String from = mailFrom == null ? "" : mailFrom;
        int at = from.lastIndexOf('@');
        String local = at > 0 ? from.substring(0, at) : "postmaster";
        String domain = from.isEmpty() ? h : at < 0 ? from : from.substring(at + 1);
        if (domain.endsWith(".")) domain = domain.substring(0, domain.length() - 1);

        String addr = ip.indexOf('%') >= 0 ? ip.substring(0, ip.indexOf('%')) : ip; // an IPv6 zone id
        long[] v6 = new long[2];
        boolean v4;
        int ip4 = 0;
        if (addr.indexOf(':') < 0) {
            long a = IpAddresses.parse4(addr);
            if (a < 0) throw new IllegalArgumentException("not an IP address: " + ip);
            v4 = true;
            ip4 = (int) a;
        } else {
            if (!IpAddresses.parse6(addr, 0, addr.length(), v6)) throw new IllegalArgumentException("not an IP address: " + ip);
            v4 = IpAddresses.isMapped(v6[0], v6[1]); // §5: an IPv4-mapped address is IPv4
            if (v4) ip4 = (int) v6[1];
        }
        if (!isCheckableDomain(domain)) return new Outcome(Result.NONE, ""); // §4.3
        return new CheckHost(dns, v4, ip4, v6[0], v6[1], local, domain, h, receiver, System.nanoTime() + budgetNanos)
                .run(domain);
    }

    /**
     * §4.3: a malformed domain (an empty or over-long label, a domain literal) or a single label
     * gives "none" without any look-up.
     */
    private static boolean isCheckableDomain(String domain) {
        return domain.length() <= 253 && domain.indexOf('.') > 0 && !domain.startsWith("[")
                && CheckHost.queryName(domain) != null;
    }
}
