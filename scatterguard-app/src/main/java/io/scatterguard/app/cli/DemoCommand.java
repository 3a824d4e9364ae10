package io.scatterguard.app.cli;

import io.scatterguard.gateway.check.builtin.RecipientDirectory;
import io.scatterguard.gateway.core.EventLog;
import io.scatterguard.gateway.core.Gateway;
import io.scatterguard.gateway.core.MaildirTarget;
import io.scatterguard.gateway.deliver.MaildirDelivery;
import io.scatterguard.gateway.smtp.SmtpClient;
import io.scatterguard.gateway.smtp.SmtpSettings;
import io.scatterguard.mail.batv.BatvKeyring;
import io.scatterguard.mail.batv.BatvSigner;
import io.scatterguard.mail.batv.BatvVerifier;
import io.scatterguard.mail.verdict.OurSide;
import java.io.IOException;
import java.io.OutputStream;
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
 * directories, loopback) and sends a realistic scenario through it over real SMTP, printing what
 * happened to each message and why.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the gateway on embedded defaults and send a backscatter scenario through it over SMTP.")
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--keep-running", description = "Leave the gateway running after the scenario (stop with Ctrl-C).")
    boolean keepRunning;

    private int delivered;
    private int refused;

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("scatterguard-demo-");
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        BatvKeyring keys = BatvKeyring.builder().key(1, HexFormat.of().formatHex(secret)).current(1).build();
        BatvSigner signer = new BatvSigner(keys);
        OurSide us = OurSide.builder().domain("example.com").batv(new BatvVerifier(keys)).build();
        RecipientDirectory directory = new RecipientDirectory(List.of("alice@example.com", "bob@example.com"));
        SmtpSettings smtp = new SmtpSettings("mx.example.com", 10L << 20, 100, 510, 20, 1000, Duration.ofMinutes(5),
                Duration.ofMinutes(30), Duration.ZERO);
        Path events = dir.resolve("events.jsonl");
        try (OutputStream ev = Files.newOutputStream(events);
                Gateway gw = Gateway.start(new InetSocketAddress("127.0.0.1", 0), smtp, null,
                        Gateway.defaultPipeline(directory, us), us,
                        new MaildirTarget(new MaildirDelivery(dir.resolve("maildir"), "mx.example.com")), new EventLog(ev), 100, 20)) {
            InetSocketAddress addr = new InetSocketAddress("127.0.0.1", gw.port());
            System.out.println("Scatterguard demo: the gateway for example.com listens on " + addr.getHostString() + ":" + gw.port()
                    + " (deliver mode, mailboxes under " + dir.resolve("maildir") + ")");
            System.out.println("Users: alice@example.com, bob@example.com. Every decision is made while the client waits.\n");
            scenario(addr, signer);
            System.out.printf("%nDelivered: %d message(s). Refusals given during the SMTP transaction: %d. Bounces sent by us: 0.%n",
                    delivered, refused);
            System.out.println("Decision log (one JSON line per transaction): " + events);
            if (keepRunning) {
                System.out.println("\nStill listening on " + addr.getHostString() + ":" + gw.port() + "; stop with Ctrl-C.");
                Thread.currentThread().join();
            }
        }
        return 0;
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
                if (end.positive()) delivered++;
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
