package io.scatterguard.gateway.dns;

import java.io.IOException;
import java.util.List;

/**
 * The DNS look-ups the checks need, behind an interface so unit tests can answer from a map and
 * integration tests from a real DNS server on loopback.
 */
public interface DnsResolver {
    /** The A records of {@code name} as dotted quads; empty for NXDOMAIN or no data. */
    List<String> a(String name) throws IOException;

    /** The TXT records of {@code name}, each joined into one string. */
    List<String> txt(String name) throws IOException;

    /** A look-up that timed out or failed: the caller must not treat it as "not listed". */
    final class DnsFailure extends IOException {
        private static final long serialVersionUID = 1L;

        public DnsFailure(String message) {
            super(message);
        }
    }
}
