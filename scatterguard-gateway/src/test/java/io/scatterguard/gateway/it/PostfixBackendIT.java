package io.scatterguard.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.gateway.check.builtin.RecipientDirectory;
import io.scatterguard.gateway.core.Gateway;
import io.scatterguard.gateway.core.ProxyBackend;
import io.scatterguard.gateway.smtp.SmtpClient;
import io.scatterguard.gateway.smtp.SmtpSettings;
import io.scatterguard.mail.verdict.OurSide;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Proxy mode in front of a real Postfix instance (private configuration directory, loopback port)
 * that knows its own users: Postfix's own refusals reach the client live, XFORWARD tells it who the
 * real client was, and a forged bounce never reaches it, so its queue holds no bounce.
 */
@Timeout(180)
class PostfixBackendIT {
    private static Path dir;
    private static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        RealServers.require("postfix", "postfix");
        if (!"root".equals(System.getProperty("user.name"))) {
            String msg = "starting a private Postfix instance needs root";
            if ("true".equals(System.getenv("CI"))) throw new IllegalStateException(msg);
            System.err.println("\n*** SKIPPED: " + msg + " ***\n");
            Assumptions.abort(msg);
        }
        dir = Files.createTempDirectory(Path.of("/tmp"), "sg-postfix-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        int port = RealServers.freePort();
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.createDirectories(dir.resolve("queue"));
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(conf.resolve("main.cf"), String.join("\n",
                "compatibility_level = 3.6",
                "queue_directory = " + dir.resolve("queue"),
                "data_directory = " + dir.resolve("data"),
                "mail_owner = postfix",
                "myhostname = backend.example.com",
                "mydestination = example.com",
                "inet_interfaces = 127.0.0.1",
                "inet_protocols = ipv4",
                "local_recipient_maps = hash:" + conf.resolve("users"),
                "local_transport = discard",
                "default_transport = discard",
                "smtpd_authorized_xforward_hosts = 127.0.0.0/8",
                "smtpd_recipient_restrictions = reject_unauth_destination",
                "maillog_file_prefixes = /tmp",
                "maillog_file = " + dir.resolve("maillog"),
                "alias_maps =",
                "alias_database =", ""));
        Files.writeString(conf.resolve("master.cf"), String.join("\n",
                "127.0.0.1:" + port + " inet n - n - - smtpd",
                "pickup unix n - n 60 1 pickup", "cleanup unix n - n - 0 cleanup", "qmgr unix n - n 300 1 qmgr",
                "rewrite unix - - n - - trivial-rewrite", "bounce unix - - n - 0 bounce", "defer unix - - n - 0 bounce",
                "trace unix - - n - 0 bounce", "verify unix - - n - 1 verify", "proxymap unix - - n - - proxymap",
                "smtp unix - - n - - smtp", "error unix - - n - - error", "discard unix - - n - - discard",
                "local unix - n n - - local", "anvil unix - - n - 1 anvil", "scache unix - - n - 1 scache",
                "postlog unix-dgram n - n - 1 postlogd", "showq unix n - n - - showq", ""));
        Files.writeString(conf.resolve("users"), "alice@example.com OK\nbob@example.com OK\n");
        run("postmap", conf.resolve("users").toString());
        run("chown", "-R", "postfix", dir.resolve("data").toString());
        run("postfix", "-c", conf.toString(), "set-permissions");
        run("chown", "-R", "postfix", dir.resolve("data").toString());
        run("postfix", "-c", conf.toString(), "start");
        waitForPort(port);
        OurSide us = OurSide.builder().domain("example.com").build();
        SmtpSettings smtp = new SmtpSettings("mx.example.com", 10 << 20, 100, 510, 20, 1000, Duration.ofSeconds(30),
                Duration.ofMinutes(5), Duration.ZERO);
        // The gateway accepts the whole domain: which users exist is the backend's business here.
        gateway = Gateway.start(new InetSocketAddress("127.0.0.1", 0), smtp, null,
                Gateway.defaultPipeline(new RecipientDirectory(List.of("@example.com")), us), us,
                ProxyBackend.factory(new InetSocketAddress("127.0.0.1", port), Duration.ofSeconds(30), "mx.example.com"),
                null, 100, 50);
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) gateway.close();
        if (dir != null) {
            run("postfix", "-c", dir.resolve("conf").toString(), "stop");
            run("rm", "-rf", dir.toString());
        }
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    private static void waitForPort(int port) throws Exception {
        for (int i = 0; i < 100; i++) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new IOException("Postfix did not start: " + Files.readString(dir.resolve("maillog")));
    }

    private static SmtpClient client() throws IOException {
        SmtpClient c = SmtpClient.connect(new InetSocketAddress("127.0.0.1", gateway.port()), Duration.ofSeconds(30));
        c.command("EHLO client.example.net");
        return c;
    }

    @Test
    void postfixsOwnRefusalReachesTheClientAtRcptWithTheRealClientForwarded() throws Exception {
        try (SmtpClient c = client()) {
            assertThat(c.command("MAIL FROM:<carol@example.net>").code()).isEqualTo(250);
            SmtpClient.ServerReply r = c.command("RCPT TO:<nobody@example.com>");
            assertThat(r.code()).isEqualTo(550);
            assertThat(r.text()).contains("5.1.1").contains("User unknown in local recipient table");
            assertThat(c.command("RCPT TO:<alice@example.com>").code()).isEqualTo(250);
            SmtpClient.ServerReply end = c.data("Subject: hello\r\n\r\nhi\r\n".getBytes(StandardCharsets.UTF_8));
            assertThat(end.code()).isEqualTo(250);
            assertThat(end.text()).contains("queued as"); // Postfix's own final answer
        }
        Thread.sleep(500);
        String log = Files.readString(dir.resolve("maillog"));
        // XFORWARD was accepted and Postfix recorded the real client behind the gateway.
        assertThat(log).contains("xforward=1").contains("orig_client=");
    }

    @Test
    void forgedBounceNeverReachesPostfixSoItBouncesNothing() throws Exception {
        try (SmtpClient c = client()) {
            c.command("MAIL FROM:<>");
            c.command("RCPT TO:<bob@example.com>");
            SmtpClient.ServerReply r = c.data(("From: MAILER-DAEMON@mx.other.example.net\r\nSubject: Undelivered Mail Returned to "
                    + "Sender\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n--b\r\n"
                    + "Content-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.other.example.net\r\n\r\n"
                    + "Final-Recipient: rfc822; x@other.example.net\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n--b--\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(r.code()).isEqualTo(550);
        }
        String queue = run("postqueue", "-c", dir.resolve("conf").toString(), "-p");
        assertThat(queue).contains("Mail queue is empty");
        assertThat(Files.readString(dir.resolve("maillog"))).doesNotContain("sender non-delivery notification");
    }
}
