package io.scatterguard.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scatterguard.gateway.check.CheckChain;
import io.scatterguard.gateway.check.Mode;
import io.scatterguard.gateway.config.Config;
import io.scatterguard.gateway.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration to running parts: check modes and the backscatter action come from the YAML file. */
class GatewayFactoryTest {
    @TempDir
    Path dir;

    private Config config(String extra) throws Exception {
        Files.writeString(dir.resolve("recipients"), "@example.com\n");
        return Config.parse("""
                smtp:
                  listen: [ "127.0.0.1:0" ]
                recipients:
                  file: %s
                data-dir: %s
                log:
                  events: %s
                %s
                """.formatted(dir.resolve("recipients"), dir.resolve("data"), dir.resolve("events.jsonl"), extra), "test.yaml");
    }

    @Test
    void warnModeAndTheBackscatterActionAreConfigured() throws Exception {
        GatewayFactory.Parts p = GatewayFactory.build(config("""
                checks:
                  warn: [ null-sender ]
                backscatter:
                  action: quarantine
                """));
        assertThat(p.pipeline().rcpt().entries()).filteredOn(e -> e.check().name().equals("null-sender"))
                .extracting(CheckChain.Entry::mode).containsExactly(Mode.WARN);
        assertThat(p.pipeline().rcpt().entries()).filteredOn(e -> e.check().name().equals("recipients"))
                .extracting(CheckChain.Entry::mode).containsExactly(Mode.ENFORCE);
        assertThat(p.pipeline().endOfData().entries().get(0).check())
                .hasFieldOrPropertyWithValue("action", io.scatterguard.gateway.check.builtin.BackscatterCheck.Action.QUARANTINE);
    }

    @Test
    void whatOneNodeSendsIsKnownToAnotherThroughTheStoresLedger() throws Exception {
        Config c = config("");
        try (io.scatterguard.store.Store store = io.scatterguard.store.Store.open(GatewayFactory.storeSettings(c))) {
            GatewayFactory.Parts sender = GatewayFactory.build(c, GatewayFactory.Role.MTA_FILTER, store.ledger());
            sender.outbound().sent().record("<out-7@example.com>", "alice@example.com");
            // another node: its memory is empty, the shared store is not
            GatewayFactory.Parts other = GatewayFactory.build(c, GatewayFactory.Role.GATEWAY, store.ledger());
            assertThat(other.us().ledger().orElseThrow().contains("<out-7@example.com>")).isTrue();
            assertThat(other.us().ledger().orElseThrow().contains("<never@example.com>")).isFalse();
            assertThat(store.ledger().lastSentFrom("alice@example.com")).isPresent();
        }
    }

    @Test
    void aWarnModeForACheckThatIsNotConfiguredIsAnError() throws Exception {
        Config c = config("""
                checks:
                  warn: [ spf, backscatter ]
                """);
        assertThatThrownBy(() -> GatewayFactory.build(c)).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.problems()).singleElement().asString()
                        .startsWith("checks.warn: no configured check named [spf]; the checks configured are [backscatter,"));
    }

    @Test
    void badOutboundGuardSettingsAreNamedNotThrown() throws Exception {
        Config c = config("""
                relay:
                  listen: [ "127.0.0.1:0" ]
                  smarthost: "127.0.0.1:25"
                outbound.action: accept
                ratelimit.redis-url: "http://cache.example"
                alerts.webhook: "ftp://hooks.example/x"
                """);
        assertThatThrownBy(() -> GatewayFactory.build(c)).isInstanceOfSatisfying(ConfigException.class, e ->
                assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("outbound.action: must be quarantine or reject"))
                        .anySatisfy(p -> assertThat(p).startsWith("ratelimit.redis-url: expected redis://"))
                        .anySatisfy(p -> assertThat(p).startsWith("alerts.webhook: expected an http:// or https:// URL")));
    }
}
