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

    /** Where accepted mail goes. */
    public enum Mode { DELIVER, PROXY }

    public static final Setting<Mode> MODE = new Setting<>("mode", "deliver|proxy", "deliver",
            "deliver: store accepted mail in local Maildirs (no other server needed). proxy: a transparent "
                    + "before-queue proxy to proxy.backend, whose own answers reach the client live.", Values.oneOf(Mode.class));
    public static final Setting<String> PROXY_BACKEND = new Setting<>("proxy.backend", "host:port", "",
            "The real mail server behind the gateway in proxy mode (e.g. Postfix on 127.0.0.1:10025).", Values.string());
    public static final Setting<java.time.Duration> PROXY_TIMEOUT = new Setting<>("proxy.timeout", "duration", "100s",
            "How long to wait for each backend reply; slower means 451 to the client (Postfix's smtpd_proxy_timeout).",
            Values.duration());
    public static final Setting<Integer> PROXY_CONNECTION_CACHE = new Setting<>("proxy.connection-cache", "integer", "32",
            "Idle backend sessions kept between client connections (0: a fresh backend session for every client, as "
                    + "Postfix's smtpd_proxy_filter does). Sessions are only reused between transactions.",
            Values.integer(0, 10_000));
    public static final Setting<java.time.Duration> PROXY_CONNECTION_CACHE_TIME = new Setting<>(
            "proxy.connection-cache-time", "duration", "2s",
            "How long an idle backend session waits for the next client before it is closed (Postfix's "
                    + "smtp_connection_cache_time_limit).", Values.duration());
    public static final Setting<Integer> PROXY_CONNECTION_REUSE_LIMIT = new Setting<>("proxy.connection-reuse-limit",
            "integer", "100", "Transactions one backend session carries before it is closed and replaced.",
            Values.integer(1, 1_000_000));
    public static final Setting<List<String>> DNSBL_ZONES = new Setting<>("dnsbl.zones", "list", "",
            "DNS block lists checked at connect, each \"zone\" or \"zone=127.0.0.2,127.0.0.3\" (the answers that mean "
                    + "listed; default any 127.x). A listed client gets 554 5.7.1 and is disconnected.", Values.list());
    public static final Setting<List<String>> DNSBL_ALLOW = new Setting<>("dnsbl.allow", "list", "127.0.0.0/8, ::1",
            "Client addresses and networks never looked up in block lists.", Values.list());
    public static final Setting<List<String>> DNS_SERVERS = new Setting<>("dns.servers", "list", "",
            "DNS servers (host:port) for block-list and SPF look-ups; empty: the system's resolvers.", Values.list());
    public static final Setting<java.time.Duration> DNS_TIMEOUT = new Setting<>("dns.timeout", "duration", "5s",
            "Per-query DNS timeout; a look-up that fails answers 451 (try later), never accept.", Values.duration());
    public static final Setting<Boolean> SPF_ENABLED = new Setting<>("spf.enabled", "boolean", "false",
            "Check the sender's SPF policy at MAIL (the HELO name's for the null sender): fail is refused with "
                    + "550 5.7.23, a DNS problem answers 451 4.7.24.", Values.bool());
    public static final Setting<Boolean> SPF_REJECT_PERMERROR = new Setting<>("spf.reject-permerror", "boolean", "false",
            "Also refuse senders whose SPF record is broken (permerror).", Values.bool());
    public static final Setting<String> SCAN_CLAMD = new Setting<>("scan.clamd", "host:port", "",
            "ClamAV clamd (TCP) to scan every message at end of data; a virus gets 554 5.7.1, clamd down gets 451.",
            Values.string());
    public static final Setting<String> SCAN_SPAMD = new Setting<>("scan.spamd", "host:port", "",
            "SpamAssassin spamd to scan every message at end of data; spam is refused (or quarantined), spamd down gets 451.",
            Values.string());
    public static final Setting<Boolean> SCAN_SPAM_QUARANTINE = new Setting<>("scan.spam-quarantine", "boolean", "false",
            "Keep spam in the quarantine (see store.url) instead of refusing it; the client gets 250 and nobody a bounce.",
            Values.bool());
    public static final Setting<java.time.Duration> SCAN_TIMEOUT = new Setting<>("scan.timeout", "duration", "60s",
            "How long a scanner may take; slower means 451.", Values.duration());
    public static final Setting<List<String>> RELAY_LISTEN = new Setting<>("relay.listen", "list", "",
            "Addresses for our own outbound mail (e.g. 127.0.0.1:10587); empty: no relay listener. Mail relayed here gets "
                    + "a BATV-signed envelope sender and its Message-ID recorded, so real bounces to it pass.", Values.list());
    public static final Setting<List<String>> RELAY_NETWORKS = new Setting<>("relay.networks", "list", "127.0.0.0/8, ::1",
            "Client networks allowed to relay (Postfix's mynetworks); others get 554 5.7.1.", Values.list());
    public static final Setting<String> RELAY_SMARTHOST = new Setting<>("relay.smarthost", "host:port", "",
            "Where relayed mail goes (the outbound MTA); required when relay.listen is set.", Values.string());
    public static final Setting<String> RELAY_USERS_FILE = new Setting<>("relay.users-file", "path", "",
            "Users who may send through the relay listener after SMTP AUTH (PLAIN or LOGIN), one name:HASH per line (HASH "
                    + "from `scatterguard user hash-password`). Clients outside relay.networks must then authenticate "
                    + "before MAIL; the outbound guard's per-user limits apply to them. Empty: relay.networks only.",
            Values.string());
    public static final Setting<Boolean> RELAY_AUTH_WITHOUT_TLS = new Setting<>("relay.auth-without-tls", "boolean", "false",
            "Offer AUTH on the relay listener before STARTTLS (the password crosses in clear: only for loopback or a "
                    + "trusted network).", Values.bool());
    public static final Setting<String> DATA_DIR = new Setting<>("data-dir", "path", "data",
            "Directory for state the gateway keeps: the generated TLS certificate, and the default Maildir root.",
            Values.string());
    public static final Setting<String> DELIVER_MAILDIR_ROOT = new Setting<>("deliver.maildir-root", "path", "",
            "Where accepted mail is delivered, one Maildir per recipient under DOMAIN/LOCAL (default: DATA-DIR/maildir).",
            Values.string());
    public static final Setting<String> RECIPIENTS_FILE = new Setting<>("recipients.file", "path", "",
            "File of the addresses we accept mail for, one per line; @domain accepts every local part. Required by "
                    + "serve: unknown users are refused at RCPT only if we know who exists. Optional for milter and policy "
                    + "(without it the MTA alone decides who exists).", Values.string());
    public static final Setting<List<String>> OUR_DOMAINS = new Setting<>("our.domains", "list", "",
            "Domains we send mail from, besides those in the recipients file (for the backscatter judge).", Values.list());
    public static final Setting<List<String>> OUR_RELAYS = new Setting<>("our.relays", "list", "",
            "Host-name globs of our outbound relays (weak evidence that a bounce is ours: forgeable).", Values.list());
    public static final Setting<Boolean> OUR_TRUST_RELAYS = new Setting<>("our.trust-relay-evidence", "boolean", "false",
            "Count our relay named in a quoted original as proof a bounce is ours.", Values.bool());
    public static final Setting<io.scatterguard.gateway.check.builtin.BackscatterCheck.Action> BACKSCATTER_ACTION =
            new Setting<>("backscatter.action", "reject|quarantine", "reject",
                    "reject: backscatter gets 550 5.7.1 before the final 250. quarantine: it is accepted into the "
                            + "quarantine for review instead (while a site gains confidence in the judge).",
                    Values.oneOf(io.scatterguard.gateway.check.builtin.BackscatterCheck.Action.class));
    public static final Setting<List<String>> CHECKS_WARN = new Setting<>("checks.warn", "list", "",
            "Checks run in warn mode: evaluated and logged with their symbols, their verdicts not applied (names: "
                    + "dnsbl, spf, recipients, null-sender, backscatter, clamd, spamd).", Values.list());
    public static final Setting<List<String>> BATV_KEYS = new Setting<>("batv.keys", "list", "",
            "BATV keys as N:SECRET (N = key number 0-9; the highest signs). Empty: no BATV.", Values.list());
    public static final Setting<Integer> BATV_LIFETIME_DAYS = new Setting<>("batv.lifetime-days", "integer", "7",
            "How long a BATV tag stays valid.", Values.integer(1, 999));
    public static final Setting<String> LEDGER_FILE = new Setting<>("ledger.file", "path", "",
            "File of Message-IDs we sent, one per line (until the database ledger exists).", Values.string());
    public static final Setting<String> EVENTS_LOG = new Setting<>("log.events", "path", "-",
            "Where to write one JSON line per SMTP transaction decision; - for standard output.", Values.string());
    public static final Setting<String> TLS_KEYSTORE = new Setting<>("tls.keystore", "path", "",
            "PKCS#12 keystore with the server certificate for STARTTLS; empty: a self-signed one is generated in "
                    + "DATA-DIR/tls on first start.", Values.string());
    public static final Setting<String> TLS_PASSWORD = new Setting<>("tls.password", "string", "",
            "Password of tls.keystore.", Values.string());

    // Filters inside an existing MTA: the milter and the Postfix policy service.
    public static final Setting<String> MILTER_LISTEN = new Setting<>("milter.listen", "address", "127.0.0.1:8890",
            "Where `scatterguard milter` listens for Postfix or Sendmail: host:port, or unix:/path for a Unix-domain socket "
                    + "(created mode 0660: put the MTA's user in its group). Keep it on loopback: the milter protocol has no "
                    + "authentication. Connections are limited by smtp.max-connections and smtp.session-timeout.",
            Values.string());
    public static final Setting<String> POLICY_LISTEN = new Setting<>("policy.listen", "address", "127.0.0.1:10040",
            "Where `scatterguard policy` listens for Postfix's check_policy_service (inet:127.0.0.1:10040 in main.cf): "
                    + "host:port or unix:/path. Keep it on loopback.", Values.string());

    // Store: quarantine and audit trail in a database (scatterguard-store).
    public static final Setting<String> NODE_NAME = new Setting<>("node.name", "string", "",
            "This gateway's name in the audit trail and the quarantine, to tell nodes sharing one store apart; empty: "
                    + "the host name.", Values.string());
    public static final Setting<String> STORE_URL = new Setting<>("store.url", "jdbc url", "",
            "Where quarantine and audit trail live. Empty: an embedded H2 file in DATA-DIR/store (no "
                    + "set-up, one process). jdbc:postgresql://HOST:PORT/DB for real deployments and several gateway nodes.",
            Values.jdbcUrl());
    public static final Setting<String> STORE_USER = new Setting<>("store.user", "string", "",
            "Database user for store.url (PostgreSQL).", Values.string());
    public static final Setting<String> STORE_PASSWORD = new Setting<>("store.password", "string", "",
            "Database password for store.url.", Values.string());
    public static final Setting<Integer> QUARANTINE_RETENTION_DAYS = new Setting<>("quarantine.retention-days", "integer", "30",
            "How long quarantined mail is kept for review before it is deleted automatically.", Values.integer(1, 3650));
    public static final Setting<java.util.Map<String, Integer>> QUARANTINE_RETENTION = new Setting<>("quarantine.retention",
            "list of category=days", "",
            "Retention per category, overriding quarantine.retention-days, e.g. [ \"spam=14\", \"virus=7\" ] "
                    + "(categories: spam, virus, backscatter, policy).", Values.categoryDays(1, 3650));
    public static final Setting<Boolean> AUDIT_ENABLED = new Setting<>("audit.enabled", "boolean", "true",
            "Write every SMTP transaction decision to the audit trail in the store (batched in the background; the "
                    + "JSON event log is written either way).", Values.bool());
    public static final Setting<Integer> AUDIT_RETENTION_DAYS = new Setting<>("audit.retention-days", "integer", "90",
            "How long audit trail rows are kept.", Values.integer(1, 3650));

    // Console: the web console, its JSON API and /metrics (scatterguard-console), served by `serve`.

    /** Who may read {@code /metrics} without signing in. */
    public enum MetricsAccess { LOOPBACK, TOKEN, OPEN }

    public static final Setting<String> CONSOLE_LISTEN = new Setting<>("console.listen", "host:port", "127.0.0.1:8025",
            "Address of the web console, its JSON API and /metrics. Loopback by default; before opening it wider, set "
                    + "console.tls or put a TLS reverse proxy in front. Empty: no console.", Values.string());
    public static final Setting<Boolean> CONSOLE_TLS = new Setting<>("console.tls", "boolean", "false",
            "Serve the console over HTTPS with the gateway's certificate (tls.keystore, or the generated one); session "
                    + "cookies are then Secure and HSTS is sent.", Values.bool());
    public static final Setting<Duration> CONSOLE_SESSION_IDLE_TIMEOUT = new Setting<>("console.session-idle-timeout",
            "duration", "30m", "A console session not used for this long ends (sign in again).", Values.duration());
    public static final Setting<Duration> CONSOLE_SESSION_LIFETIME = new Setting<>("console.session-lifetime", "duration",
            "12h", "A console session ends this long after sign-in, used or not.", Values.duration());
    public static final Setting<Integer> CONSOLE_LOGIN_ATTEMPTS = new Setting<>("console.login-attempts", "integer", "5",
            "Failed sign-ins allowed per client address and per user name within console.login-window; more attempts "
                    + "get 429 until the window has passed.", Values.integer(1, 1000));
    public static final Setting<Duration> CONSOLE_LOGIN_WINDOW = new Setting<>("console.login-window", "duration", "15m",
            "The window over which failed sign-ins are counted.", Values.duration());
    public static final Setting<MetricsAccess> CONSOLE_METRICS = new Setting<>("console.metrics", "loopback|token|open",
            "loopback", "Who may read /metrics (Prometheus format). loopback: clients on this machine without a token, "
                    + "others with an API token (Authorization: Bearer); token: always an API token; open: anyone who "
                    + "reaches the console.", Values.oneOf(MetricsAccess.class));

    // Outbound guard: our own users' mail on the relay listener and in the milter's outbound mode.
    public static final Setting<Boolean> OUTBOUND_GUARD = new Setting<>("outbound.guard", "boolean", "true",
            "Judge automatic mail our users' servers send (bounces, autoreplies, virus notices, challenges, subscription "
                    + "confirmations) by RFC 3834 rules: to a sender we cannot trust it is held or refused (outbound.action).",
            Values.bool());
    public static final Setting<io.scatterguard.gateway.outbound.GuardSettings.Action> OUTBOUND_ACTION = new Setting<>(
            "outbound.action", "quarantine|reject", "quarantine",
            "What happens to automatic mail whose recipient is a sender we cannot trust: the original came from outside "
                    + "and its sender did not pass SPF, or it was automatic, list or bulk mail, or from <>. quarantine: kept "
                    + "for review (the client hears 250); reject: 550 5.7.1.",
            Values.oneOf(io.scatterguard.gateway.outbound.GuardSettings.Action.class));
    public static final Setting<io.scatterguard.gateway.outbound.GuardSettings.Action> OUTBOUND_UNKNOWN_ORIGINAL =
            new Setting<>("outbound.unknown-original", "quarantine|reject|accept", "quarantine",
                    "What happens to automatic mail to an outside address whose original we never saw (it arrived "
                            + "before outbound.history, or by another way in).",
                    Values.oneOf(io.scatterguard.gateway.outbound.GuardSettings.Action.class));
    public static final Setting<Duration> OUTBOUND_AUTOREPLY_INTERVAL = new Setting<>("outbound.autoreply-interval",
            "duration", "7d", "Autoreplies from one of our addresses to one outside address at most once per this "
                    + "period (RFC 3834 §2); later ones are handled as outbound.action says.", Values.duration());
    public static final Setting<Duration> OUTBOUND_HISTORY = new Setting<>("outbound.history", "duration", "7d",
            "How long what we learn about arriving mail (its sender, SPF result, whether it was automatic or list "
                    + "mail) is kept to judge the notifications that answer it.", Values.duration());
    public static final Setting<List<io.scatterguard.gateway.outbound.Rate>> RATELIMIT_USER_MESSAGES = new Setting<>(
            "ratelimit.user-messages", "list of rates", "30/1m, 300/1h",
            "Messages per authenticated user (N/PERIOD, period in s, m, h or d). A limit reached answers 451 4.7.1 "
                    + "and raises an alert; empty: no limit.", Values.rates());
    public static final Setting<List<io.scatterguard.gateway.outbound.Rate>> RATELIMIT_USER_RECIPIENTS = new Setting<>(
            "ratelimit.user-recipients", "list of rates", "200/1m, 2000/1h", "Recipients per authenticated user.",
            Values.rates());
    public static final Setting<List<io.scatterguard.gateway.outbound.Rate>> RATELIMIT_IP_MESSAGES = new Setting<>(
            "ratelimit.ip-messages", "list of rates", "100/1m, 3000/1h", "Messages per client address.", Values.rates());
    public static final Setting<List<io.scatterguard.gateway.outbound.Rate>> RATELIMIT_IP_RECIPIENTS = new Setting<>(
            "ratelimit.ip-recipients", "list of rates", "500/1m, 10000/1h", "Recipients per client address.",
            Values.rates());
    public static final Setting<List<io.scatterguard.gateway.outbound.Rate>> RATELIMIT_DOMAIN_MESSAGES = new Setting<>(
            "ratelimit.sender-domain-messages", "list of rates", "", "Messages per envelope-sender domain.",
            Values.rates());
    public static final Setting<List<io.scatterguard.gateway.outbound.Rate>> RATELIMIT_DOMAIN_RECIPIENTS = new Setting<>(
            "ratelimit.sender-domain-recipients", "list of rates", "", "Recipients per envelope-sender domain.",
            Values.rates());
    public static final Setting<java.util.Optional<io.scatterguard.gateway.outbound.Rate>> RATELIMIT_DISTINCT_SENDERS =
            new Setting<>("ratelimit.distinct-senders", "rate", "10/1h",
                    "The outscatter alarm: more distinct envelope senders than N within PERIOD from one user (or one "
                            + "client address when not authenticated) is the sign of a hijacked account or an infected "
                            + "client. Empty: no alarm.", Values.optionalRate());
    public static final Setting<Boolean> RATELIMIT_DISTINCT_SENDERS_REFUSE = new Setting<>(
            "ratelimit.distinct-senders-refuse", "boolean", "true",
            "Whether the outscatter alarm also answers 451 4.7.1 (false: the alert only, e.g. for a list server that "
                    + "uses VERP senders).", Values.bool());
    public static final Setting<String> RATELIMIT_REDIS_URL = new Setting<>("ratelimit.redis-url", "url", "",
            "Redis shared by all gateway nodes for the outbound guard's counters (redis://[:PASSWORD@]HOST:PORT/DB or "
                    + "rediss://), so limits hold across nodes. Empty: this node's memory.", Values.string());
    public static final Setting<Duration> RATELIMIT_REDIS_TIMEOUT = new Setting<>("ratelimit.redis-timeout", "duration",
            "500ms", "How long one Redis command may take; slower or unreachable answers 451 4.3.0 (never unchecked).",
            Values.duration());
    public static final Setting<String> ALERTS_WEBHOOK = new Setting<>("alerts.webhook", "url", "",
            "URL that receives each outbound-guard alert as a JSON POST (in the background; one per subject and "
                    + "kind per alerts.webhook-interval). Empty: alerts go to the event log and /metrics only.",
            Values.string());
    public static final Setting<Duration> ALERTS_WEBHOOK_INTERVAL = new Setting<>("alerts.webhook-interval", "duration",
            "1m", "The same alert (kind and subject) is posted to the webhook at most once per this period.",
            Values.duration());

    /** Every key, in the order of the reference. */
    public static final List<Setting<?>> ALL = List.of(SMTP_HOST_NAME, SMTP_LISTEN, SMTP_MAX_MESSAGE_SIZE,
            SMTP_MAX_RECIPIENTS, SMTP_MAX_LINE_LENGTH, SMTP_MAX_ERRORS, SMTP_MAX_COMMANDS, SMTP_IDLE_TIMEOUT,
            SMTP_SESSION_TIMEOUT, SMTP_GREET_PAUSE, SMTP_MAX_CONNECTIONS, SMTP_MAX_CONNECTIONS_PER_CLIENT, MODE, PROXY_BACKEND, PROXY_TIMEOUT,
            PROXY_CONNECTION_CACHE, PROXY_CONNECTION_CACHE_TIME, PROXY_CONNECTION_REUSE_LIMIT, DNSBL_ZONES,
            DNSBL_ALLOW, DNS_SERVERS, DNS_TIMEOUT, SPF_ENABLED, SPF_REJECT_PERMERROR, SCAN_CLAMD,
            SCAN_SPAMD, SCAN_SPAM_QUARANTINE, SCAN_TIMEOUT, RELAY_LISTEN, RELAY_NETWORKS, RELAY_SMARTHOST,
            RELAY_USERS_FILE, RELAY_AUTH_WITHOUT_TLS, DATA_DIR,
            DELIVER_MAILDIR_ROOT, RECIPIENTS_FILE, OUR_DOMAINS, OUR_RELAYS, OUR_TRUST_RELAYS, BACKSCATTER_ACTION, CHECKS_WARN, BATV_KEYS,
            NODE_NAME, STORE_URL, STORE_USER, STORE_PASSWORD, QUARANTINE_RETENTION_DAYS, QUARANTINE_RETENTION, AUDIT_ENABLED,
            AUDIT_RETENTION_DAYS,
            BATV_LIFETIME_DAYS, LEDGER_FILE, EVENTS_LOG, TLS_KEYSTORE, TLS_PASSWORD,
            CONSOLE_LISTEN, CONSOLE_TLS, CONSOLE_SESSION_IDLE_TIMEOUT, CONSOLE_SESSION_LIFETIME, CONSOLE_LOGIN_ATTEMPTS,
            CONSOLE_LOGIN_WINDOW, CONSOLE_METRICS, MILTER_LISTEN, POLICY_LISTEN, OUTBOUND_GUARD, OUTBOUND_ACTION,
            OUTBOUND_UNKNOWN_ORIGINAL, OUTBOUND_AUTOREPLY_INTERVAL, OUTBOUND_HISTORY, RATELIMIT_USER_MESSAGES,
            RATELIMIT_USER_RECIPIENTS, RATELIMIT_IP_MESSAGES, RATELIMIT_IP_RECIPIENTS, RATELIMIT_DOMAIN_MESSAGES,
            RATELIMIT_DOMAIN_RECIPIENTS, RATELIMIT_DISTINCT_SENDERS, RATELIMIT_DISTINCT_SENDERS_REFUSE, RATELIMIT_REDIS_URL,
            RATELIMIT_REDIS_TIMEOUT, ALERTS_WEBHOOK, ALERTS_WEBHOOK_INTERVAL);
}
