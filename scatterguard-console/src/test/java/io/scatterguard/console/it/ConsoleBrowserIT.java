package io.scatterguard.console.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.scatterguard.console.Console;
import io.scatterguard.console.ConsoleSettings;
import io.scatterguard.console.QuarantineRelease;
import io.scatterguard.gateway.check.builtin.BackscatterCheck;
import io.scatterguard.gateway.config.Config;
import io.scatterguard.gateway.core.AuditRecorder;
import io.scatterguard.gateway.core.Gateway;
import io.scatterguard.gateway.core.GatewayFactory;
import io.scatterguard.gateway.core.Release;
import io.scatterguard.gateway.metrics.GatewayMetrics;
import io.scatterguard.store.Credentials;
import io.scatterguard.store.QuarantineQuery;
import io.scatterguard.store.QuarantineState;
import io.scatterguard.store.QuarantinedMessage;
import io.scatterguard.store.ReleaseRefusedException;
import io.scatterguard.store.Store;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The console in a real headless Chromium, on a real gateway: SMTP traffic over loopback (mail
 * accepted, refused at RCPT, backscatter refused, a forged bounce held for review by a site in
 * review mode), then in the browser: sign in, see the dashboard with that data, find the held
 * message, release it through the confirmation page, and see it delivered into the Maildir. The
 * browser's console must stay free of errors (a Content-Security-Policy violation is one).
 * Screenshots of every page are left in {@code target/screenshots/} for a person to look at.
 */
@Timeout(300)
class ConsoleBrowserIT {
    private static final Path SHOTS = Path.of("target/screenshots");
    private static final String PASSWORD = "browser test password";

    @TempDir
    Path dir;

    @Test
    void signInSeeTheDashboardFindAHeldMessageAndReleaseIt() throws Exception {
        Files.createDirectories(SHOTS);
        Files.writeString(dir.resolve("recipients"), "alice@example.com\nbob@example.com\n");
        Config config = Config.parse("""
                smtp:
                  listen: [ "127.0.0.1:0" ]
                  host-name: mx.example.com
                  greet-pause: 0ms
                data-dir: "%s"
                recipients.file: "%s"
                log.events: "%s"
                batv.keys: [ "1:browser-test-secret" ]
                node.name: mx1
                """.formatted(dir.resolve("data"), dir.resolve("recipients"), dir.resolve("events.jsonl")), "browser-test.yaml");
        GatewayFactory.Parts parts = GatewayFactory.build(config);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        GatewayMetrics metrics = new GatewayMetrics(registry);
        Path maildir = dir.resolve("data/maildir");
        try (Store store = Store.open(GatewayFactory.storeSettings(config))) {
            store.users().create("admin", Credentials.hashPassword(PASSWORD.toCharArray()));
            AuditRecorder audit = new AuditRecorder(store.audit(), "mx1");
            try (Gateway mx = Gateway.start(parts, store.quarantine(), audit, metrics);
                    Gateway review = Gateway.start(List.of(new InetSocketAddress("127.0.0.1", 0)), parts.smtp(), parts.tls(),
                            Gateway.defaultPipeline(parts.directory(), parts.us(), List.of(), List.of(), List.of(),
                                    BackscatterCheck.Action.QUARANTINE),
                            parts.us(), parts.backends(), parts.events(), 50, 10, store.quarantine(), audit, metrics);
                    Console console = Console.builder(ConsoleSettings.loopback(0), store).config(config).metrics(registry)
                            .release(release(new Release(store.quarantine(), parts.backends(), "the Maildirs under " + maildir)))
                            .start()) {
                traffic(mx.port(), review.port());
                assertThat(store.audit().flush(Duration.ofSeconds(10))).isTrue();
                List<QuarantinedMessage> held = store.quarantine().list(QuarantineQuery.all()).items();
                assertThat(held).singleElement().satisfies(m -> assertThat(m.recipients()).containsExactly("bob@example.com"));
                assertThat(delivered(maildir, "bob")).as("dave's report only").isEqualTo(1);

                ChromeDriver b = Browsers.chromium(dir.resolve("chromium-profile"));
                try {
                    browse(b, console, store, held.get(0), maildir);
                } finally {
                    b.quit();
                }
            }
        }
    }

    private void browse(ChromeDriver b, Console console, Store store, QuarantinedMessage held, Path maildir) throws Exception {
        // anonymous: every page sends the browser to the sign-in page
        b.get(console.uri() + "quarantine");
        until(b, "the sign-in page", () -> b.getCurrentUrl().contains("/login"));
        shot(b, "01-sign-in");
        b.findElement(By.id("username")).sendKeys("admin");
        b.findElement(By.id("password")).sendKeys("not the password");
        b.findElement(By.id("sign-in")).click();
        until(b, "the refusal", () -> b.getPageSource().contains("Wrong user name or password."));
        b.findElement(By.id("password")).sendKeys(PASSWORD);
        b.findElement(By.id("sign-in")).click();
        until(b, "the quarantine after signing in", () -> b.getCurrentUrl().endsWith("/quarantine"));

        b.findElement(By.linkText("Dashboard")).click();
        until(b, "the drawn chart", () -> "true".equals(b.findElement(By.id("outcomes-chart")).getDomAttribute("data-drawn")));
        until(b, "the category chart", () -> "true".equals(b.findElement(By.id("category-chart")).getDomAttribute("data-drawn")));
        assertThat(stat(b, "accepted")).isEqualTo(3);
        assertThat(stat(b, "rejected")).isGreaterThanOrEqualTo(3);
        assertThat(stat(b, "quarantined")).isEqualTo(1);
        assertThat(stat(b, "held")).isEqualTo(1);
        String dashboard = b.findElement(By.tagName("main")).getText();
        assertThat(dashboard).contains("dsn").contains("autoreply").contains("127.0.0.2").contains("alice@example.com");
        shot(b, "02-dashboard");

        b.findElement(By.linkText("Quarantine")).click();
        until(b, "the quarantine list", () -> !b.findElements(By.id("quarantine-list")).isEmpty());
        shot(b, "03-quarantine");
        b.findElement(By.cssSelector("#quarantine-list tr[data-id='" + held.id() + "'] a.subject")).click();
        until(b, "the held message", () -> !b.findElements(By.id("message-text")).isEmpty());
        // the message's HTML is shown as text: no element of it reached the page
        assertThat(b.findElement(By.id("message-text")).getText()).contains("Your message could not be delivered");
        assertThat(b.findElements(By.cssSelector("main img, main iframe, main script"))).isEmpty();
        assertThat(b.findElement(By.id("header-fields")).getText()).contains("Undelivered Mail Returned to Sender");
        shot(b, "04-held-message");

        b.findElement(By.id("release")).click();
        until(b, "the confirmation page", () -> !b.findElements(By.id("confirm")).isEmpty());
        assertThat(b.findElement(By.tagName("main")).getText()).contains("delivered once").contains("bob@example.com");
        assertThat(delivered(maildir, "bob")).as("nothing is delivered before the confirmation").isEqualTo(1);
        shot(b, "05-confirm-release");
        b.findElement(By.id("confirm")).click();
        until(b, "the release notice", () -> !b.findElements(By.id("done")).isEmpty());
        assertThat(b.findElement(By.id("done")).getText()).startsWith("Released");
        assertThat(b.findElement(By.cssSelector(".card-head .badge")).getText()).isEqualTo("released");
        shot(b, "06-released");
        assertThat(delivered(maildir, "bob")).as("dave's report and the released bounce").isEqualTo(2);
        assertThat(store.quarantine().get(held.id()).orElseThrow().state()).isEqualTo(QuarantineState.RELEASED);
        assertThat(store.quarantine().get(held.id()).orElseThrow().releasedBy()).hasValue("admin");
        // going back to the confirmation and confirming again delivers nothing
        b.navigate().back();
        until(b, "the confirmation page again", () -> b.getCurrentUrl().endsWith("/quarantine/" + held.id() + "/release"));
        if (!b.findElements(By.id("confirm")).isEmpty()) b.findElement(By.id("confirm")).click(); // a cached copy of the form
        until(b, "the refusal of a second release", () -> b.getPageSource().contains("released already"));
        shot(b, "06b-second-release-refused");
        assertThat(delivered(maildir, "bob")).isEqualTo(2);
        b.get(console.uri() + "quarantine/" + held.id());
        assertThat(b.findElements(By.id("release"))).isEmpty();

        b.findElement(By.linkText("Audit trail")).click();
        b.findElement(By.name("outcome")).sendKeys("rejected");
        b.findElement(By.cssSelector("#audit-search button[type=submit]")).click();
        until(b, "the rejected transactions", () -> b.getCurrentUrl().contains("outcome=rejected"));
        shot(b, "07-audit-trail");
        List<String> outcomes = new ArrayList<>();
        b.findElements(By.cssSelector("#audit-list .badge")).forEach(e -> outcomes.add(e.getText()));
        assertThat(outcomes).isNotEmpty().containsOnly("rejected");
        b.findElement(By.cssSelector("#audit-list tbody tr a")).click();
        until(b, "one transaction", () -> !b.findElements(By.id("checks")).isEmpty());
        assertThat(b.findElement(By.id("checks")).getText()).contains("backscatter");
        shot(b, "08-transaction");

        b.findElement(By.linkText("Configuration")).click();
        until(b, "the configuration", () -> !b.findElements(By.id("config")).isEmpty());
        assertThat(b.getPageSource()).doesNotContain("browser-test-secret");
        shot(b, "09-configuration");

        b.executeScript("console.error('scatterguard-probe')");
        List<String> problems = new ArrayList<>();
        boolean probeSeen = false;
        for (LogEntry e : b.manage().logs().get(LogType.BROWSER)) {
            if (e.getMessage().contains("scatterguard-probe")) probeSeen = true;
            else if (e.getMessage().matches(".*/login - Failed to load resource: .* status of 401 .*")
                    || e.getMessage().matches(".*/quarantine/\\d+/release - Failed to load resource: .* status of 409 .*")) {
                continue; // the wrong password and the second release above, refused on purpose
            } else if (e.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()
                    || e.getMessage().toLowerCase(Locale.ROOT).contains("content security policy")) problems.add(e.getMessage());
        }
        assertThat(probeSeen).as("the browser's console log is read").isTrue();
        assertThat(problems).as("errors in the browser's console").isEmpty();

        b.findElement(By.cssSelector("form[action='/logout'] button")).click();
        until(b, "the sign-in page after signing out", () -> b.getCurrentUrl().endsWith("/login"));
        b.get(console.uri() + "dashboard");
        until(b, "the sign-in page again", () -> b.getCurrentUrl().contains("/login?next="));
    }

    /** The SMTP traffic the pages then show. */
    private static void traffic(int mx, int review) throws IOException {
        InetAddress here = InetAddress.getByName("127.0.0.1");
        InetAddress other = InetAddress.getByName("127.0.0.2");
        send(here, mx, "carol@example.net", "alice@example.com", "250", "Subject: Lunch\r\n\r\nFriday?\r\n");
        send(here, mx, "dave@example.net", "bob@example.com", "250", "Subject: Report\r\n\r\nAttached.\r\n");
        send(here, mx, "erin@example.net", "alice@example.com", "250", "Subject: Hello\r\n\r\nHi.\r\n");
        send(here, mx, "carol@example.net", "nobody@example.com", "550", null);
        send(other, mx, "", "alice@example.com", "550", bounce("alice@example.com", "<p>Your message could not be delivered.</p>"));
        send(other, mx, "", "alice@example.com", "550", bounce("alice@example.com", "<p>Your message could not be delivered.</p>"));
        send(here, mx, "", "bob@example.com", "550", "From: Dana <dana@partner.example.org>\r\nTo: bob@example.com\r\n"
                + "Subject: Automatic reply: your invoice\r\nAuto-Submitted: auto-replied\r\n\r\nOut of the office.\r\n");
        // the review site holds the same kind of forged bounce, with active content in it, for an operator
        send(other, review, "", "bob@example.com", "250", bounce("bob@example.com",
                "<script>alert('x')</script><p onclick=\"steal()\">Your message could not be delivered.</p>"
                        + "<img src=\"http://tracker.example/p.png\">"));
    }

    private static String bounce(String to, String html) {
        return "From: MAILER-DAEMON@mx.other.example\r\nTo: " + to + "\r\nSubject: Undelivered Mail Returned to Sender\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body>" + html + "</body></html>\r\n"
                + "--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.other.example\r\n\r\n"
                + "Final-Recipient: rfc822; info@other.example\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n"
                + "--b\r\nContent-Type: text/rfc822-headers\r\n\r\nFrom: " + to + "\r\nTo: info@other.example\r\n"
                + "Message-ID: <spam-" + System.nanoTime() + "@botnet.example>\r\n\r\n--b--\r\n";
    }

    /**
     * One SMTP transaction from a chosen loopback address (so the dashboard has more than one
     * client); the final reply must start with {@code expect}. A null message stops after RCPT.
     */
    private static void send(InetAddress from, int port, String sender, String rcpt, String expect, String message)
            throws IOException {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(from, 0));
            s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            s.setSoTimeout(30_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = s.getOutputStream();
            reply(in, "220");
            say(out, "EHLO " + (from.getHostAddress().equals("127.0.0.1") ? "client.example.net" : "mx.other.example"));
            reply(in, "250");
            say(out, "MAIL FROM:<" + sender + ">");
            reply(in, "250");
            say(out, "RCPT TO:<" + rcpt + ">");
            if (message == null) {
                reply(in, expect);
            } else {
                reply(in, "250");
                say(out, "DATA");
                reply(in, "354");
                out.write(message.replace("\r\n.", "\r\n..").getBytes(StandardCharsets.UTF_8));
                say(out, ".");
                reply(in, expect);
            }
            say(out, "QUIT");
        }
    }

    private static void say(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void reply(BufferedReader in, String code) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) throw new IOException("the gateway closed the connection");
        } while (line.length() > 3 && line.charAt(3) == '-');
        if (!line.startsWith(code)) throw new AssertionError("expected " + code + ", the gateway said: " + line);
    }

    private static int stat(ChromeDriver b, String kind) {
        return Integer.parseInt(b.findElement(By.cssSelector("#stat-" + kind + " .value")).getText().strip());
    }

    private static long delivered(Path maildir, String user) throws IOException {
        Path nw = maildir.resolve("example.com").resolve(user).resolve("new");
        if (!Files.isDirectory(nw)) return 0;
        try (Stream<Path> s = Files.list(nw)) {
            return s.count();
        }
    }

    private static QuarantineRelease release(Release r) {
        return new QuarantineRelease() {
            @Override
            public QuarantinedMessage release(long id, String actor) throws ReleaseRefusedException {
                return r.release(id, actor);
            }

            @Override
            public String target() {
                return r.target();
            }
        };
    }

    private static void until(ChromeDriver b, String what, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                shot(b, "failed");
                throw new AssertionError("timed out waiting for " + what + " at " + b.getCurrentUrl() + ":\n" + b.getPageSource());
            }
            Thread.sleep(100);
        }
    }

    /** A screenshot of the whole page (the window grows to the page's height for it). */
    private static void shot(ChromeDriver b, String name) throws Exception {
        long height = ((Number) b.executeScript("return Math.max(document.documentElement.scrollHeight, 700)")).longValue();
        Dimension before = b.manage().window().getSize();
        b.manage().window().setSize(new Dimension(1440, (int) Math.min(height + 140, 6000)));
        try {
            Files.write(SHOTS.resolve(name + ".png"), b.getScreenshotAs(OutputType.BYTES));
        } finally {
            b.manage().window().setSize(before);
        }
    }
}
