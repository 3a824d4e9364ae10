package io.scatterguard.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.gateway.config.Config;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InternalsTest {

    @Test
    void htmlEscapesTextAndAttributes() {
        assertThat(Html.escape("<a href=\"x\" onclick='y'>&amp;</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;");
        assertThat(Html.escape("plain")).isEqualTo("plain");
        assertThat(Html.escape(null)).isEmpty();
        String page = new Html().el("p", "<script>x</script>", "title", "\"><script>").toString();
        assertThat(page).isEqualTo("<p title=\"&quot;&gt;&lt;script&gt;\">&lt;script&gt;x&lt;/script&gt;</p>");
    }

    @Test
    void secretsAreRecognisedByTheirKeyAndInsideUrls() throws Exception {
        for (String k : List.of("batv.keys", "tls.password", "store.password", "relay.auth-secret", "api.token")) {
            assertThat(ConfigView.isSecret(k)).as(k).isTrue();
        }
        for (String k : List.of("tls.keystore", "dnsbl.zones", "smtp.host-name", "console.listen")) {
            assertThat(ConfigView.isSecret(k)).as(k).isFalse();
        }
        Config c = Config.parse("log:\n  events: \"/var/log/sg?password=hunter2&x=1\"\n", "t.yaml");
        ConfigView.Entry events = ConfigView.of(c).stream().filter(e -> e.key().equals("log.events")).findFirst().orElseThrow();
        assertThat(events.value()).isEqualTo("/var/log/sg?password=" + ConfigView.MASK + "&x=1");
        ConfigView.Entry keys = ConfigView.of(Config.defaults()).stream().filter(e -> e.key().equals("batv.keys")).findFirst()
                .orElseThrow();
        assertThat(keys.value()).isEqualTo("(not set)");
        assertThat(ConfigView.format(Duration.ofMinutes(30))).isEqualTo("30m");
        assertThat(ConfigView.format(Duration.ofMillis(300))).isEqualTo("300ms");
        assertThat(ConfigView.format(Duration.ZERO)).isEqualTo("0s");
        assertThat(ConfigView.format(25L << 20)).isEqualTo("25m");
    }

    @Test
    void loginNoncesAreSignedDatedAndBoundToTheCookie() {
        MutableTime t = new MutableTime();
        LoginNonces nonces = new LoginNonces(t);
        String n = nonces.issue();
        assertThat(nonces.valid(n, n)).isTrue();
        assertThat(nonces.valid(n, nonces.issue())).isFalse();
        assertThat(nonces.valid(null, n)).isFalse();
        String forged = n.substring(0, n.lastIndexOf('.') + 1) + "AAAA";
        assertThat(nonces.valid(forged, forged)).isFalse();
        assertThat(new LoginNonces(t).valid(n, n)).as("another process's key").isFalse();
        t.now = t.now.plus(Duration.ofMinutes(61));
        assertThat(nonces.valid(n, n)).as("older than an hour").isFalse();
    }

    @Test
    void safeNextStaysOnTheConsole() {
        assertThat(SignIn.safeNext("/audit?x=1")).isEqualTo("/audit?x=1");
        for (String bad : new String[] {null, "", "https://evil.example", "//evil.example", "/\\evil", "javascript:x", "/login",
                "/a\r\nSet-Cookie: x"}) {
            assertThat(SignIn.safeNext(bad)).as(String.valueOf(bad)).isEqualTo("/dashboard");
        }
    }

    private static final class MutableTime extends java.time.Clock {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
