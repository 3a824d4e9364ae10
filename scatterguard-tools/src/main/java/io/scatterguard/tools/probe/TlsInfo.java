package io.scatterguard.tools.probe;

/**
 * The TLS session of a probe. The certificate was not verified (see {@link ProbeConnection#startTls}).
 *
 * @param protocol e.g. TLSv1.3
 * @param cipher   the cipher suite
 * @param subject  the server certificate's subject
 * @param issuer   its issuer
 */
public record TlsInfo(String protocol, String cipher, String subject, String issuer) {}
