package io.scatterguard.tools.probe;

/**
 * The server to probe: {@code HOST}, {@code HOST:PORT}, {@code [IPv6]:PORT} or a bare IPv6
 * address. The port defaults to 25 (the MX port: what other servers use to deliver).
 */
public record Target(String host, int port) {
    public static final int SMTP_PORT = 25;

    public Target {
        if (host == null || host.isBlank()) throw new IllegalArgumentException("no host given");
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port " + port + " is out of range 1-65535");
    }

    /** Parses the command-line form; throws IllegalArgumentException with a message that shows the expected form. */
    public static Target parse(String spec) {
        String s = spec == null ? "" : spec.strip();
        if (s.isEmpty() || s.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("'" + spec + "' is not HOST[:PORT]");
        }
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) throw new IllegalArgumentException("'" + spec + "': missing ']' after the IPv6 address");
            String host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (rest.isEmpty()) return new Target(host, SMTP_PORT);
            if (!rest.startsWith(":")) throw new IllegalArgumentException("'" + spec + "' is not [IPv6]:PORT");
            return new Target(host, port(rest.substring(1), spec));
        }
        int colon = s.indexOf(':');
        if (colon < 0) return new Target(s, SMTP_PORT);
        if (s.indexOf(':', colon + 1) >= 0) return new Target(s, SMTP_PORT); // a bare IPv6 address
        return new Target(s.substring(0, colon), port(s.substring(colon + 1), spec));
    }

    private static int port(String p, String spec) {
        try {
            return Integer.parseInt(p);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + spec + "': '" + p + "' is not a port number");
        }
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
