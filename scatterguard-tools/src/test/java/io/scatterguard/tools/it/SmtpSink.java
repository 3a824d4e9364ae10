package io.scatterguard.tools.it;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Postfix's smtp-sink on a loopback port: the "remote" servers of the integration tests, so nothing
 * ever leaves the machine. {@code -f RCPT} makes one that refuses every recipient (a forged sender's
 * domain that has no such user).
 */
final class SmtpSink implements AutoCloseable {
    private final Process process;
    final int port;

    private SmtpSink(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static SmtpSink start(String... options) throws Exception {
        Path sink = RealServers.require("smtp-sink", "postfix");
        int port = RealServers.freePort();
        List<String> cmd = new ArrayList<>(List.of(sink.toString(), "-u", "nobody"));
        cmd.addAll(List.of(options));
        cmd.addAll(List.of("127.0.0.1:" + port, "100"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        for (int i = 0; i < 100; i++) {
            if (RealServers.listening(port)) return new SmtpSink(p, port);
            if (!p.isAlive()) throw new IOException("smtp-sink exited with " + p.exitValue());
            Thread.sleep(100);
        }
        p.destroy();
        throw new IOException("smtp-sink did not start on port " + port);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
