package io.scatterguard.gateway.it;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Postfix for integration tests, started as {@code postfix -c DIR start} with a private
 * configuration, queue and data directory under /tmp, listening on a loopback port, logging to its
 * own {@code maillog_file}. Everything it delivers goes over SMTP to a Postfix {@code smtp-sink}
 * on another loopback port, which dumps each message with its envelope ({@code X-Mail-Args},
 * {@code X-Rcpt-Args}) into a directory the test reads. Clients in 127.0.0.2/32 are its
 * {@code mynetworks} (our own users); example.com is the domain it is the MX for.
 */
final class PrivatePostfix {
    final Path dir;
    final int port;
    final int sinkPort;
    private final Process sink;

    private PrivatePostfix(Path dir, int port, int sinkPort, Process sink) {
        this.dir = dir;
        this.port = port;
        this.sinkPort = sinkPort;
        this.sink = sink;
    }

    /** Needs root (as Postfix does to start) and postfix, smtp-sink and swaks; skips or fails like {@link RealServers}. */
    static void requirePrograms() {
        RealServers.require("postfix", "postfix");
        RealServers.require("smtp-sink", "postfix");
        RealServers.require("swaks", "swaks");
        if (!"root".equals(System.getProperty("user.name"))) {
            String msg = "starting a private Postfix instance needs root";
            if ("true".equals(System.getenv("CI"))) throw new IllegalStateException(msg);
            System.err.println("\n*** SKIPPED: " + msg + " ***\n");
            Assumptions.abort(msg);
        }
    }

    /** Starts the sink and Postfix; {@code mainCf} lines are appended to the base configuration. */
    static PrivatePostfix start(String... mainCf) throws Exception {
        requirePrograms();
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "sg-postfix-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        int port = RealServers.freePort();
        int sinkPort = RealServers.freePort();
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.createDirectories(dir.resolve("queue"));
        Files.createDirectories(dir.resolve("data"));
        Path sinkDir = Files.createDirectories(dir.resolve("sink"));
        Files.setPosixFilePermissions(sinkDir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Process sink = new ProcessBuilder("/usr/sbin/smtp-sink", "-u", "nobody", "-d", sinkDir + "/%H%M%S.",
                "127.0.0.1:" + sinkPort, "64").redirectErrorStream(true).redirectOutput(dir.resolve("sink.log").toFile()).start();
        PrivatePostfix p = new PrivatePostfix(dir, port, sinkPort, sink);
        try {
            List<String> cf = new ArrayList<>(List.of(
                    "compatibility_level = 3.6",
                    "queue_directory = " + dir.resolve("queue"),
                    "data_directory = " + dir.resolve("data"),
                    "mail_owner = postfix",
                    "myhostname = mx.example.com",
                    "mydomain = example.com",
                    "myorigin = example.com",
                    "mydestination =",
                    "relay_domains = example.com",
                    "inet_interfaces = 127.0.0.1",
                    "inet_protocols = ipv4",
                    "mynetworks = 127.0.0.2/32",
                    "smtpd_peername_lookup = no",
                    "smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination",
                    "default_transport = smtp:[127.0.0.1]:" + sinkPort,
                    "relay_transport = smtp:[127.0.0.1]:" + sinkPort,
                    "smtp_tls_security_level = none",
                    // BATV-tagged recipients are delivered to the plain address (docs/BACKSCATTER.md).
                    "recipient_canonical_maps = regexp:" + conf.resolve("batv"),
                    "maillog_file_prefixes = /tmp",
                    "maillog_file = " + dir.resolve("maillog"),
                    "alias_maps =",
                    "alias_database ="));
            cf.addAll(List.of(mainCf));
            Files.writeString(conf.resolve("main.cf"), String.join("\n", cf) + "\n");
            Files.writeString(conf.resolve("batv"), "/^prvs=[0-9]{4}[0-9a-f]{6}=(.+)$/ ${1}\n");
            Files.writeString(conf.resolve("master.cf"), String.join("\n",
                    "127.0.0.1:" + port + " inet n - n - - smtpd",
                    "pickup unix n - n 60 1 pickup", "cleanup unix n - n - 0 cleanup", "qmgr unix n - n 300 1 qmgr",
                    "rewrite unix - - n - - trivial-rewrite", "bounce unix - - n - 0 bounce", "defer unix - - n - 0 bounce",
                    "trace unix - - n - 0 bounce", "verify unix - - n - 1 verify", "proxymap unix - - n - - proxymap",
                    "smtp unix - - n - - smtp", "error unix - - n - - error", "discard unix - - n - - discard",
                    "anvil unix - - n - 1 anvil", "scache unix - - n - 1 scache",
                    "postlog unix-dgram n - n - 1 postlogd", "showq unix n - n - - showq", ""));
            run("chown", "-R", "postfix", dir.resolve("data").toString());
            run("postfix", "-c", conf.toString(), "set-permissions");
            run("chown", "-R", "postfix", dir.resolve("data").toString());
            String out = run("postfix", "-c", conf.toString(), "start");
            p.waitForPort(port, out);
            p.waitForPort(sinkPort, "smtp-sink did not start");
        } catch (Exception e) {
            p.stop();
            throw e;
        }
        return p;
    }

    Path conf() {
        return dir.resolve("conf");
    }

    String maillog() throws IOException {
        Path log = dir.resolve("maillog");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** {@code postqueue -p} of this instance. */
    String queue() throws IOException, InterruptedException {
        return run("postqueue", "-c", conf().toString(), "-p");
    }

    /** Waits until the queue is empty (everything delivered to the sink or refused); returns the last listing. */
    String awaitEmptyQueue() throws IOException, InterruptedException {
        String q = queue();
        for (int i = 0; i < 150 && !q.contains("Mail queue is empty"); i++) {
            Thread.sleep(200);
            q = queue();
        }
        return q;
    }

    /** The sink's dumps whose text contains {@code marker}, waiting up to 30 s for one to appear. */
    List<String> delivered(String marker) throws IOException, InterruptedException {
        for (int i = 0; i < 150; i++) {
            List<String> found = new ArrayList<>();
            try (Stream<Path> files = Files.list(dir.resolve("sink"))) {
                for (Path f : files.sorted().toList()) {
                    String text = Files.readString(f, StandardCharsets.ISO_8859_1);
                    if (text.contains(marker)) found.add(text);
                }
            }
            if (!found.isEmpty()) return found;
            Thread.sleep(200);
        }
        return List.of();
    }

    /** Runs swaks against this Postfix; returns its transcript. */
    String swaks(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("swaks", "--server", "127.0.0.1:" + port, "--helo", "client.example.net",
                "--timeout", "60"));
        cmd.addAll(List.of(args));
        return run(cmd.toArray(String[]::new));
    }

    static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) p.destroyForcibly();
        return out;
    }

    private void waitForPort(int p, String why) throws Exception {
        for (int i = 0; i < 100; i++) {
            try {
                new Socket("127.0.0.1", p).close();
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new IOException("port " + p + " did not open: " + why + "\n" + maillog());
    }

    /** Stops Postfix and the sink and removes the instance directory. */
    void stop() throws IOException, InterruptedException {
        run("postfix", "-c", conf().toString(), "stop");
        sink.destroy();
        if (!sink.waitFor(10, TimeUnit.SECONDS)) sink.destroyForcibly();
        run("rm", "-rf", dir.toString());
    }
}
