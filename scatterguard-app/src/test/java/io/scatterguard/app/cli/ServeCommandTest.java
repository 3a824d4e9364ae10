package io.scatterguard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scatterguard.gateway.smtp.SmtpClient;
import io.scatterguard.store.Credentials;
import java.io.IOException;
import java.net.CookieManager;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** serve: the gateway, its store and its console from one configuration file. */
@Timeout(120)
class ServeCommandTest {
    private static final String BOUNCE = "From: MAILER-DAEMON@mx.other.example\r\nTo: alice@example.com\r\n"
            + "Subject: Undelivered Mail Returned to Sender\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n--b\r\n"
            + "Content-Type: text/plain\r\n\r\nunknown user\r\n--b\r\nContent-Type: message/delivery-status\r\n\r\n"
            + "Reporting-MTA: dns; mx.other.example\r\n\r\nFinal-Recipient: rfc822; x@other.example\r\nAction: failed\r\n"
            + "Status: 5.1.1\r\n\r\n--b--\r\n";

    @TempDir
    Path dir;

    private Path config(String consoleListen) throws IOException {
        Files.writeString(dir.resolve("recipients"), "alice@example.com\n");
        return Files.writeString(dir.resolve("sg.yaml"), """
                smtp:
                  listen: [ "127.0.0.1:0" ]
                  host-name: mx.example.com
                  greet-pause: 0ms
                data-dir: %s
                recipients.file: %s
                log.events: %s
                backscatter.action: quarantine
                console.listen: "%s"
                """.formatted(dir.resolve("data"), dir.resolve("recipients"), dir.resolve("events.jsonl"), consoleListen));
    }

    @Test
    void servesMailStoreAndConsoleTogether() throws Exception {
        try (ServeCommand.Running r = ServeCommand.start(config("127.0.0.1:0"))) {
            r.store().users().create("admin", Credentials.hashPassword("serve test password".toCharArray()));
            try (SmtpClient c = SmtpClient.connect(new InetSocketAddress("127.0.0.1", r.gateway().port()), Duration.ofSeconds(10))) {
                c.command("EHLO client.example.net");
                c.command("MAIL FROM:<>");
                c.command("RCPT TO:<alice@example.com>");
                assertThat(c.data(BOUNCE.getBytes(StandardCharsets.UTF_8)).toString()).startsWith("250 2.0.0 Ok: held for review");
            }
            URI base = r.console().orElseThrow().uri();
            HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            String metrics = get(http, base.resolve("/metrics")).body();
            assertThat(metrics).contains("scatterguard_smtp_sessions_total 1.0")
                    .contains("scatterguard_transactions_total{outcome=\"quarantined\"} 1.0")
                    .contains("scatterguard_quarantine_messages{state=\"held\"} 1.0")
                    .contains("scatterguard_check_duration_seconds_count{check=\"backscatter\",stage=\"end_of_data\"} 1");

            String nonce = csrf(get(http, base.resolve("/login")).body());
            HttpResponse<String> signIn = http.send(HttpRequest.newBuilder(base.resolve("/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
                            "username=admin&password=serve+test+password&_csrf=" + URLEncoder.encode(nonce, StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(signIn.statusCode()).isEqualTo(303);
            String token = csrf(get(http, base.resolve("/quarantine/1")).body());
            assertThat(get(http, base.resolve("/quarantine/1/release")).body()).contains("the Maildirs under " + dir.resolve("data/maildir"));
            HttpResponse<String> released = http.send(HttpRequest.newBuilder(base.resolve("/api/quarantine/1/release"))
                    .header("X-CSRF-Token", token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(released.statusCode()).as(released.body()).isEqualTo(200);
            try (Stream<Path> s = Files.walk(dir.resolve("data/maildir/example.com/alice/new"))) {
                assertThat(s.filter(Files::isRegularFile).count()).isEqualTo(1);
            }
        }
    }

    @Test
    void aConsoleThatCannotListenStopsEverything() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Path cfg = config("127.0.0.1:" + taken.getLocalPort());
            assertThatThrownBy(() -> ServeCommand.start(cfg)).isInstanceOfSatisfying(ServeCommand.StartFailure.class, e -> {
                assertThat(e.exitCode).isEqualTo(1);
                assertThat(e.getMessage()).contains("console.listen").contains(Integer.toString(taken.getLocalPort()));
            });
        }
        // the store was closed again: it opens
        try (ServeCommand.Running r = ServeCommand.start(config(""))) {
            assertThat(r.console()).isEmpty();
        }
        Path bad = Files.writeString(dir.resolve("bad.yaml"), Files.readString(config("")).replace("console.listen: \"\"",
                "console.listen: nowhere"));
        assertThatThrownBy(() -> ServeCommand.start(bad)).isInstanceOfSatisfying(ServeCommand.StartFailure.class,
                e -> assertThat(e.exitCode).isEqualTo(2));
    }

    private static HttpResponse<String> get(HttpClient http, URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as(html).isTrue();
        return m.group(1);
    }
}
