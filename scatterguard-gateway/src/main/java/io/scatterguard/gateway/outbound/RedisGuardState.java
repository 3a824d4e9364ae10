package io.scatterguard.gateway.outbound;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The guard's state in a Redis server that several gateway nodes share, so that a sender's limits
 * hold whichever node it reaches. Every operation is one atomic step on the server — a Lua script,
 * or one command — and every script reads the time from Redis ({@code TIME}), so nodes whose clocks
 * disagree still agree on the buckets. One multiplexed connection serves all sessions (Lettuce
 * pipelines concurrent commands on it). A command that fails or takes longer than the timeout
 * raises {@link GuardState.UnavailableException}, and the guard answers 451: nothing passes
 * unchecked and no session hangs. The connection is re-established on its own when Redis returns.
 * (Redis Cluster is not supported: a script's keys must live on one server.)
 */
public final class RedisGuardState implements GuardState {
    /**
     * One transaction's admission: KEYS[1] is the set of members ("" in ARGV[1] for none), ARGV[1..3]
     * the member, window and limit; then per bucket KEYS[1+i] and ARGV capacity, period, cost. Answers
     * {members, 1 if over the limit, 1-based index of the first unpaid charge or 0}; takes from every
     * bucket or from none (a key named twice pays twice).
     */
    static final String ADMIT = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local members = 0
            if ARGV[1] ~= '' then
              local window = tonumber(ARGV[2])
              redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
              redis.call('ZADD', KEYS[1], now, ARGV[1])
              redis.call('PEXPIRE', KEYS[1], window)
              members = redis.call('ZCARD', KEYS[1])
              if members > tonumber(ARGV[3]) then return {members, 1, 0} end
            end
            local left = {}
            for i = 2, #KEYS do
              local j = 3 * (i - 1) + 1
              local cap, period, cost = tonumber(ARGV[j]), tonumber(ARGV[j+1]), tonumber(ARGV[j+2])
              local tokens = left[KEYS[i]]
              if tokens == nil then
                tokens = cap
                local b = redis.call('HMGET', KEYS[i], 't', 'a')
                if b[1] then
                  tokens = math.min(cap, tonumber(b[1]) + math.max(0, now - tonumber(b[2])) * cap / period)
                end
              end
              if tokens < cost then return {members, 0, i - 1} end
              left[KEYS[i]] = tokens - cost
            end
            for i = 2, #KEYS do
              local j = 3 * (i - 1) + 1
              local cap, period = tonumber(ARGV[j]), tonumber(ARGV[j+1])
              local l = left[KEYS[i]]
              redis.call('HSET', KEYS[i], 't', string.format('%.6f', l), 'a', now)
              redis.call('PEXPIRE', KEYS[i], math.max(1, math.ceil((cap - l) * period / cap)))
            end
            return {members, 0, 0}
            """;
    /** Sets every key to the same value with the same time to live. */
    static final String REMEMBER = """
            for i = 1, #KEYS do
              redis.call('SET', KEYS[i], ARGV[1], 'PX', ARGV[2])
            end
            return #KEYS
            """;

    private static final System.Logger LOG = System.getLogger("io.scatterguard.gateway.outbound");

    private final RedisClient client;
    private final String prefix;
    private final String describe;
    private final Script admit = new Script(ADMIT);
    private final Script remember = new Script(REMEMBER);
    private final Object connecting = new Object();
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile long nextAttempt; // nanoTime before which a failed first connection is not retried

    /** A Lua script and its SHA-1, sent by digest once the server knows it. */
    private record Script(String source, String sha) {
        Script(String source) {
            this(source, sha1(source));
        }
    }

    /**
     * @param url     redis://[:PASSWORD@]HOST:PORT/DB or rediss:// for TLS
     * @param timeout the longest one command may take
     * @param prefix  put before every key, so that one Redis may serve other uses too
     */
    public RedisGuardState(String url, Duration timeout, String prefix) {
        RedisURI uri;
        try {
            uri = RedisURI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + url + "' is not a Redis URL: " + e.getMessage());
        }
        uri.setTimeout(timeout);
        this.describe = (uri.isSsl() ? "rediss://" : "redis://") + uri.getHost() + ":" + uri.getPort() + "/" + uri.getDatabase();
        this.prefix = prefix;
        this.client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // while disconnected, fail at once (the guard answers 451) instead of queueing commands
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).keepAlive(true).build())
                .build());
    }

    public RedisGuardState(String url, Duration timeout) {
        this(url, timeout, "scatterguard:guard:");
    }

    /** Where it is, without the password (for logs and start-up messages). */
    @Override
    public String toString() {
        return describe;
    }

    private RedisCommands<String, String> redis() {
        StatefulRedisConnection<String, String> c = connection;
        if (c != null) return c.sync();
        synchronized (connecting) {
            if (connection != null) return connection.sync();
            if (System.nanoTime() < nextAttempt) throw new UnavailableException("Redis at " + describe + " is unreachable", null);
            try {
                connection = client.connect();
                LOG.log(System.Logger.Level.INFO, "outbound guard state: connected to Redis at " + describe);
                return connection.sync();
            } catch (RedisException e) {
                nextAttempt = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                throw new UnavailableException("cannot connect to Redis at " + describe + ": " + rootMessage(e), e);
            }
        }
    }

    private Object eval(Script s, ScriptOutputType type, String[] keys, String... args) {
        RedisCommands<String, String> r = redis();
        try {
            try {
                return r.evalsha(s.sha(), type, keys, args);
            } catch (RedisNoScriptException e) {
                r.scriptLoad(s.source()); // a restarted or flushed server forgot it
                return r.evalsha(s.sha(), type, keys, args);
            }
        } catch (RedisException e) {
            throw new UnavailableException("Redis at " + describe + ": " + rootMessage(e), e);
        }
    }

    @Override
    public Admission admit(Members members, List<Charge> charges) {
        if (members == null && charges.isEmpty()) return new Admission(0, false, Optional.empty());
        String[] keys = new String[charges.size() + 1];
        String[] args = new String[charges.size() * 3 + 3];
        keys[0] = members == null ? prefix + "-" : prefix + members.key();
        args[0] = members == null ? "" : members.member();
        args[1] = members == null ? "0" : Long.toString(Math.max(1, members.window().toMillis()));
        args[2] = members == null ? "0" : Long.toString(members.limit());
        for (int i = 0; i < charges.size(); i++) {
            Charge c = charges.get(i);
            keys[i + 1] = prefix + c.key();
            args[3 * i + 3] = Long.toString(c.capacity());
            args[3 * i + 4] = Long.toString(Math.max(1, c.period().toMillis()));
            args[3 * i + 5] = Long.toString(c.cost());
        }
        List<?> answer = (List<?>) eval(admit, ScriptOutputType.MULTI, keys, args);
        long unpaid = (Long) answer.get(2);
        return new Admission((Long) answer.get(0), (Long) answer.get(1) == 1,
                unpaid == 0 ? Optional.empty() : Optional.of(charges.get((int) unpaid - 1)));
    }

    @Override
    public boolean firstWithin(String key, Duration period) {
        try {
            return "OK".equals(redis().set(prefix + key, "1", SetArgs.Builder.nx().px(Math.max(1, period.toMillis()))));
        } catch (RedisException e) {
            throw new UnavailableException("Redis at " + describe + ": " + rootMessage(e), e);
        }
    }

    @Override
    public void remember(List<String> keys, String value, Duration ttl) {
        if (keys.isEmpty()) return;
        eval(remember, ScriptOutputType.INTEGER, keys.stream().map(k -> prefix + k).toArray(String[]::new), value,
                Long.toString(Math.max(1, ttl.toMillis())));
    }

    @Override
    public Optional<String> recall(List<String> keys) {
        if (keys.isEmpty()) return Optional.empty();
        try {
            for (var kv : redis().mget(keys.stream().map(k -> prefix + k).toArray(String[]::new))) {
                if (kv.hasValue()) return Optional.of(kv.getValue());
            }
            return Optional.empty();
        } catch (RedisException e) {
            throw new UnavailableException("Redis at " + describe + ": " + rootMessage(e), e);
        }
    }

    @Override
    public void close() {
        StatefulRedisConnection<String, String> c = connection;
        if (c != null) c.close();
        client.shutdown(0, 2, TimeUnit.SECONDS);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t.getMessage() + ")";
    }

    private static String sha1(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
