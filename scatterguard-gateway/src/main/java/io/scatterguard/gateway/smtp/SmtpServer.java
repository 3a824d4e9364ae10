package io.scatterguard.gateway.smtp;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;

/**
 * Accepts SMTP connections and runs each {@link SmtpSession} on its own virtual thread. Enforces
 * the connection limits in total and per client IP before a session starts: over the limit the
 * client gets {@code 421 4.7.0} and is disconnected, never queued.
 */
public final class SmtpServer implements AutoCloseable {
    private final SmtpSettings settings;
    private final SmtpHandler.Factory handlers;
    private final SSLContext tls;
    private final int maxConnections;
    private final int maxPerClient;
    private final ServerSocket listener;
    private final ExecutorService sessions = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, AtomicInteger> perClient = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Thread acceptor;
    private volatile boolean closing;

    /**
     * @param tls the context for STARTTLS, or null to not offer it
     */
    public SmtpServer(InetSocketAddress bind, SmtpSettings settings, SSLContext tls, SmtpHandler.Factory handlers,
            int maxConnections, int maxPerClient) throws IOException {
        this.settings = settings;
        this.tls = tls;
        this.handlers = handlers;
        this.maxConnections = maxConnections;
        this.maxPerClient = maxPerClient;
        this.listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(bind, 512);
        this.acceptor = Thread.ofPlatform().name("smtp-accept-" + port()).daemon(true).start(this::acceptLoop);
    }

    public int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!closing) {
            Socket s;
            try {
                s = listener.accept();
            } catch (IOException e) {
                if (closing) return;
                continue;
            }
            InetAddress ip = s.getInetAddress();
            AtomicInteger mine = perClient.computeIfAbsent(ip, k -> new AtomicInteger());
            if (open.incrementAndGet() > maxConnections || mine.incrementAndGet() > maxPerClient) {
                refuse(s);
                release(ip, mine);
                continue;
            }
            String id = Long.toString(ids.incrementAndGet(), 36);
            sessions.execute(() -> {
                try {
                    new SmtpSession(s, tls, settings, id, handlers).run();
                } finally {
                    release(ip, mine);
                }
            });
        }
    }

    private void release(InetAddress ip, AtomicInteger mine) {
        open.decrementAndGet();
        if (mine.decrementAndGet() <= 0) perClient.remove(ip, mine);
    }

    private void refuse(Socket s) {
        try (s) {
            OutputStream o = s.getOutputStream();
            o.write(("421 4.7.0 " + settings.hostName() + " Error: too many connections; try again later\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            o.flush();
        } catch (IOException ignored) {
            // nothing more to say to that client
        }
    }

    @Override
    public void close() throws IOException {
        closing = true;
        listener.close();
        sessions.shutdownNow();
    }
}
