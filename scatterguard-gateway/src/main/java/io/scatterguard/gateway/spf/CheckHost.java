package io.scatterguard.gateway.spf;

import io.scatterguard.gateway.dns.DnsResolver;
import io.scatterguard.gateway.spf.SpfEvaluator.Outcome;
import io.scatterguard.gateway.spf.SpfEvaluator.Result;
import io.scatterguard.gateway.spf.SpfRecord.Mechanism;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * One SPF evaluation: RFC 7208's check_host() (§4), recursing for include and redirect, with the
 * state its limits need. Every include and redirect counts against the limit of 10 DNS-querying
 * terms (§4.6.4), so cycles end in {@code permerror} after at most ten steps. Used once, by one
 * thread.
 */
final class CheckHost implements Macros.Values {
    static final int MAX_DNS_TERMS = 10;
    static final int MAX_VOID_LOOKUPS = 2;
    /** More MX names than this is a permerror (§4.6.4): the domain's owner controls them. */
    static final int MAX_MX_NAMES = 10;
    /** PTR names beyond this are ignored (§4.6.4): the client's owner controls them. */
    static final int MAX_PTR_NAMES = 10;
    private static final int MAX_NAME = 253;
    private static final int MAX_LABEL = 63;

    private enum Type { A, AAAA, TXT, MX }

    private final DnsResolver dns;
    private final boolean v4;
    private final int ip4;
    private final long hi;
    private final long lo;
    private final String sender;
    private final String local;
    private final String senderDomain;
    private final String helo;
    private final String receiver;
    private final long deadline;
    private final long[] scratch = new long[2];
    private int dnsTerms;
    private int voidLookups;
    private List<String> validatedNames;
    /** The exp= of the record whose mechanism gave the last FAIL, and that record's domain (§6.2). */
    private String expSpec;
    private String expDomain;

    /**
     * @param v4       whether the client is IPv4 (IPv4-mapped IPv6 addresses are, §5)
     * @param ip4      the IPv4 address; {@code hi}, {@code lo} the IPv6 one
     * @param deadline a {@link System#nanoTime()} after which no look-up starts (§4.6.4: temperror)
     */
    CheckHost(DnsResolver dns, boolean v4, int ip4, long hi, long lo, String local, String senderDomain, String helo,
            String receiver, long deadline) {
        this.dns = dns;
        this.v4 = v4;
        this.ip4 = ip4;
        this.hi = hi;
        this.lo = lo;
        this.local = local;
        this.senderDomain = senderDomain;
        this.sender = local + "@" + senderDomain;
        this.helo = helo;
        this.receiver = receiver;
        this.deadline = deadline;
    }

    /** check_host() for the sender's domain, then the explanation if the result is FAIL. */
    Outcome run(String domain) {
        Result r;
        try {
            r = checkHost(domain);
        } catch (SpfException e) {
            r = e.result();
        }
        return new Outcome(r, r == Result.FAIL && expSpec != null ? explain() : "");
    }

    private Result checkHost(String domain) throws SpfException {
        String text = null;
        for (String txt : queryOrTemp(Type.TXT, domain)) {
            if (!SpfRecord.isSpf(txt)) continue;
            if (text != null) throw SpfException.perm("more than one SPF record at " + domain); // §4.5
            text = txt;
        }
        if (text == null) return Result.NONE;
        SpfRecord rec = SpfRecord.parse(text);
        for (Mechanism m : rec.mechanisms()) {
            if (m.looksUp()) countDnsTerm();
            if (matches(m, domain)) {
                if (m.qualifier() == Result.FAIL) {
                    expSpec = rec.exp();
                    expDomain = domain;
                }
                return m.qualifier();
            }
        }
        if (rec.redirect() == null) return Result.NEUTRAL;
        countDnsTerm();
        String target = targetName(rec.redirect(), domain);
        Result r = target == null ? Result.NONE : checkHost(target);
        if (r == Result.NONE) throw SpfException.perm("redirect= to " + target + " finds no SPF record"); // §6.1
        return r;
    }

    private boolean matches(Mechanism m, String domain) throws SpfException {
        return switch (m.kind()) {
            case ALL -> true;
            case IP4 -> v4 && IpAddresses.inPrefix4(ip4, (int) m.hi(), m.cidr4());
            case IP6 -> !v4 && IpAddresses.inPrefix6(hi, lo, m.hi(), m.lo(), m.cidr6());
            case A -> {
                String name = target(m, domain);
                yield name != null && matchesHost(name, m, true);
            }
            case MX -> mx(target(m, domain), m);
            case PTR -> ptr(target(m, domain));
            case EXISTS -> {
                String name = target(m, domain);
                if (name == null) yield false;
                if (!queryOrTemp(Type.A, name).isEmpty()) yield true; // A even for IPv6 clients (§5.7)
                countVoidLookup();
                yield false;
            }
            case INCLUDE -> include(target(m, domain));
        };
    }

    /** §5.2: pass matches; fail, softfail, neutral do not; none is a permerror; errors propagate. */
    private boolean include(String name) throws SpfException {
        Result r = name == null ? Result.NONE : checkHost(name);
        return switch (r) {
            case PASS -> true;
            case FAIL, SOFTFAIL, NEUTRAL -> false;
            default -> throw SpfException.perm("include:" + name + " finds no SPF record");
        };
    }

    /** §5.4: the addresses of up to 10 exchanges; a null MX has none. */
    private boolean mx(String name, Mechanism m) throws SpfException {
        if (name == null) return false;
        List<String> hosts = queryOrTemp(Type.MX, name);
        if (hosts.isEmpty()) {
            countVoidLookup();
            return false;
        }
        if (hosts.size() > MAX_MX_NAMES) throw SpfException.perm(name + " has more than " + MAX_MX_NAMES + " MX records");
        for (String host : hosts) {
            if (!host.isEmpty() && matchesHost(host, m, false)) return true;
        }
        return false;
    }

    /**
     * §5.5: a validated name of the client that is the target or below it. Only the first 10 PTR
     * names count; a DNS error on the PTR look-up is no match, on an address look-up skips the name.
     * An empty PTR answer is not a void look-up: the client, not the domain, controls it.
     */
    private boolean ptr(String target) throws SpfException {
        if (target == null) return false;
        List<String> names = ptrNames();
        for (int i = 0; i < names.size() && i < MAX_PTR_NAMES; i++) {
            String name = stripDot(names.get(i));
            if (isAtOrBelow(name, target) && validates(name)) return true;
        }
        return false;
    }

    /** The address records of the host for the client's family, compared within the mechanism's prefix. */
    private boolean matchesHost(String host, Mechanism m, boolean countVoid) throws SpfException {
        List<String> addresses = queryOrTemp(v4 ? Type.A : Type.AAAA, host);
        if (addresses.isEmpty() && countVoid) countVoidLookup();
        for (String a : addresses) {
            if (matchesAddress(a, v4 ? m.cidr4() : m.cidr6())) return true;
        }
        return false;
    }

    private boolean matchesAddress(String text, int prefix) {
        if (v4) {
            long a = IpAddresses.parse4(text);
            return a >= 0 && IpAddresses.inPrefix4(ip4, (int) a, prefix);
        }
        return IpAddresses.parse6(text, 0, text.length(), scratch)
                && IpAddresses.inPrefix6(hi, lo, scratch[0], scratch[1], prefix);
    }

    /** Whether a PTR name resolves back to the client (§5.5); a DNS error means it does not. */
    private boolean validates(String name) throws SpfException {
        List<String> addresses;
        try {
            addresses = query(v4 ? Type.A : Type.AAAA, name);
        } catch (IOException e) {
            return false;
        }
        for (String a : addresses) {
            if (matchesAddress(a, v4 ? 32 : 128)) return true;
        }
        return false;
    }

    private List<String> ptrNames() throws SpfException {
        checkDeadline();
        try {
            return dns.ptr(InetAddress.getByAddress(IpAddresses.octets(v4, ip4, hi, lo)));
        } catch (IOException e) {
            return List.of();
        }
    }

    /** %{p} (§7.3): the domain itself if validated, else a validated subdomain of it, else any, else "unknown". */
    private String validatedName(String domain) throws SpfException {
        if (validatedNames == null) {
            List<String> out = new ArrayList<>(2);
            List<String> names = ptrNames();
            for (int i = 0; i < names.size() && i < MAX_PTR_NAMES; i++) {
                String name = stripDot(names.get(i));
                if (validates(name)) out.add(name);
            }
            validatedNames = out;
        }
        for (String n : validatedNames) {
            if (n.equalsIgnoreCase(domain)) return n;
        }
        for (String n : validatedNames) {
            if (isAtOrBelow(n, domain)) return n;
        }
        return validatedNames.isEmpty() ? "unknown" : validatedNames.get(0);
    }

    @Override
    public String value(char letter, String domain) throws SpfException {
        return switch (letter) {
            case 's' -> sender;
            case 'l' -> local;
            case 'o' -> senderDomain;
            case 'd' -> domain;
            case 'i' -> v4 ? IpAddresses.dotted(ip4) : IpAddresses.nibbles(hi, lo);
            case 'p' -> validatedName(domain);
            case 'v' -> v4 ? "in-addr" : "ip6";
            case 'h' -> helo;
            case 'c' -> v4 ? IpAddresses.dotted(ip4) : IpAddresses.rfc5952(hi, lo);
            case 'r' -> receiver;
            case 't' -> Long.toString(System.currentTimeMillis() / 1000);
            default -> throw new IllegalArgumentException("not a macro letter: " + letter);
        };
    }

    /**
     * §6.2: the single TXT record at the expanded exp= name, itself expanded. Any problem (a DNS
     * error, no or several records, bad syntax) means no explanation. Not counted against the limits.
     */
    private String explain() {
        try {
            String name = targetName(expSpec, expDomain);
            if (name == null) return "";
            checkDeadline();
            List<String> txt = dns.txt(name);
            if (txt.size() != 1 || !Macros.isMacroString(txt.get(0), Macros.ALL_LETTERS, true)) return "";
            return Macros.expand(txt.get(0), expDomain, this);
        } catch (IOException | SpfException e) {
            return "";
        }
    }

    private String target(Mechanism m, String domain) throws SpfException {
        return m.domain() == null ? domain : targetName(m.domain(), domain);
    }

    /** The expanded domain-spec as a name to query, or null when it cannot be one (§4.8, §7.3). */
    private String targetName(String spec, String domain) throws SpfException {
        return queryName(Macros.expand(spec, domain, this));
    }

    /**
     * Without a trailing dot, shortened from the left to 253 characters by whole labels (§7.3), or
     * null when a label is empty or longer than 63 characters: such a name cannot exist.
     */
    static String queryName(String name) {
        int end = name.endsWith(".") ? name.length() - 1 : name.length();
        int start = 0;
        while (end - start > MAX_NAME) {
            int dot = name.indexOf('.', start);
            if (dot < 0 || dot >= end) return null;
            start = dot + 1;
        }
        if (end == start) return null;
        int label = start;
        for (int k = start; k <= end; k++) {
            if (k == end || name.charAt(k) == '.') {
                if (k == label || k - label > MAX_LABEL) return null;
                label = k + 1;
            }
        }
        return start == 0 && end == name.length() ? name : name.substring(start, end);
    }

    /** Whether {@code name} equals {@code domain} or is below it, ignoring case. */
    static boolean isAtOrBelow(String name, String domain) {
        int d = name.length() - domain.length();
        return name.regionMatches(true, Math.max(d, 0), domain, 0, domain.length())
                && (d == 0 || (d > 0 && name.charAt(d - 1) == '.'));
    }

    private static String stripDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private void countDnsTerm() throws SpfException {
        if (++dnsTerms > MAX_DNS_TERMS) throw SpfException.perm("more than " + MAX_DNS_TERMS + " DNS-querying terms");
    }

    private void countVoidLookup() throws SpfException {
        if (++voidLookups > MAX_VOID_LOOKUPS) throw SpfException.perm("more than " + MAX_VOID_LOOKUPS + " void look-ups");
    }

    private void checkDeadline() throws SpfException {
        if (System.nanoTime() - deadline > 0) throw SpfException.temp("SPF evaluation ran out of time");
    }

    private List<String> query(Type type, String name) throws IOException, SpfException {
        checkDeadline();
        return switch (type) {
            case A -> dns.a(name);
            case AAAA -> dns.aaaa(name);
            case TXT -> dns.txt(name);
            case MX -> dns.mx(name);
        };
    }

    /** A look-up whose failure ends the evaluation with temperror (§4.4, §5). */
    private List<String> queryOrTemp(Type type, String name) throws SpfException {
        try {
            return query(type, name);
        } catch (IOException e) {
            throw SpfException.temp(e.getMessage());
        }
    }
}
