package io.scatterguard.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scatterguard.gateway.check.CheckChain;
import io.scatterguard.gateway.config.Config;
import io.scatterguard.gateway.config.ConfigException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same configuration builds the gateway or a filter inside an MTA (milter, policy service). */
class GatewayFactoryRoleTest {
    @TempDir
    Path dir;

    private Config config(String extra) throws ConfigException {
        return Config.parse("data-dir: " + dir.resolve("data") + "\nlog:\n  events: " + dir.resolve("events.jsonl") + "\n"
                + extra, "test.yaml");
    }

    @Test
    void aFilterNeedsNoRecipientsFileNoCertificateAndNoBackend() throws Exception {
        GatewayFactory.Parts p = GatewayFactory.build(config("mode: proxy\n"), GatewayFactory.Role.MTA_FILTER);
        assertThat(p.directory()).isNull();
        assertThat(p.tls()).isNull();
        assertThat(p.backends()).isNull();
        assertThat(p.pipeline().rcpt().entries()).extracting(e -> e.check().name()).containsExactly("null-sender");
        assertThat(dir.resolve("data")).doesNotExist(); // no certificate generated
        assertThat(p.outbound().signer()).isNull();
        assertThat(p.outbound().networks().contains(InetAddress.getByName("127.0.0.1"))).isTrue();
    }

    @Test
    void theGatewayStillRequiresItsRecipientsFileAndBackend() {
        assertThatThrownBy(() -> GatewayFactory.build(config("mode: proxy\n")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).anyMatch(
                        x -> x.startsWith("recipients.file: required")).anyMatch(x -> x.startsWith("proxy.backend: required")));
    }

    @Test
    void aFilterWithRecipientsAndBatvChecksRecipientsAndSignsOutbound() throws Exception {
        Path rcpts = Files.writeString(dir.resolve("recipients"), "alice@example.com\n");
        GatewayFactory.Parts p = GatewayFactory.build(config("recipients:\n  file: " + rcpts + "\nbatv:\n  keys: [ \"1:s3cret\" ]\n"
                + "relay:\n  networks: [ \"192.0.2.0/24\" ]\n"), GatewayFactory.Role.MTA_FILTER);
        assertThat(p.pipeline().rcpt().entries()).extracting(e -> e.check().name())
                .containsExactly("recipients", "null-sender");
        assertThat(p.outbound().signer().sign("alice@example.com")).startsWith("prvs=1");
        assertThat(p.outbound().networks().contains(InetAddress.getByName("192.0.2.9"))).isTrue();
        assertThat(p.outbound().networks().contains(InetAddress.getByName("127.0.0.1"))).isFalse();
        // What a filter records as sent is what the inbound judge then knows.
        p.outbound().sent().record("<abc@example.com>", "alice@example.com");
        assertThat(p.us().ledger().orElseThrow().contains("abc@example.com")).isTrue();
        assertThat(p.pipeline().endOfData().entries()).extracting(CheckChain.Entry::mode).isNotEmpty();
    }

    @Test
    void aBadRelayNetworkIsAConfigurationErrorForAFilter() {
        assertThatThrownBy(() -> GatewayFactory.build(config("relay:\n  networks: [ \"not-a-net\" ]\n"),
                GatewayFactory.Role.MTA_FILTER)).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.problems()).containsExactly("relay.networks: not an address or network: 'not-a-net'"));
    }
}
