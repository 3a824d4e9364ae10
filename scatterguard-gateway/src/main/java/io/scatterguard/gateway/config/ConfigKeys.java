package io.scatterguard.gateway.config;

import java.time.Duration;
import java.util.List;

/**
 * The registry of configuration keys: every key the gateway reads is declared here, once, with
 * its default and documentation. {@code docs/config-reference.md} is generated from this list.
 */
public final class ConfigKeys {
    private ConfigKeys() {}

    public static final Setting<String> SMTP_HOST_NAME = new Setting<>("smtp.host-name", "string", "localhost",
            "The name the server gives in its greeting and EHLO reply; use the host's public MX name.", Values.string());
    public static final Setting<List<String>> SMTP_LISTEN = new Setting<>("smtp.listen", "list", "127.0.0.1:2525",
            "Addresses and ports to accept SMTP on (host:port; [::1]:port for IPv6).", Values.list());
    public static final Setting<Long> SMTP_MAX_MESSAGE_SIZE = new Setting<>("smtp.max-message-size", "size", "25m",
            "Largest message accepted; advertised with SIZE, larger ones get 552 5.3.4.", Values.size());
    public static final Setting<Integer> SMTP_MAX_RECIPIENTS = new Setting<>("smtp.max-recipients", "integer", "100",
            "Recipients per transaction; more get 452 4.5.3 (the client sends them again later).", Values.integer(1, 100_000));
    public static final Setting<Integer> SMTP_MAX_LINE_LENGTH = new Setting<>("smtp.max-line-length", "integer", "510",
            "Longest command line, CRLF excluded (RFC 5321 allows 512 with it).", Values.integer(64, 65_536));
    public static final Setting<Integer> SMTP_MAX_ERRORS = new Setting<>("smtp.max-errors", "integer", "20",
            "Protocol errors before the session is ended with 421.", Values.integer(1, 10_000));
    public static final Setting<Integer> SMTP_MAX_COMMANDS = new Setting<>("smtp.max-commands", "integer", "1000",
            "Commands per session before it is ended with 421.", Values.integer(10, 1_000_000));
    public static final Setting<Duration> SMTP_IDLE_TIMEOUT = new Setting<>("smtp.idle-timeout", "duration", "5m",
            "How long to wait for the client's next command or data line.", Values.duration());
    public static final Setting<Duration> SMTP_SESSION_TIMEOUT = new Setting<>("smtp.session-timeout", "duration", "30m",
            "Total lifetime of one connection.", Values.duration());
    public static final Setting<Duration> SMTP_GREET_PAUSE = new Setting<>("smtp.greet-pause", "duration", "300ms",
            "Wait before the greeting; a client that talks first is refused with 554 (spambots do).", Values.duration());
    public static final Setting<Integer> SMTP_MAX_CONNECTIONS = new Setting<>("smtp.max-connections", "integer", "1000",
            "Concurrent connections in total; more get 421 4.7.0.", Values.integer(1, 1_000_000));
    public static final Setting<Integer> SMTP_MAX_CONNECTIONS_PER_CLIENT = new Setting<>("smtp.max-connections-per-client",
            "integer", "20", "Concurrent connections from one client IP; more get 421 4.7.0.", Values.integer(1, 100_000));

    /** Every key, in the order of the reference. */
    public static final List<Setting<?>> ALL = List.of(SMTP_HOST_NAME, SMTP_LISTEN, SMTP_MAX_MESSAGE_SIZE,
            SMTP_MAX_RECIPIENTS, SMTP_MAX_LINE_LENGTH, SMTP_MAX_ERRORS, SMTP_MAX_COMMANDS, SMTP_IDLE_TIMEOUT,
            SMTP_SESSION_TIMEOUT, SMTP_GREET_PAUSE, SMTP_MAX_CONNECTIONS, SMTP_MAX_CONNECTIONS_PER_CLIENT);
}
