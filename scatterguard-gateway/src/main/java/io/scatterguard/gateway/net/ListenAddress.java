package io.scatterguard.gateway.net;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;

/**
 * Where a service that an MTA calls (the milter, the policy service) listens: a TCP address or a
 * Unix-domain socket, written the way Postfix and Sendmail write such endpoints —
 * {@code 127.0.0.1:8890}, {@code [::1]:8890}, {@code inet:127.0.0.1:8890}, {@code inet:8890@127.0.0.1}
 * (Sendmail's order), {@code unix:/run/scatterguard/milter.sock} or {@code local:/path}.
 */
public sealed interface ListenAddress {

    SocketAddress socketAddress();

    /** A TCP address; port 0 picks a free port. */
    record Inet(String host, int port) implements ListenAddress {
        @Override
        public SocketAddress socketAddress() {
            return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
        }

        @Override
        public String toString() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /** A Unix-domain socket at an absolute path. */
    record Unix(Path path) implements ListenAddress {
        @Override
        public SocketAddress socketAddress() {
            return UnixDomainSocketAddress.of(path);
        }

        @Override
        public String toString() {
            return "unix:" + path;
        }
    }

    /** Parses an endpoint; the message of the exception says what a valid one looks like. */
    static ListenAddress parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) throw new IllegalArgumentException("empty address; give host:port or unix:/path");
        if (t.startsWith("unix:") || t.startsWith("local:")) {
            String p = t.substring(t.indexOf(':') + 1);
            if (!p.startsWith("/")) {
                throw new IllegalArgumentException("'" + text + "': a Unix socket needs an absolute path, e.g. unix:/run/scatterguard/milter.sock");
            }
            return new Unix(Path.of(p));
        }
        if (t.startsWith("inet:")) t = t.substring(5);
        else if (t.startsWith("inet6:")) t = t.substring(6);
        int at = t.indexOf('@');
        if (at > 0) return inet(t.substring(at + 1), t.substring(0, at), text); // Sendmail: port@host
        int colon = t.lastIndexOf(':');
        if (colon < 0) throw new IllegalArgumentException("'" + text + "' needs a port, e.g. 127.0.0.1:8890, or unix:/path");
        return inet(t.substring(0, colon), t.substring(colon + 1), text);
    }

    private static Inet inet(String host, String port, String text) {
        String h = host.strip();
        if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
        int p;
        try {
            p = Integer.parseInt(port.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "': port is not a number");
        }
        if (p < 0 || p > 65535) throw new IllegalArgumentException("'" + text + "': port out of range");
        return new Inet(h, p);
    }
}
