package io.scatterguard.gateway.net;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Accepts stream connections on a TCP address or a Unix-domain socket and serves each on its own
 * thread — the listener under the milter and the policy service, which an MTA calls rather
 * than a mail client. Socket channels have no read timeout, so a watchdog closes connections that
 * stay idle longer than the limit; that also ends the thread blocked in the read. Over the
 * connection limit a new connection is closed at once with a log line (the MTA then applies its
 * configured default, e.g. Postfix's {@code milter_default_action}).
 */
public final class StreamServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(StreamServer.class.getName());

    /** Serves one connection until it ends; the server closes the connection afterwards. */
    @FunctionalInterface
    public interface Handler {
        void serve(Connection connection) throws IOException;
    }

    /** One accepted connection: buffered streams whose use counts as activity for the idle limit. */
    public static final class Connection implements AutoCloseable {
        private final String id;
        private final String peer;
        private final SocketChannel channel;
        private final InputStream in;
        private final OutputStream out;
        private volatile long lastActivity = System.nanoTime();

        Connection(String id, String peer, SocketChannel channel) {
            this.id = id;
            this.peer = peer;
            this.channel = channel;
            this.in = new BufferedInputStream(new FilterInputStream(Channels.newInputStream(channel)) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    touch();
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    touch();
                    return n;
                }
            }, 1 << 16);
            this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 14);
        }

        /** A short identifier for log lines and events, unique within this server. */
        public String id() {
            return id;
        }

        /** The remote side for log lines ("127.0.0.1:40312", or "unix" for a Unix socket peer). */
        public String peer() {
            return peer;
        }

        public InputStream in() {
            return in;
        }

        public OutputStream out() {
            return out;
        }

        /** Marks the connection busy (e.g. while a slow check runs), resetting the idle clock. */
        public void touch() {
            lastActivity = System.nanoTime();
        }

        boolean idleLongerThan(long nanos) {
            return System.nanoTime() - lastActivity > nanos;
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    private final String name;
    private final ServerSocketChannel listener;
    private final ListenAddress bound;
    private final int maxConnections;
    private final long idleNanos;
    private final Handler handler;
    // Platform threads, not virtual: an MTA keeps a few long-lived connections (one per smtpd or
    // cleanup process) that exchange many small packets, and a platform thread blocked in read() is
    // woken by the kernel directly, without a virtual thread's park, poller wake-up and carrier
    // hand-off. Measured with a no-op milter in Postfix: 0.66 ms of CPU per message on virtual
    // threads, 0.47 ms on platform threads (bench/milter-throughput). maxConnections bounds them.
    private final ExecutorService workers;
    private final ScheduledExecutorService watchdog;
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong();
    private final Thread acceptor;
    private volatile boolean closing;

    /**
     * @param name            the service's name in log lines ("milter", "policy")
     * @param address         where to listen; a stale Unix socket file is replaced, a live one is an error
     * @param maxConnections  connections served at once; more are closed at once
     * @param idleTimeout     how long a connection may stay silent before it is closed
     */
    public StreamServer(String name, ListenAddress address, int maxConnections, Duration idleTimeout, Handler handler)
            throws IOException {
        this.name = name;
        this.workers = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().daemon(true).name(name + "-conn-", 0).factory());
        this.maxConnections = maxConnections;
        this.idleNanos = idleTimeout.toNanos();
        this.handler = handler;
        this.listener = bind(address);
        this.bound = address instanceof ListenAddress.Inet
                ? new ListenAddress.Inet(((ListenAddress.Inet) address).host(),
                        ((InetSocketAddress) listener.getLocalAddress()).getPort())
                : address;
        long period = Math.max(50, Math.min(1000, idleTimeout.toMillis() / 4));
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon(true)
                .name(name + "-idle-watchdog").unstarted(r));
        watchdog.scheduleAtFixedRate(this::closeIdle, period, period, TimeUnit.MILLISECONDS);
        this.acceptor = Thread.ofPlatform().daemon(true).name(name + "-accept").start(this::acceptLoop);
    }

    private static ServerSocketChannel bind(ListenAddress address) throws IOException {
        if (address instanceof ListenAddress.Unix u) {
            removeStaleSocket(u.path());
            ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                ch.bind(u.socketAddress(), 512);
                // The MTA's user (postfix, smmsp) needs write access; give it through the group.
                Files.setPosixFilePermissions(u.path(), PosixFilePermissions.fromString("rw-rw----"));
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw new IOException("cannot listen on " + address + ": " + e.getMessage(), e);
            }
            return ch;
        }
        ServerSocketChannel ch = ServerSocketChannel.open();
        try {
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.bind(address.socketAddress(), 512);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw new IOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
        return ch;
    }

    /** A socket file left by a process that is gone is removed; one with a live listener is an error. */
    private static void removeStaleSocket(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        if (Files.isRegularFile(path) || Files.isDirectory(path)) {
            throw new IOException("cannot listen on unix:" + path + ": a file that is not a socket is in the way");
        }
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            throw new IOException("cannot listen on unix:" + path + ": another process is listening there");
        } catch (java.net.SocketException stale) { // refused: nobody listens
            Files.deleteIfExists(path);
        }
    }

    /** The address actually listened on (with the port chosen when 0 was asked for). */
    public ListenAddress address() {
        return bound;
    }

    /** Connections being served now. */
    public int openConnections() {
        return open.size();
    }

    private void acceptLoop() {
        while (!closing) {
            SocketChannel ch;
            try {
                ch = listener.accept();
            } catch (IOException e) {
                if (closing) return;
                LOG.log(Level.WARNING, name + ": accept failed: " + e.getMessage());
                continue;
            }
            String peer = peer(ch);
            if (open.size() >= maxConnections) {
                LOG.log(Level.WARNING, name + ": refusing connection from " + peer + ": " + maxConnections
                        + " connections already open (limit smtp.max-connections)");
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // nothing to tell that peer
                }
                continue;
            }
            Connection c = new Connection(Long.toString(ids.incrementAndGet(), 36), peer, ch);
            open.add(c);
            try {
                workers.execute(() -> serve(c));
            } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
                open.remove(c);
                c.close();
            }
        }
    }

    private void serve(Connection c) {
        try (c) {
            handler.serve(c);
        } catch (IOException e) {
            if (!closing && c.channel.isOpen()) {
                LOG.log(Level.INFO, name + " " + c.id() + " (" + c.peer() + "): connection ended: " + e.getMessage());
            }
        } catch (RuntimeException | Error e) {
            LOG.log(Level.ERROR, name + " " + c.id() + " (" + c.peer() + "): unexpected failure, connection closed", e);
        } finally {
            open.remove(c);
        }
    }

    private void closeIdle() {
        for (Connection c : open) {
            if (c.idleLongerThan(idleNanos)) {
                LOG.log(Level.INFO, name + " " + c.id() + " (" + c.peer() + "): idle for longer than "
                        + Duration.ofNanos(idleNanos) + ", closing");
                c.close();
            }
        }
    }

    private static String peer(SocketChannel ch) {
        try {
            if (ch.getRemoteAddress() instanceof InetSocketAddress a) {
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                return a.getAddress().getHostAddress() + ":" + a.getPort();
            }
        } catch (IOException ignored) {
            // reported as unknown
        }
        return "unix";
    }

    @Override
    public void close() throws IOException {
        closing = true;
        listener.close();
        for (Connection c : open) c.close();
        workers.shutdownNow();
        watchdog.shutdownNow();
        try {
            acceptor.join(2000);
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (bound instanceof ListenAddress.Unix u) Files.deleteIfExists(u.path());
    }
}
