package io.scatterguard.gateway.core;

import io.scatterguard.gateway.check.CheckChain;
import io.scatterguard.gateway.check.Contexts;
import io.scatterguard.gateway.check.Mode;
import io.scatterguard.gateway.check.Pipeline;
import io.scatterguard.gateway.check.builtin.AllowList;
import io.scatterguard.gateway.check.builtin.DnsblCheck;
import io.scatterguard.gateway.check.builtin.RecipientDirectory;
import io.scatterguard.gateway.dns.DnsJavaResolver;
import io.scatterguard.gateway.check.builtin.ContentScanCheck;
import io.scatterguard.gateway.check.builtin.SpfCheck;
import io.scatterguard.gateway.scan.ClamdClient;
import io.scatterguard.gateway.scan.SpamdClient;
import io.scatterguard.gateway.spf.Rfc7208Evaluator;
import io.scatterguard.gateway.config.Config;
import io.scatterguard.gateway.config.ConfigException;
import io.scatterguard.gateway.config.ConfigKeys;
import io.scatterguard.gateway.deliver.MaildirDelivery;
import io.scatterguard.gateway.smtp.SmtpSettings;
import io.scatterguard.gateway.tls.TlsContexts;
import io.scatterguard.mail.batv.BatvKeyring;
import io.scatterguard.mail.batv.BatvSigner;
import io.scatterguard.mail.verdict.InMemoryOutboundLedger;
import io.scatterguard.mail.batv.BatvVerifier;
import io.scatterguard.mail.verdict.OurSide;
import io.scatterguard.mail.verdict.OutboundLedger;
import io.scatterguard.store.StoreSettings;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * Builds the gateway's parts from a {@link Config}. Every problem a running gateway would hit later
 * (missing recipients file, bad BATV key, unreadable keystore, unparsable listen address) is found
 * here, before the first connection, and reported with the key that causes it.
 */
public final class GatewayFactory {
    private GatewayFactory() {}

    /**
     * Everything needed to start listening. For {@link Role#MTA_FILTER} there is no TLS context and
     * no backend (the MTA has its own), {@code directory} is null when no recipients file is
     * configured, and {@code outbound} says how our own users' mail is signed and recorded; for the
     * gateway, {@code outbound} is null (its relay listener is described by {@code relay}).
     */
    public record Parts(List<InetSocketAddress> listen, SmtpSettings smtp, SSLContext tls, RecipientDirectory directory,
            OurSide us, Pipeline pipeline, Backend.Factory backends, String mode, EventLog events, int maxConnections,
            int maxPerClient, Relay relay, Outbound outbound, Guard guard) {}

    /**
     * The outbound guard as configured ({@code outbound.*}, {@code ratelimit.*}, {@code alerts.*});
     * null in {@link Parts} when nothing sends outbound mail through us (no relay listener on the
     * gateway). {@link #start} opens its state (memory, or the shared Redis) and its alert sinks.
     */
    public record Guard(io.scatterguard.gateway.outbound.GuardSettings settings, String redisUrl,
            java.time.Duration redisTimeout, java.net.URI webhook, java.time.Duration webhookInterval,
            AllowList internal) {

        /** A running guard: alerts go to {@code events} and {@code metrics} (each may be null) and the webhook. */
        public Running start(EventLog events, io.scatterguard.gateway.metrics.GatewayMetrics metrics) {
            io.scatterguard.gateway.outbound.GuardState state = io.scatterguard.gateway.outbound.GuardStates.open(redisUrl,
                    redisTimeout);
            List<io.scatterguard.gateway.outbound.GuardAlerts> sinks = new ArrayList<>();
            if (events != null) sinks.add(events::write);
            if (metrics != null) sinks.add(metrics::guardEvent);
            io.scatterguard.gateway.outbound.WebhookAlerts hook = webhook == null ? null
                    : new io.scatterguard.gateway.outbound.WebhookAlerts(webhook, webhookInterval, Clock.systemUTC());
            if (hook != null) sinks.add(hook);
            return new Running(new io.scatterguard.gateway.outbound.OutboundGuard(settings, state,
                    io.scatterguard.gateway.outbound.GuardAlerts.all(sinks), Clock.systemUTC()), state, hook, internal);
        }

        /** The guard and what must be closed with it. */
        public record Running(io.scatterguard.gateway.outbound.OutboundGuard guard,
                io.scatterguard.gateway.outbound.GuardState state, io.scatterguard.gateway.outbound.WebhookAlerts webhook,
                AllowList internal) implements AutoCloseable {
            @Override
            public void close() {
                state.close();
                if (webhook != null) webhook.close();
            }
        }
    }

    /**
     * What runs the checks: the SMTP gateway (it needs the recipients file, a TLS certificate and a
     * delivery target), or a filter inside an existing MTA — the milter and the policy service —
     * which needs none of them (a recipients file is optional there: without it the MTA alone
     * decides who exists).
     */
    public enum Role { GATEWAY, MTA_FILTER }

    /**
     * Our own users' mail as a filter inside the MTA sees it: clients in {@code networks} (or that
     * authenticated) send outbound mail, whose envelope sender {@code signer} tags with BATV (null:
     * no BATV keys) and whose Message-ID goes to {@code sent}, the ledger the inbound judge reads.
     */
    public record Outbound(AllowList networks, BatvSigner signer, OutboundRecorder sent) {}

    /** The outbound relay listener, or null when none is configured. */
    public record Relay(List<InetSocketAddress> listen, AllowList networks, BatvSigner signer, OutboundRecorder ledger,
            Backend.Factory smarthost, RelayUsers users) {}

    public static Parts build(Config c) throws ConfigException {
        return build(c, Role.GATEWAY);
    }

    /** Builds the parts for the gateway or for a filter inside an MTA (see {@link Role}). */
    public static Parts build(Config c, Role role) throws ConfigException {
        return build(c, role, null);
    }

    /**
     * ... with {@code shared} (may be null) as the outbound ledger every node writes and reads: mail
     * our relay sends is recorded there too, and the inbound judge asks it as well as memory.
     */
    public static Parts build(Config c, Role role, io.scatterguard.store.SentMailLedger shared) throws ConfigException {
        boolean gateway = role == Role.GATEWAY;
        List<String> problems = new ArrayList<>();
        List<InetSocketAddress> listen = new ArrayList<>();
        for (String l : c.get(ConfigKeys.SMTP_LISTEN)) {
            try {
                listen.add(hostPort(l));
            } catch (IllegalArgumentException e) {
                problems.add(ConfigKeys.SMTP_LISTEN.key() + ": " + e.getMessage());
            }
        }
        if (listen.isEmpty() && problems.isEmpty()) problems.add(ConfigKeys.SMTP_LISTEN.key() + ": give at least one address");
        Path dataDir = Path.of(c.get(ConfigKeys.DATA_DIR));
        RecipientDirectory directory = null;
        String rf = c.get(ConfigKeys.RECIPIENTS_FILE);
        if (rf.isEmpty()) {
            if (gateway) problems.add(ConfigKeys.RECIPIENTS_FILE.key() + ": required (the addresses we accept mail for, one per line)");
        } else {
            try {
                directory = RecipientDirectory.load(Path.of(rf));
            } catch (IOException e) {
                problems.add(ConfigKeys.RECIPIENTS_FILE.key() + ": cannot read " + rf + ": " + e.getMessage());
            } catch (IllegalArgumentException e) {
                problems.add(ConfigKeys.RECIPIENTS_FILE.key() + ": " + rf + ": " + e.getMessage());
            }
        }
        BatvKeyring batvKeyring = null;
        OurSide.Builder us = OurSide.builder().domains(c.get(ConfigKeys.OUR_DOMAINS)).relayGlobs(c.get(ConfigKeys.OUR_RELAYS))
                .weakRelayIsOurs(c.get(ConfigKeys.OUR_TRUST_RELAYS));
        if (directory != null) us.domains(directory.domains());
        if (!c.get(ConfigKeys.BATV_KEYS).isEmpty()) {
            try {
                BatvKeyring keyring = BatvKeyring.fromSpecs(c.get(ConfigKeys.BATV_KEYS));
                us.batv(new BatvVerifier(keyring, c.get(ConfigKeys.BATV_LIFETIME_DAYS), Clock.systemUTC()));
                batvKeyring = keyring;
            } catch (IllegalArgumentException e) {
                problems.add(ConfigKeys.BATV_KEYS.key() + ": " + e.getMessage());
            }
        }
        // What the relay listener sends is recorded live; a ledger file adds IDs sent by other means.
        InMemoryOutboundLedger live = new InMemoryOutboundLedger(1_000_000, java.time.Duration.ofDays(30));
        OutboundLedger fromFile = id -> false;
        String ledger = c.get(ConfigKeys.LEDGER_FILE);
        if (!ledger.isEmpty()) {
            try (var lines = Files.lines(Path.of(ledger))) {
                fromFile = OutboundLedger.of(lines.map(String::strip).filter(x -> !x.isEmpty() && !x.startsWith("#")).toList());
            } catch (IOException | java.io.UncheckedIOException e) {
                problems.add(ConfigKeys.LEDGER_FILE.key() + ": cannot read " + ledger + ": " + e.getMessage());
            }
        }
        OutboundLedger file = fromFile;
        us.ledger(id -> live.contains(id) || file.contains(id) || (shared != null && shared.contains(id)));
        // Recorded here in memory at once, and in the store for every node (and after a restart).
        OutboundRecorder recorder = (id, sender) -> {
            live.record(id);
            if (shared != null) shared.record(id, sender == null ? "" : sender, java.time.Instant.now());
        };
        BatvSigner signer = batvKeyring == null ? null : new BatvSigner(batvKeyring, c.get(ConfigKeys.BATV_LIFETIME_DAYS),
                io.scatterguard.mail.batv.BatvAddress.Form.PREFIX, Clock.systemUTC());
        Relay relay = null;
        if (!c.get(ConfigKeys.RELAY_LISTEN).isEmpty()) {
            try {
                List<InetSocketAddress> rl = new ArrayList<>();
                for (String l : c.get(ConfigKeys.RELAY_LISTEN)) rl.add(hostPort(l));
                String sh = c.get(ConfigKeys.RELAY_SMARTHOST);
                if (sh.isEmpty()) throw new IllegalArgumentException(ConfigKeys.RELAY_SMARTHOST.key() + " is required");
                RelayUsers users = null;
                String uf = c.get(ConfigKeys.RELAY_USERS_FILE);
                if (!uf.isEmpty()) {
                    try {
                        users = RelayUsers.load(Path.of(uf), c.get(ConfigKeys.RELAY_AUTH_WITHOUT_TLS));
                    } catch (IOException e) {
                        problems.add(ConfigKeys.RELAY_USERS_FILE.key() + ": cannot read " + uf + ": " + e.getMessage());
                    } catch (IllegalArgumentException e) {
                        problems.add(ConfigKeys.RELAY_USERS_FILE.key() + ": " + e.getMessage());
                    }
                }
                relay = new Relay(rl, new AllowList(c.get(ConfigKeys.RELAY_NETWORKS)), signer, recorder,
                        ProxyBackend.factory(hostPort(sh), c.get(ConfigKeys.PROXY_TIMEOUT), c.get(ConfigKeys.SMTP_HOST_NAME)), users);
            } catch (IllegalArgumentException e) {
                problems.add(ConfigKeys.RELAY_LISTEN.key() + ": " + e.getMessage());
            }
        }
        String host = c.get(ConfigKeys.SMTP_HOST_NAME);
        SSLContext tls = null;
        if (gateway) try {
            String ks = c.get(ConfigKeys.TLS_KEYSTORE);
            tls = ks.isEmpty() ? TlsContexts.selfSigned(dataDir.resolve("tls"), host)
                    : TlsContexts.fromPkcs12(Path.of(ks), c.get(ConfigKeys.TLS_PASSWORD).toCharArray());
        } catch (IOException | GeneralSecurityException e) {
            problems.add(ConfigKeys.TLS_KEYSTORE.key() + ": cannot load the TLS certificate: " + e.getMessage());
        }
        String root = c.get(ConfigKeys.DELIVER_MAILDIR_ROOT);
        Path maildir = root.isEmpty() ? dataDir.resolve("maildir") : Path.of(root);
        ConfigKeys.Mode mode = c.get(ConfigKeys.MODE);
        InetSocketAddress backendAddress = null;
        if (gateway && mode == ConfigKeys.Mode.PROXY) {
            String b = c.get(ConfigKeys.PROXY_BACKEND);
            if (b.isEmpty()) {
                problems.add(ConfigKeys.PROXY_BACKEND.key() + ": required in proxy mode (host:port of the real mail server)");
            } else {
                try {
                    backendAddress = hostPort(b);
                } catch (IllegalArgumentException e) {
                    problems.add(ConfigKeys.PROXY_BACKEND.key() + ": " + e.getMessage());
                }
            }
        }
        EventLog events = null;
        String ev = c.get(ConfigKeys.EVENTS_LOG);
        try {
            OutputStream out = ev.equals("-") ? System.out : new FileOutputStream(ev, true);
            events = new EventLog(out);
        } catch (IOException e) {
            problems.add(ConfigKeys.EVENTS_LOG.key() + ": cannot open " + ev + ": " + e.getMessage());
        }
        List<CheckChain.Entry<Contexts.Connect>> connect = new ArrayList<>();
        List<CheckChain.Entry<Contexts.Mail>> mail = new ArrayList<>();
        DnsJavaResolver dns = null;
        if (!c.get(ConfigKeys.DNSBL_ZONES).isEmpty() || c.get(ConfigKeys.SPF_ENABLED)) {
            try {
                List<InetSocketAddress> servers = new ArrayList<>();
                for (String d : c.get(ConfigKeys.DNS_SERVERS)) servers.add(hostPort(d.contains(":") ? d : d + ":53"));
                dns = new DnsJavaResolver(servers, c.get(ConfigKeys.DNS_TIMEOUT));
            } catch (IllegalArgumentException | IOException e) {
                problems.add(ConfigKeys.DNS_SERVERS.key() + ": " + e.getMessage());
            }
        }
        if (dns != null && c.get(ConfigKeys.SPF_ENABLED)) {
            mail.add(new CheckChain.Entry<>(new SpfCheck(new Rfc7208Evaluator(dns, c.get(ConfigKeys.SMTP_HOST_NAME),
                    Rfc7208Evaluator.DEFAULT_BUDGET), c.get(ConfigKeys.SPF_REJECT_PERMERROR)), Mode.ENFORCE));
        }
        if (dns != null && !c.get(ConfigKeys.DNSBL_ZONES).isEmpty()) {
            try {
                List<DnsblCheck.Zone> zones = c.get(ConfigKeys.DNSBL_ZONES).stream().map(DnsblCheck::parseZone).toList();
                connect.add(new CheckChain.Entry<>(new DnsblCheck(dns, zones, new AllowList(c.get(ConfigKeys.DNSBL_ALLOW))),
                        Mode.ENFORCE));
            } catch (IllegalArgumentException e) {
                problems.add(ConfigKeys.DNSBL_ZONES.key() + ": " + e.getMessage());
            }
        }
        List<CheckChain.Entry<Contexts.Message>> scanners = new ArrayList<>();
        try {
            if (!c.get(ConfigKeys.SCAN_CLAMD).isEmpty()) {
                scanners.add(new CheckChain.Entry<>(ContentScanCheck.clamd(new ClamdClient(hostPort(c.get(ConfigKeys.SCAN_CLAMD)),
                        c.get(ConfigKeys.SCAN_TIMEOUT))), Mode.ENFORCE));
            }
            if (!c.get(ConfigKeys.SCAN_SPAMD).isEmpty()) {
                scanners.add(new CheckChain.Entry<>(ContentScanCheck.spamd(new SpamdClient(hostPort(c.get(ConfigKeys.SCAN_SPAMD)),
                        c.get(ConfigKeys.SCAN_TIMEOUT)), c.get(ConfigKeys.SCAN_SPAM_QUARANTINE)), Mode.ENFORCE));
            }
        } catch (IllegalArgumentException e) {
            problems.add("scan: " + e.getMessage());
        }
        Outbound outbound = null;
        if (!gateway) {
            try {
                outbound = new Outbound(new AllowList(c.get(ConfigKeys.RELAY_NETWORKS)), signer, recorder);
            } catch (IllegalArgumentException e) {
                problems.add(ConfigKeys.RELAY_NETWORKS.key() + ": " + e.getMessage());
            }
        }
        Guard guard = null;
        if (relay != null || !gateway) guard = guard(c, directory, problems);
        if (!problems.isEmpty()) throw new ConfigException(problems);
        OurSide ours = us.build();
        SmtpSettings smtp = new SmtpSettings(host, c.get(ConfigKeys.SMTP_MAX_MESSAGE_SIZE), c.get(ConfigKeys.SMTP_MAX_RECIPIENTS),
                c.get(ConfigKeys.SMTP_MAX_LINE_LENGTH), c.get(ConfigKeys.SMTP_MAX_ERRORS), c.get(ConfigKeys.SMTP_MAX_COMMANDS),
                c.get(ConfigKeys.SMTP_IDLE_TIMEOUT), c.get(ConfigKeys.SMTP_SESSION_TIMEOUT), c.get(ConfigKeys.SMTP_GREET_PAUSE));
        Backend.Factory backends = !gateway ? null : mode == ConfigKeys.Mode.PROXY
                ? ProxyBackend.factory(new BackendConnections(backendAddress, c.get(ConfigKeys.PROXY_TIMEOUT), host,
                        c.get(ConfigKeys.PROXY_CONNECTION_CACHE), c.get(ConfigKeys.PROXY_CONNECTION_CACHE_TIME),
                        c.get(ConfigKeys.PROXY_CONNECTION_REUSE_LIMIT)))
                : new MaildirTarget(new MaildirDelivery(maildir, host));
        Pipeline pipeline = Gateway.defaultPipeline(directory, ours, connect, mail, scanners, c.get(ConfigKeys.BACKSCATTER_ACTION));
        java.util.Set<String> warn = new java.util.TreeSet<>(c.get(ConfigKeys.CHECKS_WARN));
        java.util.Set<String> unknown = new java.util.TreeSet<>(warn);
        unknown.removeAll(pipeline.checkNames());
        if (!unknown.isEmpty()) {
            throw new ConfigException(List.of(ConfigKeys.CHECKS_WARN.key() + ": no configured check named " + unknown
                    + "; the checks configured are " + pipeline.checkNames()));
        }
        pipeline = pipeline.warning(warn);
        return new Parts(listen, smtp, tls, directory, ours, pipeline, backends,
                mode.name().toLowerCase(java.util.Locale.ROOT),
                events, c.get(ConfigKeys.SMTP_MAX_CONNECTIONS), c.get(ConfigKeys.SMTP_MAX_CONNECTIONS_PER_CLIENT), relay, outbound,
                guard);
    }

    private static Guard guard(Config c, RecipientDirectory directory, List<String> problems) {
        int before = problems.size();
        if (c.get(ConfigKeys.OUTBOUND_ACTION) == io.scatterguard.gateway.outbound.GuardSettings.Action.ACCEPT) {
            problems.add(ConfigKeys.OUTBOUND_ACTION.key() + ": must be quarantine or reject (accept is only for "
                    + ConfigKeys.OUTBOUND_UNKNOWN_ORIGINAL.key() + ")");
        }
        String redis = c.get(ConfigKeys.RATELIMIT_REDIS_URL).strip();
        if (!redis.isEmpty() && !redis.startsWith("redis://") && !redis.startsWith("rediss://")) {
            problems.add(ConfigKeys.RATELIMIT_REDIS_URL.key() + ": expected redis://HOST:PORT/DB or rediss://…, got '" + redis + "'");
        }
        java.net.URI hook = null;
        String w = c.get(ConfigKeys.ALERTS_WEBHOOK).strip();
        if (!w.isEmpty()) {
            try {
                hook = new java.net.URI(w);
                if (!"http".equals(hook.getScheme()) && !"https".equals(hook.getScheme())) {
                    problems.add(ConfigKeys.ALERTS_WEBHOOK.key() + ": expected an http:// or https:// URL, got '" + w + "'");
                }
            } catch (java.net.URISyntaxException e) {
                problems.add(ConfigKeys.ALERTS_WEBHOOK.key() + ": " + e.getMessage());
            }
        }
        AllowList internal;
        try {
            internal = new AllowList(c.get(ConfigKeys.RELAY_NETWORKS));
        } catch (IllegalArgumentException e) {
            return null; // reported where the relay listener or the filter's outbound side reads the key
        }
        if (problems.size() > before) return null;
        java.util.Set<String> domains = new java.util.TreeSet<>();
        for (String d : c.get(ConfigKeys.OUR_DOMAINS)) domains.add(d.toLowerCase(java.util.Locale.ROOT));
        if (directory != null) for (String d : directory.domains()) domains.add(d.toLowerCase(java.util.Locale.ROOT));
        io.scatterguard.gateway.outbound.GuardSettings settings = new io.scatterguard.gateway.outbound.GuardSettings(
                c.get(ConfigKeys.RATELIMIT_USER_MESSAGES), c.get(ConfigKeys.RATELIMIT_USER_RECIPIENTS),
                c.get(ConfigKeys.RATELIMIT_IP_MESSAGES), c.get(ConfigKeys.RATELIMIT_IP_RECIPIENTS),
                c.get(ConfigKeys.RATELIMIT_DOMAIN_MESSAGES), c.get(ConfigKeys.RATELIMIT_DOMAIN_RECIPIENTS),
                c.get(ConfigKeys.RATELIMIT_DISTINCT_SENDERS).orElse(null), c.get(ConfigKeys.RATELIMIT_DISTINCT_SENDERS_REFUSE),
                c.get(ConfigKeys.OUTBOUND_GUARD), c.get(ConfigKeys.OUTBOUND_ACTION), c.get(ConfigKeys.OUTBOUND_UNKNOWN_ORIGINAL),
                c.get(ConfigKeys.OUTBOUND_AUTOREPLY_INTERVAL), c.get(ConfigKeys.OUTBOUND_HISTORY), domains);
        return new Guard(settings, redis, c.get(ConfigKeys.RATELIMIT_REDIS_TIMEOUT), hook,
                c.get(ConfigKeys.ALERTS_WEBHOOK_INTERVAL), internal);
    }

    /**
     * The store's settings from the configuration: {@code store.url} (empty: the embedded H2 file in
     * the data directory), its credentials, this node's name and the retention periods.
     */
    public static StoreSettings storeSettings(Config c) {
        java.util.Map<String, java.time.Duration> byCategory = new java.util.HashMap<>();
        c.get(ConfigKeys.QUARANTINE_RETENTION).forEach((k, days) -> byCategory.put(k, java.time.Duration.ofDays(days)));
        String node = c.get(ConfigKeys.NODE_NAME).strip();
        StoreSettings embedded = StoreSettings.embedded(Path.of(c.get(ConfigKeys.DATA_DIR)));
        return embedded.withUrl(c.get(ConfigKeys.STORE_URL), c.get(ConfigKeys.STORE_USER), c.get(ConfigKeys.STORE_PASSWORD))
                .withNodeName(node.isEmpty() ? embedded.nodeName() : node)
                .withRetention(java.time.Duration.ofDays(c.get(ConfigKeys.QUARANTINE_RETENTION_DAYS)), byCategory,
                        java.time.Duration.ofDays(c.get(ConfigKeys.AUDIT_RETENTION_DAYS)), embedded.ledgerRetention());
    }

    /** "host:port", "[v6]:port" or ":port" (all addresses). */
    static InetSocketAddress hostPort(String s) {
        String t = s.strip();
        int colon = t.lastIndexOf(':');
        if (colon < 0) throw new IllegalArgumentException("'" + s + "' needs a port, e.g. 127.0.0.1:2525");
        String host = t.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int port;
        try {
            port = Integer.parseInt(t.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "': port is not a number");
        }
        if (port < 0 || port > 65535) throw new IllegalArgumentException("'" + s + "': port out of range");
        return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    }
}
