package io.scatterguard.tools.logaudit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which client addresses belong to this site. Mail from them is the site's own (its users, its
 * content filter re-injecting), so a bounce of it is not backscatter. Always internal: loopback,
 * RFC 1918, link-local, IPv6 unique-local; more with {@code --internal-net CIDR} (Postfix's
 * {@code mynetworks}). Addresses are parsed without DNS: only literals are looked at.
 */
public final class Networks {
    private static final List<String> BUILT_IN = List.of(
            "127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16",
            "::1/128", "fc00::/7", "fe80::/10");

    private record Block(byte[] prefix, int bits) {}

    private final List<Block> blocks = new ArrayList<>();

    private Networks() {}

    /** The built-in internal ranges plus {@code extra} CIDR blocks; throws naming a bad block. */
    public static Networks of(List<String> extra) {
        Networks n = new Networks();
        for (String c : BUILT_IN) n.add(c);
        for (String c : extra) n.add(c);
        return n;
    }

    private void add(String cidr) {
        String s = cidr.strip();
        int slash = s.indexOf('/');
        String addr = slash < 0 ? s : s.substring(0, slash);
        byte[] bytes = literal(addr);
        if (bytes == null) throw new IllegalArgumentException("not an IP network: '" + cidr + "' (use e.g. 192.0.2.0/24)");
        int bits;
        try {
            bits = slash < 0 ? bytes.length * 8 : Integer.parseInt(s.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an IP network: '" + cidr + "' (bad prefix length)");
        }
        if (bits < 0 || bits > bytes.length * 8) {
            throw new IllegalArgumentException("not an IP network: '" + cidr + "' (prefix length out of range)");
        }
        blocks.add(new Block(bytes, bits));
    }

    /** True for an address literal inside one of the internal blocks; false for anything else. */
    public boolean internal(String ip) {
        byte[] a = literal(ip);
        if (a == null) return false;
        if (a.length == 16 && isV4Mapped(a)) a = java.util.Arrays.copyOfRange(a, 12, 16);
        for (Block b : blocks) {
            if (b.prefix.length == a.length && matches(a, b.prefix, b.bits)) return true;
        }
        return false;
    }

    private static boolean isV4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) if (a[i] != 0) return false;
        return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
    }

    private static boolean matches(byte[] a, byte[] p, int bits) {
        int full = bits / 8;
        for (int i = 0; i < full; i++) if (a[i] != p[i]) return false;
        int rest = bits % 8;
        if (rest == 0) return true;
        int mask = (0xff << (8 - rest)) & 0xff;
        return (a[full] & mask) == (p[full] & mask);
    }

    /** The bytes of an IPv4 or IPv6 literal ({@code IPv6:} prefix allowed), or null; never uses DNS. */
    static byte[] literal(String ip) {
        if (ip == null) return null;
        String s = ip.strip();
        if (s.regionMatches(true, 0, "ipv6:", 0, 5)) s = s.substring(5);
        int pct = s.indexOf('%');
        if (pct >= 0) s = s.substring(0, pct);
        if (s.isEmpty()) return null;
        if (s.indexOf(':') < 0) return v4(s);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
            if (!ok) return null;
        }
        try {
            return InetAddress.getByName(s).getAddress(); // a literal: no look-up happens
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static byte[] v4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) return null;
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3) return null;
            int v = 0;
            for (int j = 0; j < p.length(); j++) {
                char c = p.charAt(j);
                if (c < '0' || c > '9') return null;
                v = v * 10 + (c - '0');
            }
            if (v > 255) return null;
            b[i] = (byte) v;
        }
        return b;
    }
}
