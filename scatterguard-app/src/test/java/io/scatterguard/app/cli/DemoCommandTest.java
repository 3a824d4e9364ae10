package io.scatterguard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.app.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's main command: the whole scenario over real SMTP on loopback. */
class DemoCommandTest {
    @Test
    @Timeout(60)
    void demoRefusesTheBackscatterAndDeliversTheRest() {
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int rc;
        try {
            rc = Main.commandLine().execute("demo");
        } finally {
            System.setOut(saved);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(rc).isZero();
        assertThat(text)
                .contains("550 5.1.1 <nobdy@example.com>: Recipient address rejected: User unknown")
                .contains("550 5.7.1 This dsn does not answer mail we sent")
                .contains("550 5.7.1 This autoreply does not answer mail we sent")
                .contains("Bounces have one recipient")
                .contains("550 5.6.0 Error: bare CR or LF in message data")
                .contains("backscatter.action: quarantine").contains("250 2.0.0 Ok: held for review 1")
                .contains("Delivered: 2 message(s). Held for review: 1. Refusals given during the SMTP transaction: 6. "
                        + "Bounces sent by us: 0.")
                .doesNotContain("Web console");
    }

    /** With --keep-running the console stays up on the scenario's data, with a one-time admin password. */
    @Test
    @Timeout(120)
    void keepRunningLeavesTheConsoleUpOnTheScenariosData() throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int[] rc = {-1};
        Thread demo = new Thread(() -> rc[0] = Main.commandLine().execute("demo", "--keep-running"));
        demo.start();
        try {
            Pattern line = Pattern.compile("Web console: (\\S+)\\s+user: admin\\s+password: (\\S+)");
            Matcher m = line.matcher("");
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!(m = line.matcher(out.toString(StandardCharsets.UTF_8))).find()) {
                assertThat(System.nanoTime()).as("the console's address and password:\n" + out).isLessThan(deadline);
                assertThat(demo.isAlive()).as(out.toString(StandardCharsets.UTF_8)).isTrue();
                Thread.sleep(100);
            }
            URI base = URI.create(m.group(1));
            String password = m.group(2);
            assertThat(password).hasSize(20);
            HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            String login = http.send(HttpRequest.newBuilder(base.resolve("/login")).build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher nonce = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login);
            assertThat(nonce.find()).isTrue();
            HttpResponse<String> signIn = http.send(HttpRequest.newBuilder(base.resolve("/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=" + password + "&_csrf="
                            + URLEncoder.encode(nonce.group(1), StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(signIn.statusCode()).isEqualTo(303);
            String held = http.send(HttpRequest.newBuilder(base.resolve("/api/quarantine?state=held")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(held).contains("\"recipients\":[\"bob@example.com\"]").contains("\"category\":\"backscatter\"");
            String rejected = http.send(HttpRequest.newBuilder(base.resolve("/api/audit?outcome=rejected")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(rejected).contains("This dsn does not answer mail we sent");
            String config = http.send(HttpRequest.newBuilder(base.resolve("/config")).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
            assertThat(config).contains("batv.keys").contains("•••••• (1 set)").doesNotContainPattern("1:[0-9a-f]{32}");
        } finally {
            demo.interrupt();
            demo.join(30_000);
            System.setOut(saved);
        }
        assertThat(demo.isAlive()).isFalse();
        assertThat(rc[0]).isZero();
    }
}
