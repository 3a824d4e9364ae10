package io.scatterguard.gateway.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Alerts posted to a webhook on loopback: JSON, once per kind and subject per interval, failures counted not thrown. */
@Timeout(30)
class WebhookAlertsTest {
    private final OutboundGuardTest.TestClock clock = new OutboundGuardTest.TestClock();

    private GuardEvent event(String subject) {
        return new GuardEvent(clock.instant(), "rate-limit", subject, "OUT_RATE_USER", "tempfail",
                subject + " reached its limit of 30 messages per 1m \"quoted\"");
    }

    private static void await(java.util.function.BooleanSupplier done) throws InterruptedException {
        for (int i = 0; i < 500 && !done.getAsBoolean(); i++) Thread.sleep(10);
    }

    @Test
    void postsJsonOncePerSubjectPerInterval() throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", x -> {
            bodies.add(x.getRequestHeaders().getFirst("Content-Type") + " "
                    + new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            x.sendResponseHeaders(204, -1);
            x.close();
        });
        server.start();
        try (WebhookAlerts hook = new WebhookAlerts(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook"),
                Duration.ofMinutes(1), clock)) {
            hook.raise(event("user:alice"));
            hook.raise(event("user:alice")); // the same alert again within the minute: not posted
            hook.raise(event("user:bob"));
            await(() -> hook.posted() == 2);
            clock.advance(Duration.ofMinutes(2));
            hook.raise(event("user:alice"));
            await(() -> hook.posted() == 3);
            assertThat(hook.posted()).isEqualTo(3);
            assertThat(hook.failed()).isZero();
        } finally {
            server.stop(0);
        }
        assertThat(bodies).hasSize(3).allSatisfy(b -> assertThat(b).startsWith("application/json {\"source\":\"scatterguard\"")
                .contains("\"kind\":\"rate-limit\"").contains("\\\"quoted\\\""));
    }

    @Test
    void anUnreachableWebhookIsCountedNeverThrown() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        try (WebhookAlerts hook = new WebhookAlerts(URI.create("http://127.0.0.1:" + port + "/hook"), Duration.ofMinutes(1),
                clock)) {
            hook.raise(event("ip:192.0.2.7"));
            await(() -> hook.failed() == 1);
            assertThat(hook.failed()).isEqualTo(1);
            assertThat(hook.posted()).isZero();
        }
    }

    @Test
    void onlyHttpUrls() {
        assertThatThrownBy(() -> new WebhookAlerts(URI.create("ftp://example.com/x"), Duration.ofMinutes(1), clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http://");
    }
}
