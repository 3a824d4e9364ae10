package io.scatterguard.gateway.core;

import io.scatterguard.gateway.smtp.SmtpClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Greeted backend sessions kept between client connections, as Postfix's SMTP client keeps its
 * connection cache: most clients send one message per connection, and opening, greeting, EHLO and
 * QUIT of a fresh backend session for each would cost more than relaying the message itself.
 * A session is cached only between transactions (nothing of one client's envelope survives into
 * the next), for a short time, and for a bounded number of uses; one that the backend closed or
 * timed out while idle is found at the next use and replaced by a fresh one.
 */
public final class BackendConnections implements AutoCloseable {
    /** One backend session after EHLO, with what its server offered. */
    public static final class Leg {
        final SmtpClient client;
        final boolean xforward;
        final boolean pipelining;
        int uses;
        long idleSince;
        boolean reused;

        Leg(SmtpClient client, boolean xforward, boolean pipelining) {
            this.client = client;
            this.xforward = xforward;
            this.pipelining = pipelining;
        }
    }

    private final InetSocketAddress backend;
    private final Duration timeout;
    private final String heloName;
    private final int maxIdle;
    private final long idleNanos;
    private final int maxUses;
    private final Deque<Leg> idle = new ArrayDeque<>();
    private boolean closed;

    /**
     * @param maxIdle how many idle sessions to keep (0: none, every client gets a fresh session)
     * @param idleTime how long an idle session may wait for its next client
     * @param maxUses after how many transactions a session is closed anyway
     */
    public BackendConnections(InetSocketAddress backend, Duration timeout, String heloName, int maxIdle, Duration idleTime,
            int maxUses) {
        this.backend = backend;
        this.timeout = timeout;
        this.heloName = heloName;
        this.maxIdle = maxIdle;
        this.idleNanos = idleTime.toNanos();
        this.maxUses = maxUses;
    }

    /** No cache: a fresh backend session for every client connection. */
    public static BackendConnections uncached(InetSocketAddress backend, Duration timeout, String heloName) {
        return new BackendConnections(backend, timeout, heloName, 0, Duration.ZERO, 1);
    }

    /** A cached session if a live one is waiting, otherwise a fresh one. */
    Leg take() throws IOException {
        List<Leg> stale = new ArrayList<>();
        Leg leg = null;
        long now = System.nanoTime();
        synchronized (this) {
            while (!idle.isEmpty()) {
                Leg l = idle.pollFirst(); // the most recently used is the most likely still open
                if (now - l.idleSince > idleNanos || l.client.hasUnsolicitedInput()) {
                    stale.add(l);
                } else {
                    leg = l;
                    break;
                }
            }
        }
        stale.forEach(BackendConnections::quietlyClose);
        if (leg != null) {
            leg.reused = true;
            return leg;
        }
        return open();
    }

    /** A fresh session, greeted and EHLO'd. */
    Leg open() throws IOException {
        SmtpClient client = SmtpClient.connect(backend, timeout);
        try {
            if (client.greeting().code() != 220) throw new IOException("backend greeting: " + client.greeting());
            SmtpClient.ServerReply ehlo = client.command("EHLO " + heloName);
            if (ehlo.code() != 250) throw new IOException("backend EHLO: " + ehlo);
            boolean xforward = false;
            boolean pipelining = false;
            for (String l : ehlo.lines()) {
                String u = l.toUpperCase(Locale.ROOT);
                xforward |= u.startsWith("XFORWARD");
                pipelining |= u.equals("PIPELINING");
            }
            return new Leg(client, xforward, pipelining);
        } catch (IOException | RuntimeException e) {
            quietlyClose(client);
            throw e;
        }
    }

    /**
     * A session between transactions goes back to the cache, or is closed politely when the cache
     * is full, off, or the session has served enough.
     */
    void give(Leg leg) {
        leg.uses++;
        List<Leg> expired = new ArrayList<>();
        boolean kept = false;
        long now = System.nanoTime();
        synchronized (this) {
            while (!idle.isEmpty() && now - idle.peekLast().idleSince > idleNanos) expired.add(idle.pollLast());
            if (!closed && leg.uses < maxUses && idle.size() < maxIdle) {
                leg.idleSince = now;
                idle.addFirst(leg);
                kept = true;
            }
        }
        expired.forEach(BackendConnections::quit);
        if (!kept) quit(leg);
    }

    /** Sessions waiting now (for tests and metrics). */
    public synchronized int idleCount() {
        return idle.size();
    }

    /** QUIT without waiting for the 221, then close. */
    static void quit(Leg leg) {
        try {
            leg.client.raw("QUIT\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        } catch (IOException ignored) {
            // closing anyway
        }
        quietlyClose(leg);
    }

    static void quietlyClose(Leg leg) {
        quietlyClose(leg.client);
    }

    private static void quietlyClose(SmtpClient client) {
        try {
            client.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public void close() {
        List<Leg> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(idle);
            idle.clear();
        }
        all.forEach(BackendConnections::quit);
    }
}
