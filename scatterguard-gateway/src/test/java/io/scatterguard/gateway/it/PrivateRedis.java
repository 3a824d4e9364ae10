package io.scatterguard.gateway.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A throwaway redis-server on a loopback port for tests: no persistence, its own directory, stopped
 * (or killed, to test an outage) by the test. A missing redis-server fails the test in CI and skips
 * it loudly elsewhere ({@link RealServers}).
 */
public final class PrivateRedis implements AutoCloseable {
    private final Path program;
    private final Path dir;
    private final int port;
    private Process process;

    private PrivateRedis(Path program, Path dir, int port) {
        this.program = program;
        this.dir = dir;
        this.port = port;
    }

    /** Starts a server on a free port. */
    public static PrivateRedis start() throws IOException {
        Path program = RealServers.require("redis-server", "redis-server");
        PrivateRedis r = new PrivateRedis(program, Files.createTempDirectory("scatterguard-redis"), RealServers.freePort());
        r.run();
        return r;
    }

    /** Starts the server again on the same port after {@link #kill}. */
    public void run() throws IOException {
        process = new ProcessBuilder(List.of(program.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--protected-mode", "yes"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        long end = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < end) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) break;
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        throw new IOException("redis-server did not start on port " + port + ": " + Files.readString(dir.resolve("redis.log")));
    }

    public String url() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    public int port() {
        return port;
    }

    /** Ends the server at once, as a crash would. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws IOException {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
