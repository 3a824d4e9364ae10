package io.scatterguard.gateway.spf;

import io.scatterguard.gateway.spf.SpfEvaluator.Result;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed SPF record (RFC 7208 §4.5-§6, §12 ABNF). The whole record is checked before any term is
 * evaluated, so a syntax error anywhere is a {@code permerror} (§4.6) even if an earlier mechanism
 * would have matched.
 *
 * @param mechanisms in record order
 * @param redirect   the redirect= domain-spec, or null
 * @param exp        the exp= domain-spec, or null
 */
record SpfRecord(List<Mechanism> mechanisms, String redirect, String exp) {
    enum Kind { ALL, INCLUDE, A, MX, PTR, IP4, IP6, EXISTS }

    private static final Kind[] KINDS = Kind.values();

    /**
     * One mechanism.
     *
     * @param domain the domain-spec, or null for none (a, mx, ptr then use the current domain)
     * @param cidr4  the IPv4 prefix length (a, mx, ip4)
     * @param cidr6  the IPv6 prefix length (a, mx, ip6)
     * @param hi     ip4: the network address; ip6: its high 64 bits
     * @param lo     ip6: the low 64 bits of the network address
     */
    record Mechanism(Result qualifier, Kind kind, String domain, int cidr4, int cidr6, long hi, long lo) {
        /** Whether evaluating this mechanism queries DNS, and so counts against the limit of 10 (§4.6.4). */
        boolean looksUp() {
            return kind == Kind.INCLUDE || kind == Kind.A || kind == Kind.MX || kind == Kind.PTR || kind == Kind.EXISTS;
        }
    }

    /** Whether a TXT string is an SPF record: "v=spf1" in any case, then a space or the end (§4.5). */
    static boolean isSpf(String txt) {
        return txt.regionMatches(true, 0, "v=spf1", 0, 6) && (txt.length() == 6 || txt.charAt(6) == ' ');
    }

    /** Parses a record for which {@link #isSpf} holds. */
    static SpfRecord parse(String text) throws SpfException {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e) throw SpfException.perm("SPF record has a character outside printable ASCII");
        }
        List<Mechanism> mechanisms = new ArrayList<>();
        String redirect = null;
        String exp = null;
        int i = 6;
        while (i < text.length()) {
            if (text.charAt(i) == ' ') {
                i++;
                continue;
            }
            int end = text.indexOf(' ', i);
            if (end < 0) end = text.length();
            String term = text.substring(i, end);
            i = end;
            int eq = modifierNameEnd(term);
            if (eq < 0) {
                mechanisms.add(mechanism(term));
            } else if (term.regionMatches(true, 0, "redirect", 0, eq) && eq == 8) {
                if (redirect != null) throw SpfException.perm("redirect= appears twice");
                redirect = domainSpec(term.substring(eq + 1), term);
            } else if (term.regionMatches(true, 0, "exp", 0, eq) && eq == 3) {
                if (exp != null) throw SpfException.perm("exp= appears twice");
                exp = domainSpec(term.substring(eq + 1), term);
            } else if (!Macros.isMacroString(term.substring(eq + 1), Macros.ALL_LETTERS, false)) {
                throw SpfException.perm("bad macro in modifier " + term);
            } // other modifiers are ignored (§6)
        }
        return new SpfRecord(List.copyOf(mechanisms), redirect, exp);
    }

    /** The index of the '=' if the term is a modifier: name = ALPHA *( ALPHA / DIGIT / "-" / "_" / "." ). */
    private static int modifierNameEnd(String term) {
        char first = term.charAt(0);
        if (!((first | 0x20) >= 'a' && (first | 0x20) <= 'z')) return -1;
        int j = 1;
        while (j < term.length()) {
            char c = term.charAt(j);
            if (!(((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.')) break;
            j++;
        }
        return j < term.length() && term.charAt(j) == '=' ? j : -1;
    }

    private static Mechanism mechanism(String term) throws SpfException {
        Result q = switch (term.charAt(0)) {
            case '+' -> Result.PASS;
            case '-' -> Result.FAIL;
            case '~' -> Result.SOFTFAIL;
            case '?' -> Result.NEUTRAL;
            default -> null;
        };
        int p = q == null ? 0 : 1;
        if (q == null) q = Result.PASS;
        int nameEnd = p;
        while (nameEnd < term.length() && term.charAt(nameEnd) != ':' && term.charAt(nameEnd) != '/') nameEnd++;
        Kind kind = kind(term, p, nameEnd);
        String rest = term.substring(nameEnd);
        return switch (kind) {
            case ALL -> {
                if (!rest.isEmpty()) throw SpfException.perm("all takes no argument: " + term);
                yield new Mechanism(q, kind, null, 32, 128, 0, 0);
            }
            case INCLUDE, EXISTS -> {
                if (!rest.startsWith(":")) throw SpfException.perm("missing domain in " + term);
                yield new Mechanism(q, kind, domainSpec(rest.substring(1), term), 32, 128, 0, 0);
            }
            case PTR -> new Mechanism(q, kind, optionalDomain(rest, term), 32, 128, 0, 0);
            case A, MX -> dualCidr(q, kind, rest, term);
            case IP4, IP6 -> network(q, kind, rest, term);
        };
    }

    private static Kind kind(String term, int from, int to) throws SpfException {
        for (Kind k : KINDS) {
            String name = k.name();
            if (to - from == name.length() && term.regionMatches(true, from, name, 0, name.length())) return k;
        }
        throw SpfException.perm("unknown mechanism " + term);
    }

    /** a and mx: [ ":" domain-spec ] [ ip4-cidr-length ] [ "/" ip6-cidr-length ]. */
    private static Mechanism dualCidr(Result q, Kind kind, String rest, String term) throws SpfException {
        int end = rest.length();
        int cidr4 = 32;
        int cidr6 = 128;
        int d = digitsStart(rest, end);
        if (d < end && d > 0 && rest.charAt(d - 1) == '/') {
            if (d > 1 && rest.charAt(d - 2) == '/') {
                cidr6 = cidr(rest, d, end, 128, term);
                end = d - 2;
                d = digitsStart(rest, end);
            }
            if (d < end && d > 0 && rest.charAt(d - 1) == '/') {
                cidr4 = cidr(rest, d, end, 32, term);
                end = d - 1;
            }
        }
        return new Mechanism(q, kind, optionalDomain(rest.substring(0, end), term), cidr4, cidr6, 0, 0);
    }

    private static int digitsStart(String s, int end) {
        int d = end;
        while (d > 0 && s.charAt(d - 1) >= '0' && s.charAt(d - 1) <= '9') d--;
        return d;
    }

    /** ip4-cidr-length / ip6-cidr-length: no leading zeros, at most 32 or 128 (§5.6). */
    private static int cidr(String s, int from, int to, int max, String term) throws SpfException {
        if (to - from > 3 || (to - from > 1 && s.charAt(from) == '0')) throw SpfException.perm("bad prefix length in " + term);
        int v = Integer.parseInt(s, from, to, 10);
        if (v > max) throw SpfException.perm("prefix length over " + max + " in " + term);
        return v;
    }

    /** Nothing, or ":" domain-spec. */
    private static String optionalDomain(String rest, String term) throws SpfException {
        if (rest.isEmpty()) return null;
        if (rest.charAt(0) != ':') throw SpfException.perm("bad syntax: " + term);
        return domainSpec(rest.substring(1), term);
    }

    private static String domainSpec(String spec, String term) throws SpfException {
        if (!Macros.isDomainSpec(spec)) throw SpfException.perm("bad domain-spec in " + term);
        return spec;
    }

    /** ip4: ":" ip4-network [ ip4-cidr-length ]; ip6: ":" ip6-network [ ip6-cidr-length ]. */
    private static Mechanism network(Result q, Kind kind, String rest, String term) throws SpfException {
        if (!rest.startsWith(":")) throw SpfException.perm("missing address in " + term);
        boolean v4 = kind == Kind.IP4;
        int slash = rest.lastIndexOf('/');
        int end = slash < 0 ? rest.length() : slash;
        int prefix = v4 ? 32 : 128;
        if (slash >= 0) {
            if (slash + 1 == rest.length() || digitsStart(rest, rest.length()) != slash + 1) {
                throw SpfException.perm("bad prefix length in " + term);
            }
            prefix = cidr(rest, slash + 1, rest.length(), prefix, term);
        }
        if (v4) {
            long net = IpAddresses.parse4(rest, 1, end);
            if (net < 0) throw SpfException.perm("bad IPv4 address in " + term);
            return new Mechanism(q, kind, null, prefix, 128, net, 0);
        }
        long[] net = new long[2];
        if (!IpAddresses.parse6(rest, 1, end, net)) throw SpfException.perm("bad IPv6 address in " + term);
        return new Mechanism(q, kind, null, 32, prefix, net[0], net[1]);
    }
}
