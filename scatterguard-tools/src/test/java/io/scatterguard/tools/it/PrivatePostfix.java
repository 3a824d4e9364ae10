package io.scatterguard.tools.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A real Postfix instance in a private configuration directory under /tmp, listening on loopback
 * ports only, logging with postlogd to its own {@code maillog_file} (Postfix 3.4+) — the approach of
 * the gateway's PostfixBackendIT. Everything it would send elsewhere goes to a relayhost the test
 * runs on loopback.
 */
final class PrivatePostfix implements AutoCloseable {
    private static final List<String> BASE_MASTER = List.of(
            "pickup unix n - n 60 1 pickup", "cleanup unix n - n - 0 cleanup", "qmgr unix n - n 300 1 qmgr",
            "rewrite unix - - n - - trivial-rewrite", "bounce unix - - n - 0 bounce", "defer unix - - n - 0 bounce",
            "trace unix - - n - 0 bounce", "verify unix - - n - 1 verify", "proxymap unix - - n - - proxymap",
            "smtp unix - - n - - smtp", "relay unix - - n - - smtp", "error unix - - n - - error",
            "retry unix - - n - - error", "discard unix - - n - - discard", "local unix - n n - - local",
            "anvil unix - - n - 1 anvil", "scache unix - - n - 1 scache", "tlsmgr unix - - n 1000? 1 tlsmgr",
            "postlog unix-dgram n - n - 1 postlogd", "showq unix n - n - - showq");

    final Path dir;
    final Path conf;
    final Path log;
    /** main.cf, one value per parameter (a second value would make postconf warn). */
    private final Map<String, String> main = new LinkedHashMap<>();
    private final List<String> master = new ArrayList<>();
    private boolean started;

    PrivatePostfix(String prefix) throws IOException {
        RealServers.require("postfix", "postfix");
        RealServers.requireRoot();
        dir = Files.createTempDirectory(Path.of("/tmp"), prefix,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        conf = Files.createDirectories(dir.resolve("conf"));
        Files.createDirectories(dir.resolve("queue"));
        Files.createDirectories(dir.resolve("data"));
        log = dir.resolve("maillog");
        main(
                "compatibility_level = 3.6",
                "queue_directory = " + dir.resolve("queue"),
                "data_directory = " + dir.resolve("data"),
                "mail_owner = postfix",
                "myhostname = mx.example.com",
                "mydomain = example.com",
                "mydestination = example.com",
                "inet_interfaces = 127.0.0.1",
                "inet_protocols = ipv4",
                "mynetworks = 127.0.0.0/8",
                "smtpd_recipient_restrictions = permit_mynetworks, reject_unauth_destination",
                "alias_maps =",
                "alias_database =",
                "smtp_tls_security_level = none",
                "maillog_file_prefixes = /tmp",
                "maillog_file = " + log);
        master.addAll(BASE_MASTER);
    }

    /** Sets main.cf parameters, {@code "name = value"}; a later value replaces an earlier one. */
    PrivatePostfix main(String... lines) {
        for (String l : lines) {
            int eq = l.indexOf('=');
            main.put(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
        }
        return this;
    }

    /** Adds master.cf service lines. */
    PrivatePostfix master(String... lines) {
        master.addAll(List.of(lines));
        return this;
    }

    /** Writes the configuration and starts Postfix; returns when every given port accepts connections. */
    PrivatePostfix start(int... ports) throws Exception {
        StringBuilder cf = new StringBuilder();
        main.forEach((k, v) -> cf.append(k).append(" = ").append(v).append('\n'));
        Files.writeString(conf.resolve("main.cf"), cf);
        Files.writeString(conf.resolve("master.cf"), String.join("\n", master) + "\n");
        run("chown", "-R", "postfix", dir.resolve("data").toString());
        run("postfix", "-c", conf.toString(), "set-permissions");
        run("chown", "-R", "postfix", dir.resolve("data").toString());
        String check = run("postfix", "-c", conf.toString(), "check");
        if (!check.isBlank()) System.err.println("postfix check: " + check);
        String out = run("postfix", "-c", conf.toString(), "start");
        started = true;
        for (int port : ports) waitForPort(port, out);
        return this;
    }

    /** Rotates the log the way an operator's cron job does: the old one is renamed and gzip-compressed. */
    void logrotate() throws Exception {
        run("postfix", "-c", conf.toString(), "logrotate");
    }

    /** True when no message is left in the queue. */
    boolean queueEmpty() throws Exception {
        return run("postqueue", "-c", conf.toString(), "-p").contains("Mail queue is empty");
    }

    String logText() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    static void await(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) return;
            Thread.sleep(250);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " did not finish");
        }
        return out;
    }

    private void waitForPort(int port, String startOutput) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (RealServers.listening(port)) return;
            Thread.sleep(200);
        }
        throw new IOException("Postfix did not start (" + startOutput + "): " + logText());
    }

    @Override
    public void close() throws IOException {
        try {
            if (started) run("postfix", "-c", conf.toString(), "stop");
            run("rm", "-rf", dir.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping Postfix in " + dir, e);
        }
    }
}
