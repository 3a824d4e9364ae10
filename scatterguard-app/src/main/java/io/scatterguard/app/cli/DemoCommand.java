package io.scatterguard.app.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.scatterguard.console.Console;
import io.scatterguard.console.ConsoleSettings;
import io.scatterguard.console.QuarantineRelease;
import io.scatterguard.gateway.check.Pipeline;
import io.scatterguard.gateway.check.builtin.BackscatterCheck;
import io.scatterguard.gateway.config.Config;
import io.scatterguard.gateway.core.AuditRecorder;
import io.scatterguard.gateway.core.Gateway;
import io.scatterguard.gateway.core.GatewayFactory;
import io.scatterguard.gateway.core.Release;
import io.scatterguard.gateway.metrics.GatewayMetrics;
import io.scatterguard.gateway.smtp.SmtpClient;
import io.scatterguard.mail.batv.BatvKeyring;
import io.scatterguard.mail.batv.BatvSigner;
import io.scatterguard.store.Credentials;
import io.scatterguard.store.Store;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scatterguard demo}: starts the gateway on embedded defaults (deliver mode, temporary
 * directories, an embedded H2 store, loopback) and sends a realistic scenario through it over real
 * SMTP, printing what happened to each message and why. With {@code --keep-running} the gateway and
 * its web console stay up on the scenario's data, with a one-time password for an {@code admin} account.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the gateway on embedded defaults and send a backscatter scenario through it over SMTP.")
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--keep-running", description = "Leave the gateway and its web console running after the scenario "
            + "(stop with Ctrl-C).")
    boolean keepRunning;

    private int delivered;
    private int refused;
    private int held;

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("scatterguard-demo-");
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        String key = "1:" + HexFormat.of().formatHex(secret);
        BatvSigner signer = new BatvSigner(BatvKeyring.fromSpecs(List.of(key)));
        Files.writeString(dir.resolve("recipients"), "alice@example.com\nbob@example.com\n");
        Config config = Config.parse(String.join("\n",
                "mode: deliver",
                "smtp.listen: [ \"127.0.0.1:0\" ]",
                "smtp.host-name: mx.example.com",
                "smtp.max-message-size: 10m",
                "smtp.greet-pause: 0ms",
                "smtp.max-connections: 100",
                "data-dir: " + quoted(dir.resolve("data")),
                "deliver.maildir-root: " + quoted(dir.resolve("maildir")),
                "recipients.file: " + quoted(dir.resolve("recipients")),
                "our.domains: [ example.com ]",
                "batv.keys: [ \"" + key + "\" ]",
                "log.events: " + quoted(dir.resolve("events.jsonl")),
                "node.name: demo",
                "console.listen: 127.0.0.1:8025", ""), "the demo's configuration");
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        GatewayMetrics metrics = new GatewayMetrics(registry);
        try (Store store = Store.open(GatewayFactory.storeSettings(config))) {
            GatewayFactory.Parts parts = GatewayFactory.build(config, GatewayFactory.Role.GATEWAY, store.ledger());
            AuditRecorder audit = new AuditRecorder(store.audit(), store.settings().nodeName());
            // A second site that holds backscatter for review instead of refusing it (backscatter.action: quarantine).
            Pipeline review = Gateway.defaultPipeline(parts.directory(), parts.us(), List.of(), List.of(), List.of(),
                    BackscatterCheck.Action.QUARANTINE);
            try (Gateway gw = Gateway.start(parts, store.quarantine(), audit, metrics);
                    Gateway reviewing = Gateway.start(List.of(new InetSocketAddress("127.0.0.1", 0)), parts.smtp(), parts.tls(),
                            review, parts.us(), parts.backends(), parts.events(), parts.maxConnections(), parts.maxPerClient(),
                            store.quarantine(), audit, metrics)) {
                InetSocketAddress addr = new InetSocketAddress("127.0.0.1", gw.port());
                System.out.println("Scatterguard demo: the gateway for example.com listens on " + addr.getHostString() + ":"
                        + gw.port() + " (deliver mode, mailboxes under " + dir.resolve("maildir") + ")");
                System.out.println("Users: alice@example.com, bob@example.com. Every decision is made while the client waits.\n");
                scenario(addr, signer);
                reviewScenario(new InetSocketAddress("127.0.0.1", reviewing.port()));
                System.out.printf("%nDelivered: %d message(s). Held for review: %d. Refusals given during the SMTP transaction: "
                        + "%d. Bounces sent by us: 0.%n", delivered, held, refused);
                System.out.println("Decision log (one JSON line per transaction): " + dir.resolve("events.jsonl"));
                if (keepRunning) keepRunning(store, parts, config, registry, dir, addr);
            }
        }
        return 0;
    }

    /** Starts the console on the demo's store with a fresh admin account, and waits until stopped. */
    private void keepRunning(Store store, GatewayFactory.Parts parts, Config config, PrometheusMeterRegistry registry, Path dir,
            InetSocketAddress addr) throws IOException {
        store.audit().flush(Duration.ofSeconds(10));
        String password = oneTimePassword();
        store.users().create("admin", Credentials.hashPassword(password.toCharArray()));
        QuarantineRelease release = ServeCommand.release(new Release(store.quarantine(), parts.backends(),
                "the demo's Maildirs under " + dir.resolve("maildir")));
        Console console;
        try {
            console = Console.builder(ConsoleSettings.from(config).orElseThrow(), store).release(release).config(config)
                    .metrics(registry).start();
        } catch (IOException e) { // 8025 taken: any free port will do for a demo
            console = Console.builder(ConsoleSettings.loopback(0), store).release(release).config(config).metrics(registry).start();
        } catch (io.scatterguard.gateway.config.ConfigException e) {
            throw new IllegalStateException("the demo's console settings are invalid: " + e.getMessage(), e);
        }
        try (Console c = console) {
            System.out.println("\nStill listening on " + addr.getHostString() + ":" + addr.getPort() + ".");
            System.out.println("Web console: " + c.uri() + "   user: admin   password: " + password + "   (made for this run only)");
            System.out.println("Stop with Ctrl-C.");
            System.out.flush();
            try {
                Thread.currentThread().join();
            } catch (InterruptedException e) {
                // stopped: close everything normally (the flag is not set again: H2 would abort its file I/O)
            }
        }
    }

    /** 20 characters from an alphabet without look-alikes (about 110 bits). */
    private static String oneTimePassword() {
        String alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        SecureRandom r = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20; i++) sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        return sb.toString();
    }

    private static String quoted(Path p) {
        return "\"" + p.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A site in review mode keeps the same kind of forged bounce in its quarantine: accepted, delivered to no one. */
    private void reviewScenario(InetSocketAddress addr) throws IOException {
        step(addr, "8. The same kind of forged bounce at a site that holds backscatter for review (backscatter.action: "
                + "quarantine)", "", List.of("bob@example.com"), bounce("bob@example.com", "<spam-4712@botnet.example>"));
    }

    private void scenario(InetSocketAddress addr, BatvSigner signer) throws IOException {
        step(addr, "1. Ordinary mail from carol@example.net to alice", "carol@example.net", List.of("alice@example.com"),
                "From: Carol <carol@example.net>\nTo: alice@example.com\nSubject: Lunch on Friday?\n\nShall we?\n");
        step(addr, "2. Mail to an unknown user (refused at RCPT, so no one has to bounce it later)", "carol@example.net",
                List.of("nobdy@example.com"), "From: carol@example.net\nSubject: typo\n\nhello\n");
        step(addr, "3. A forged bounce: spam that used alice's address came back from another server", "",
                List.of("alice@example.com"), bounce("alice@example.com", "<spam-4711@botnet.example>"));
        String tagged = signer.sign("alice@example.com");
        step(addr, "4. A genuine bounce of mail alice really sent, to her BATV-signed address " + tagged, "",
                List.of(tagged), bounce(tagged, "<real-1@example.com>"));
        step(addr, "5. An out-of-office reply to spam that forged bob's address", "", List.of("bob@example.com"),
                "From: Dana <dana@partner.example.org>\nTo: bob@example.com\nSubject: Automatic reply: your invoice\n"
                        + "Auto-Submitted: auto-replied\n\nI am out of the office until Monday.\n");
        step(addr, "6. A null-sender message with two recipients", "", List.of("alice@example.com", "bob@example.com"),
                bounce("alice@example.com", "<x@example.com>"));
        smuggling(addr);
    }

    private void step(InetSocketAddress addr, String title, String sender, List<String> rcpts, String message)
            throws IOException {
        System.out.println(title);
        try (SmtpClient c = SmtpClient.connect(addr, Duration.ofSeconds(30))) {
            c.command("EHLO client.example.net");
            show("MAIL FROM:<" + sender + ">", c.command("MAIL FROM:<" + sender + ">"));
            int accepted = 0;
            for (String r : rcpts) {
                SmtpClient.ServerReply reply = c.command("RCPT TO:<" + r + ">");
                show("RCPT TO:<" + r + ">", reply);
                if (reply.positive()) accepted++;
                else refused++;
            }
            if (accepted > 0) {
                SmtpClient.ServerReply end = c.data(message.getBytes(StandardCharsets.UTF_8));
                show("DATA ... .", end);
                if (end.positive() && end.toString().contains("held for review")) held++;
                else if (end.positive()) delivered++;
                else refused++;
            }
            c.command("QUIT");
        }
    }

    /** SMTP smuggling: a bare-LF end-of-data followed by a second, hidden transaction. */
    private void smuggling(InetSocketAddress addr) throws IOException {
        System.out.println("7. An SMTP smuggling attempt (LF.LF followed by a hidden second message)");
        try (SmtpClient c = SmtpClient.connect(addr, Duration.ofSeconds(30))) {
            c.command("EHLO attacker.example.net");
            c.command("MAIL FROM:<attacker@example.net>");
            c.command("RCPT TO:<alice@example.com>");
            c.command("DATA");
            c.raw(("Subject: harmless\r\n\r\nhello\n.\nMAIL FROM:<ceo@example.com>\r\nRCPT TO:<bob@example.com>\r\n"
                    + "DATA\r\nSubject: wire the money\r\n\r\nnow\r\n.\r\n").getBytes(StandardCharsets.US_ASCII));
            SmtpClient.ServerReply r = c.readReply();
            show("DATA with LF.LF inside", r);
            if (r.positive()) delivered++;
            else refused++;
            c.command("QUIT");
        }
    }

    private static void show(String command, SmtpClient.ServerReply reply) {
        System.out.printf("   %-44s -> %s%n", command.length() > 44 ? command.substring(0, 41) + "..." : command, reply);
    }

    private static String bounce(String to, String originalId) {
        return "From: MAILER-DAEMON@mx.other.example.net (Mail Delivery System)\nTo: " + to + "\n"
                + "Subject: Undelivered Mail Returned to Sender\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n\n"
                + "--b\nContent-Type: text/plain\n\nThis is the mail system at host mx.other.example.net.\n"
                + "<info@other.example.net>: unknown user\n\n"
                + "--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.other.example.net\n\n"
                + "Final-Recipient: rfc822; info@other.example.net\nAction: failed\nStatus: 5.1.1\n\n"
                + "--b\nContent-Type: text/rfc822-headers\n\nFrom: alice@example.com\nTo: info@other.example.net\n"
                + "Subject: hello\nMessage-ID: " + originalId + "\n\n--b--\n";
    }
}
