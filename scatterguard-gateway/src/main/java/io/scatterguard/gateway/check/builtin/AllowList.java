package io.scatterguard.gateway.check.builtin;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** Client addresses exempt from block-list look-ups: single addresses or CIDR networks (v4 and v6). */
public final class AllowList {
    private record Net(byte[] prefix, int bits) {}

    private final List<Net> nets = new ArrayList<>();

    public AllowList(List<String> entries) {
        for (String e : entries) {
            String t = e.strip();
            if (t.isEmpty()) continue;
            int slash = t.indexOf('/');
            try {
                InetAddress a = literal(slash < 0 ? t : t.substring(0, slash));
                int bits = slash < 0 ? a.getAddress().length * 8 : Integer.parseInt(t.substring(slash + 1));
                if (bits < 0 || bits > a.getAddress().length * 8) throw new IllegalArgumentException("bad prefix length in " + t);
                nets.add(new Net(a.getAddress(), bits));
            } catch (IllegalArgumentException | UnknownHostException ex) {
                throw new IllegalArgumentException("not an address or network: '" + t + "'");
            }
        }
    }

    public boolean contains(InetAddress ip) {
        byte[] b = ip.getAddress();
        for (Net n : nets) {
            if (n.prefix().length != b.length) continue;
            int full = n.bits() / 8;
            int rest = n.bits() % 8;
            boolean match = true;
            for (int i = 0; i < full && match; i++) match = b[i] == n.prefix()[i];
            if (match && rest > 0) {
                int mask = 0xff << (8 - rest) & 0xff;
                match = (b[full] & mask) == (n.prefix()[full] & mask);
            }
            if (match) return true;
        }
        return false;
    }

    /** Parses an IP literal without ever asking DNS (getByName only resolves names, and this is not one). */
    public static InetAddress literal(String s) throws UnknownHostException {
        boolean v6 = s.indexOf(':') >= 0 && s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':');
        boolean v4 = s.matches("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
        if (!v4 && !v6) throw new UnknownHostException(s);
        return InetAddress.getByName(s);
    }
}
