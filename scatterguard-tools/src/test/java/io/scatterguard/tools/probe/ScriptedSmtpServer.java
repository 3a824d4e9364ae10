package io.scatterguard.tools.probe;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A fake SMTP server on loopback that plays a script per connection, for the probe's unit tests:
 * whatever a real server might do — refuse, temp-fail, stall, trickle, talk garbage, hang up.
 * It records every line the client sent, so a test can prove that DATA never came.
 */
final class ScriptedSmtpServer implements AutoCloseable {
    /** One connection's script. */
    interface Script {
        void play(Session s) throws Exception;
    }

    /** The server side of one connection. */
    final class Session {
        private Socket socket;
        private BufferedReader in;
        private OutputStream out;

        Session(Socket socket) throws IOException {
            attach(socket);
        }

        private void attach(Socket s) throws IOException {
            this.socket = s;
            this.in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            this.out = s.getOutputStream();
        }

        /** Writes raw text (CRLF line ends are the script's business). */
        void raw(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** Writes reply lines, each ended with CRLF. */
        void send(String... lines) throws IOException {
            StringBuilder sb = new StringBuilder();
            for (String l : lines) sb.append(l).append("\r\n");
            raw(sb.toString());
        }

        /** Reads the client's next line (null at end of stream) and records it. */
        String read() throws IOException {
            String line = in.readLine();
            if (line != null) received.add(line);
            return line;
        }

        /** Reads a line, checks its start, then answers. */
        void expect(String prefix, String... reply) throws IOException {
            String line = read();
            if (line == null || !line.toUpperCase(java.util.Locale.ROOT).startsWith(prefix)) {
                throw new IOException("expected " + prefix + ", got " + line);
            }
            if (reply.length > 0) send(reply);
        }

        /** Answers whatever comes until QUIT (or the client hangs up). */
        void answerRestUntilQuit() throws IOException {
            String line;
            while ((line = read()) != null) {
                if (line.toUpperCase(java.util.Locale.ROOT).startsWith("QUIT")) {
                    send("221 2.0.0 Bye");
                    return;
                }
                send("250 2.0.0 Ok");
            }
        }

        /** Switches the connection to TLS as the server side. */
        void startTls(SSLContext ctx) throws IOException {
            SSLSocket ssl = (SSLSocket) ctx.getSocketFactory().createSocket(socket, "localhost", socket.getPort(), true);
            ssl.setUseClientMode(false);
            ssl.startHandshake();
            attach(ssl);
        }

        void close() throws IOException {
            socket.close();
        }
    }

    private final ServerSocket server;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread thread;

    /** Starts a server that plays {@code scripts[i]} on the i-th connection (the last one again after that). */
    ScriptedSmtpServer(Script... scripts) throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        thread = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    int n = connections.getAndIncrement();
                    scripts[Math.min(n, scripts.length - 1)].play(new Session(s));
                } catch (IOException e) {
                    if (!server.isClosed()) failures.add(e);
                } catch (Exception | AssertionError e) {
                    failures.add(e);
                }
            }
        }, "scripted-smtp");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    Target target() {
        return new Target("127.0.0.1", port());
    }

    /** Every line the client sent, in order, over all connections. */
    List<String> received() {
        return List.copyOf(received);
    }

    int connections() {
        return connections.get();
    }

    List<Throwable> failures() {
        return List.copyOf(failures);
    }

    @Override
    public void close() throws IOException {
        server.close();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
