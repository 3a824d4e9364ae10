package io.scatterguard.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.scatterguard.gateway.config.ConfigKeys.MetricsAccess;
import io.scatterguard.store.Credentials;
import java.io.IOException;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** /metrics in the Prometheus format, open to loopback by default, else only with an API token. */
class MetricsTest extends ConsoleTestBase {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Override
    ConsoleSettings settings() {
        // the console listens on every address so that this machine's own network address can stand for a remote client
        return new ConsoleSettings("0.0.0.0", 0, false, java.time.Duration.ofMinutes(30), java.time.Duration.ofHours(12), 5,
                java.time.Duration.ofMinutes(15), MetricsAccess.LOOPBACK);
    }

    @Override
    Console.Builder configure(Console.Builder b) {
        return b.metrics(registry);
    }

    @Test
    void loopbackReadsTheMetricsOthersNeedAToken() throws Exception {
        quarantine("one", "\r\nbody\r\n");
        quarantine("two", "\r\nbody\r\n");
        registry.counter("scatterguard.smtp.sessions").increment(3);
        HttpResponse<String> r = client().get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(r.body()).contains("scatterguard_quarantine_messages{state=\"held\"} 2.0")
                .contains("scatterguard_store_audit_dropped_total 0.0").contains("scatterguard_store_audit_failed_batches_total")
                .contains("scatterguard_smtp_sessions_total 3.0").contains("jvm_memory_used_bytes");

        // every 127.x address is this machine too
        assertThat(new ConsoleClient(console.uri(), InetAddress.getByName("127.0.0.2")).get("/metrics").statusCode()).isEqualTo(200);
    }

    @Test
    void aClientFromTheNetworkNeedsAToken() throws Exception {
        InetAddress own = networkAddress();
        java.net.URI uri = java.net.URI.create("http://" + own.getHostAddress() + ":" + console.port() + "/");
        ConsoleClient remote = new ConsoleClient(uri, own);
        HttpResponse<String> refused = remote.get("/metrics");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).doesNotContain("scatterguard_");
        assertThat(remote.get("/metrics", "Authorization", "Bearer " + token()).statusCode()).isEqualTo(200);
        assertThat(remote.get("/metrics", "Authorization", "Bearer sg_wrong").statusCode()).isEqualTo(401);
    }

    /** An address of this machine that is not loopback; without one the test cannot stand for a remote client. */
    private static InetAddress networkAddress() throws IOException {
        for (var nif : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            if (!nif.isUp() || nif.isLoopback()) continue;
            for (InetAddress a : java.util.Collections.list(nif.getInetAddresses())) {
                if (a instanceof java.net.Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) return a;
            }
        }
        String msg = "this machine has no network address besides loopback: the remote-client case of /metrics did not run";
        System.err.println("\n*** SKIPPED: " + msg + " ***\n");
        org.junit.jupiter.api.Assumptions.abort(msg);
        return null;
    }

    private String token() throws IOException {
        String token = Credentials.newApiToken();
        store.users().addToken(store.users().find(USER).orElseThrow().id(), "prometheus", Credentials.hashToken(token), null);
        return token;
    }
}
