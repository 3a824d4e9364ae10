package io.scatterguard.gateway.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;

/**
 * The DNS look-ups the checks need, behind an interface so unit tests can answer from a map and
 * integration tests from a real DNS server on loopback.
 *
 * <p>Every look-up answers an empty list when the name does not exist (NXDOMAIN) or has no record of
 * the type (NODATA), and throws {@link DnsFailure} when the server failed or did not answer in time:
 * RFC 7208 counts the first as a "void look-up" and turns the second into {@code temperror}, so the
 * two must never be confused. CNAMEs are followed. Names in answers have no final dot.
 */
public interface DnsResolver {
    /** The A records of {@code name} as dotted quads. */
    List<String> a(String name) throws IOException;

    /** The AAAA records of {@code name} as IPv6 addresses in text form. */
    List<String> aaaa(String name) throws IOException;

    /**
     * The TXT records of {@code name}, each record's character-strings joined into one string, one
     * char per octet as published (ISO-8859-1), so that non-ASCII content stays visible to the caller.
     */
    List<String> txt(String name) throws IOException;

    /**
     * The exchanges of the MX records of {@code name}, lowest preference first; a null MX (RFC 7505,
     * exchange ".") appears as the empty string.
     */
    List<String> mx(String name) throws IOException;

    /** The names the PTR records of {@code address}'s reverse name (in-addr.arpa or ip6.arpa) point to. */
    List<String> ptr(InetAddress address) throws IOException;

    /** A look-up that timed out or failed: the caller must not treat it as "not listed". */
    final class DnsFailure extends IOException {
        private static final long serialVersionUID = 1L;

        public DnsFailure(String message) {
            super(message);
        }
    }
}
