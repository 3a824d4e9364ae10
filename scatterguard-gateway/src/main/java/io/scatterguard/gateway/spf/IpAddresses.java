package io.scatterguard.gateway.spf;

/**
 * Address parsing, prefix matching and the textual forms SPF macros need (RFC 7208 §5.6, §7.3),
 * on primitives so that comparing a client with a list of DNS answers allocates nothing. An IPv4
 * address is an {@code int}; an IPv6 address is two {@code long}s, the high and the low 64 bits.
 */
final class IpAddresses {
    private static final char[] HEX_UPPER = "0123456789ABCDEF".toCharArray();

    private IpAddresses() {}

    /**
     * A dotted quad as an unsigned value, or -1 when {@code s[from, to)} is not one. Strict, as
     * RFC 7208's {@code ip4-network}: four decimal octets without leading zeros.
     */
    static long parse4(CharSequence s, int from, int to) {
        long value = 0;
        int parts = 0;
        int i = from;
        while (parts < 4) {
            int start = i;
            int octet = 0;
            while (i < to && i - start < 3 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                octet = octet * 10 + (s.charAt(i) - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || octet > 255 || (digits > 1 && s.charAt(start) == '0')) return -1;
            value = (value << 8) | octet;
            parts++;
            if (parts < 4) {
                if (i >= to || s.charAt(i) != '.') return -1;
                i++;
            }
        }
        return i == to ? value : -1;
    }

    static long parse4(CharSequence s) {
        return parse4(s, 0, s.length());
    }

    /**
     * Parses an IPv6 address in RFC 4291 §2.2 text form (hex groups, one "::", an optional trailing
     * dotted quad) into {@code out[0]} (high 64 bits) and {@code out[1]} (low 64 bits).
     *
     * @return false, leaving {@code out} undefined, when {@code s[from, to)} is not such an address
     */
    static boolean parse6(CharSequence s, int from, int to, long[] out) {
        int[] groups = new int[8];
        int n = 0;
        int gap = -1; // index of the group the "::" stands before
        int i = from;
        if (to - from < 2) return false;
        if (s.charAt(i) == ':') {
            if (s.charAt(i + 1) != ':') return false;
            gap = 0;
            i += 2;
        }
        while (i < to) {
            int start = i;
            int v = 0;
            while (i < to && i - start < 5 && Character.digit(s.charAt(i), 16) >= 0 && s.charAt(i) < 0x80) {
                v = (v << 4) | Character.digit(s.charAt(i), 16);
                i++;
            }
            if (i < to && s.charAt(i) == '.') { // an IPv4 address in the last 32 bits
                long v4 = n <= 6 ? parse4(s, start, to) : -1;
                if (v4 < 0) return false;
                groups[n++] = (int) (v4 >>> 16);
                groups[n++] = (int) (v4 & 0xffff);
                i = to;
                break;
            }
            if (i == start || i - start > 4 || n == 8) return false;
            groups[n++] = v;
            if (i == to) break;
            if (s.charAt(i) != ':') return false;
            i++;
            if (i < to && s.charAt(i) == ':') {
                if (gap >= 0) return false;
                gap = n;
                i++;
            } else if (i == to) {
                return false; // a single trailing colon
            }
        }
        if (gap < 0 ? n != 8 : n > 7) return false;
        if (gap >= 0) { // move the groups after "::" to the end, zeros in between
            int tail = n - gap;
            System.arraycopy(groups, gap, groups, 8 - tail, tail);
            java.util.Arrays.fill(groups, gap, 8 - tail, 0);
        }
        out[0] = ((long) groups[0] << 48) | ((long) groups[1] << 32) | ((long) groups[2] << 16) | groups[3];
        out[1] = ((long) groups[4] << 48) | ((long) groups[5] << 32) | ((long) groups[6] << 16) | groups[7];
        return true;
    }

    /** Whether the first {@code prefix} bits of two IPv4 addresses agree. */
    static boolean inPrefix4(int address, int network, int prefix) {
        return prefix == 0 || ((address ^ network) >>> (32 - prefix)) == 0;
    }

    /** Whether the first {@code prefix} bits of two IPv6 addresses agree. */
    static boolean inPrefix6(long hi, long lo, long netHi, long netLo, int prefix) {
        if (prefix == 0) return true;
        if (prefix <= 64) {
            long mask = -1L << (64 - prefix);
            return ((hi ^ netHi) & mask) == 0;
        }
        return hi == netHi && ((lo ^ netLo) & (-1L << (128 - prefix))) == 0;
    }

    /** Whether the address is IPv4-mapped (::ffff:0:0/96), which RFC 7208 §5 treats as IPv4. */
    static boolean isMapped(long hi, long lo) {
        return hi == 0 && (lo >>> 32) == 0xffffL;
    }

    static String dotted(int v) {
        return ((v >>> 24) & 0xff) + "." + ((v >>> 16) & 0xff) + "." + ((v >>> 8) & 0xff) + "." + (v & 0xff);
    }

    /** The 32 nibbles of an IPv6 address, most significant first, dot-separated (%{i}, RFC 7208 §7.3). */
    static String nibbles(long hi, long lo) {
        StringBuilder sb = new StringBuilder(63);
        for (int i = 60; i >= 0; i -= 4) sb.append(HEX_UPPER[(int) (hi >>> i) & 0xf]).append('.');
        for (int i = 60; i >= 0; i -= 4) {
            sb.append(HEX_UPPER[(int) (lo >>> i) & 0xf]);
            if (i > 0) sb.append('.');
        }
        return sb.toString();
    }

    /** The RFC 5952 form: lower case, no leading zeros, the longest run of zero groups as "::". */
    static String rfc5952(long hi, long lo) {
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) (hi >>> (48 - 16 * i)) & 0xffff;
            g[i + 4] = (int) (lo >>> (48 - 16 * i)) & 0xffff;
        }
        int bestStart = -1;
        int bestLen = 1; // a single zero group is not shortened (RFC 5952 §4.2.2)
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) j++;
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') sb.append(':');
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    /** The 4 or 16 octets of an address, for {@link java.net.InetAddress#getByAddress(byte[])}. */
    static byte[] octets(boolean v4, int ip4, long hi, long lo) {
        if (v4) return new byte[] {(byte) (ip4 >>> 24), (byte) (ip4 >>> 16), (byte) (ip4 >>> 8), (byte) ip4};
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (hi >>> (56 - 8 * i));
            b[i + 8] = (byte) (lo >>> (56 - 8 * i));
        }
        return b;
    }
}
