package io.scatterguard.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scatterguard.gateway.config.Config;
import io.scatterguard.store.Outcome;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** What the pages and the API show: the dashboard's figures, the audit trail and its exports, the configuration. */
class PagesAndApiTest extends ConsoleTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    Console.Builder configure(Console.Builder b) {
        try {
            return b.config(Config.parse("""
                    batv:
                      keys: [ "1:batv-secret-value" ]
                    tls:
                      password: tls-secret-value
                    smtp:
                      host-name: mx.example.com
                    backscatter:
                      action: quarantine
                    """, "test.yaml"));
        } catch (io.scatterguard.gateway.config.ConfigException e) {
            throw new AssertionError(e);
        }
    }

    private void traffic() {
        audit(Outcome.ACCEPTED, "carol@example.net", "198.51.100.1", "", false);
        audit(Outcome.ACCEPTED, "dave@example.net", "198.51.100.2", "", false);
        audit(Outcome.REJECTED, "", "203.0.113.9", "BOUNCE_NOT_OURS", true);
        audit(Outcome.REJECTED, "", "203.0.113.9", "BOUNCE_NOT_OURS", true);
        audit(Outcome.TEMPFAILED, "eve@example.net", "198.51.100.3", "CHECK_ERROR", false);
        quarantine("held one", "\r\nbody\r\n");
    }

    @Test
    void theDashboardShowsTheFigures() throws Exception {
        traffic();
        ConsoleClient c = signedIn();
        String page = c.get("/dashboard").body();
        assertThat(page).contains("id=\"stat-accepted\"><div class=\"label\">Accepted</div><div class=\"value\">2</div>")
                .contains("id=\"stat-rejected\"><div class=\"label\">Rejected</div><div class=\"value\">2</div>")
                .contains("<a href=\"/quarantine?state=held\">1</a>")
                .contains("203.0.113.9").contains("bob@example.com");
        JsonNode stats = JSON.readTree(c.get("/api/stats?range=7d").body());
        assertThat(stats.get("range").asText()).isEqualTo("7d");
        assertThat(stats.get("bucketSeconds").asLong()).isEqualTo(6 * 3600);
        long accepted = 0;
        for (JsonNode b : stats.get("outcomes")) accepted += b.get("accepted").asLong();
        assertThat(accepted).isEqualTo(2);
        assertThat(stats.get("backscatterRefusedByCategory").get("dsn").asLong()).isEqualTo(2);
        assertThat(stats.get("topBackscatterSources").get(0).get("address").asText()).isEqualTo("203.0.113.9");
        assertThat(stats.get("topForgedSenders").get(0).get("address").asText()).isEqualTo("bob@example.com");
        assertThat(stats.get("quarantine").get("held").asLong()).isEqualTo(1);
        assertThat(c.get("/api/stats?range=1y").statusCode()).isEqualTo(400);
        assertThat(c.get("/dashboard?range=30d").body()).contains("class=\"active\">30 days");
    }

    @Test
    void theAuditTrailIsSearchedDrilledIntoAndExported() throws Exception {
        traffic();
        ConsoleClient c = signedIn();
        String all = c.get("/audit").body();
        assertThat(all).contains("203.0.113.9").contains("198.51.100.1").contains("badge-rejected");
        String rejected = c.get("/audit?outcome=rejected&backscatter=true").body();
        assertThat(rejected).contains("203.0.113.9").doesNotContain("198.51.100.1");
        assertThat(c.get("/audit?client=198.51.100.3").body()).contains("eve@example.net").doesNotContain("203.0.113.9");
        assertThat(c.get("/audit?symbol=bounce_not_ours").body()).contains("203.0.113.9").doesNotContain("carol@");

        JsonNode page = JSON.readTree(c.get("/api/audit?outcome=rejected&limit=1").body());
        assertThat(page.get("items")).hasSize(1);
        assertThat(page.get("next").isTextual()).isTrue();
        JsonNode next = JSON.readTree(c.get("/api/audit?outcome=rejected&limit=1&cursor=" + page.get("next").asText()).body());
        assertThat(next.get("items")).hasSize(1);
        assertThat(next.get("next").isNull()).isTrue();
        long id = page.get("items").get(0).get("id").asLong();

        String detail = c.get("/audit/" + id).body();
        assertThat(detail).contains("Checks, in the order they ran").contains("recipients").contains("backscatter")
                .contains("BOUNCE_NOT_OURS").contains("badge-reject").contains("nobody@example.com");
        JsonNode one = JSON.readTree(c.get("/api/audit/" + id).body());
        assertThat(one.get("checks").get(1).get("symbol").asText()).isEqualTo("BOUNCE_NOT_OURS");
        assertThat(one.get("outcome").asText()).isEqualTo("rejected");

        HttpResponse<String> csv = c.get("/api/audit/export.csv?outcome=rejected");
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
        assertThat(csv.body().lines()).hasSize(3); // header and two rows
        HttpResponse<String> json = c.get("/api/audit/export.json");
        assertThat(JSON.readTree(json.body())).hasSize(5);
        assertThat(all).contains("href=\"/api/audit/export.csv\"");
        assertThat(rejected).contains("href=\"/api/audit/export.csv?outcome=rejected&amp;backscatter=true\"");

        assertThat(c.get("/audit?from=yesterday").statusCode()).isEqualTo(400);
        assertThat(c.get("/api/audit?outcome=maybe").body()).contains("unknown outcome 'maybe'");
        assertThat(c.get("/api/audit?cursor=garbage").statusCode()).isEqualTo(400);
        assertThat(c.get("/api/audit/abc").statusCode()).isEqualTo(400);
        assertThat(c.get("/api/audit/424242").statusCode()).isEqualTo(404);
        assertThat(c.get("/audit/424242").statusCode()).isEqualTo(404);
    }

    @Test
    void theQuarantineListFilters() throws Exception {
        quarantine("first spam", "\r\nbody\r\n");
        quarantine("second spam", "\r\nbody\r\n");
        ConsoleClient c = signedIn();
        assertThat(c.get("/quarantine").body()).contains("first spam").contains("second spam");
        assertThat(c.get("/quarantine?state=released").body()).contains("Nothing in the quarantine matches.");
        assertThat(c.get("/quarantine?state=bogus").statusCode()).isEqualTo(400);
        JsonNode list = JSON.readTree(c.get("/api/quarantine?symbol=spamd_spam&limit=1").body());
        assertThat(list.get("items")).hasSize(1);
        assertThat(list.get("items").get(0).get("subject").asText()).isEqualTo("second spam");
        assertThat(list.get("items").get(0).get("state").asText()).isEqualTo("held");
    }

    @Test
    void theConfigurationIsShownWithSecretsMasked() throws Exception {
        ConsoleClient c = signedIn();
        String page = c.get("/config").body();
        assertThat(page).contains("backscatter.action").contains("quarantine").contains("mx.example.com")
                .contains("batv.keys").contains("tls.password").contains("•••••• (set)")
                .doesNotContain("batv-secret-value").doesNotContain("tls-secret-value");
        String api = c.get("/api/config").body();
        assertThat(api).doesNotContain("batv-secret-value").doesNotContain("tls-secret-value");
        JsonNode keys = JSON.readTree(api);
        JsonNode batv = null;
        for (JsonNode k : keys) if (k.get("key").asText().equals("batv.keys")) batv = k;
        assertThat(batv).isNotNull();
        assertThat(batv.get("secret").asBoolean()).isTrue();
        assertThat(batv.get("changed").asBoolean()).isTrue();
    }
}
