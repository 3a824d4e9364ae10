package io.scatterguard.tools.probe;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * What to probe and how.
 *
 * @param target          host and port
 * @param domain          the domain whose recipients are tested, or null to take it from the greeting
 * @param sender          MAIL FROM address ("" for the null sender)
 * @param validRecipient  an address known to exist, for contrast, or null
 * @param heloName        the name to give in EHLO/HELO
 * @param tls             use STARTTLS when the server offers it
 * @param connectTimeout  for the TCP connection
 * @param replyTimeout    for each complete reply (also the TLS handshake)
 * @param localParts      makes the local part of the recipient that must not exist
 */
public record ProbeSettings(Target target, String domain, String sender, String validRecipient, String heloName,
        boolean tls, Duration connectTimeout, Duration replyTimeout, Supplier<String> localParts) {

    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    public static final Duration REPLY_TIMEOUT = Duration.ofSeconds(60);

    /** Defaults for a target: sender probe@this-host, STARTTLS when offered, 15 s to connect, 60 s per reply. */
    public static ProbeSettings defaults(Target target) {
        String host = localHostName();
        return new ProbeSettings(target, null, "probe@" + host, null, host, true, CONNECT_TIMEOUT, REPLY_TIMEOUT,
                ProbeSettings::randomLocalPart);
    }

    public ProbeSettings withDomain(String d) {
        return new ProbeSettings(target, d, sender, validRecipient, heloName, tls, connectTimeout, replyTimeout, localParts);
    }

    public ProbeSettings withSender(String s) {
        return new ProbeSettings(target, domain, s, validRecipient, heloName, tls, connectTimeout, replyTimeout, localParts);
    }

    public ProbeSettings withValidRecipient(String v) {
        return new ProbeSettings(target, domain, sender, v, heloName, tls, connectTimeout, replyTimeout, localParts);
    }

    public ProbeSettings withHeloName(String h) {
        return new ProbeSettings(target, domain, sender, validRecipient, h, tls, connectTimeout, replyTimeout, localParts);
    }

    public ProbeSettings withTls(boolean t) {
        return new ProbeSettings(target, domain, sender, validRecipient, heloName, t, connectTimeout, replyTimeout, localParts);
    }

    public ProbeSettings withTimeouts(Duration connect, Duration reply) {
        return new ProbeSettings(target, domain, sender, validRecipient, heloName, tls, connect, reply, localParts);
    }

    public ProbeSettings withLocalParts(Supplier<String> l) {
        return new ProbeSettings(target, domain, sender, validRecipient, heloName, tls, connectTimeout, replyTimeout, l);
    }

    /**
     * A local part nobody has: "sg-probe-" and 16 random base-32 characters (80 bits), so that an
     * acceptance can only mean "accepts anything".
     */
    public static String randomLocalPart() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        SecureRandom r = new SecureRandom();
        StringBuilder sb = new StringBuilder("sg-probe-");
        for (int i = 0; i < 16; i++) sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        return sb.toString();
    }

    /** This host's name for EHLO and the default sender, from the local resolver only. */
    static String localHostName() {
        try {
            String n = InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
            if (!n.isEmpty() && n.matches("[a-z0-9.-]+")) return n.contains(".") ? n : n + ".localdomain";
        } catch (java.io.IOException | SecurityException e) {
            // fall through
        }
        return "localhost.localdomain";
    }
}
