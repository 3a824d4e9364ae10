package io.scatterguard.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConfigTest {
    @Test
    void defaultsAreValid() {
        Config c = Config.defaults();
        assertThat(c.get(ConfigKeys.SMTP_MAX_MESSAGE_SIZE)).isEqualTo(25L << 20);
        assertThat(c.get(ConfigKeys.SMTP_GREET_PAUSE)).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void readsNestedAndDottedKeys() throws ConfigException {
        Config c = Config.parse("""
                smtp:
                  host-name: mx.example.com
                  listen: [ "0.0.0.0:25", "[::]:25" ]
                smtp.max-message-size: 10m
                """, "test.yaml");
        assertThat(c.get(ConfigKeys.SMTP_HOST_NAME)).isEqualTo("mx.example.com");
        assertThat(c.get(ConfigKeys.SMTP_LISTEN)).containsExactly("0.0.0.0:25", "[::]:25");
        assertThat(c.get(ConfigKeys.SMTP_MAX_MESSAGE_SIZE)).isEqualTo(10L << 20);
    }

    @Test
    void everyProblemNamesItsKey() {
        assertThatThrownBy(() -> Config.parse("""
                smtp:
                  max-recipents: 5
                  idle-timeout: forever
                  max-errors: 0
                """, "bad.yaml"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "bad.yaml: unknown key 'smtp.max-recipents'; did you mean 'smtp.max-recipients'?",
                        "bad.yaml: smtp.idle-timeout: expected a duration such as 300ms, 30s, 5m, 2h or 7d, got 'forever'",
                        "bad.yaml: smtp.max-errors: must be between 1 and 10000, got 0"));
    }

    @Test
    void brokenYamlAndMissingFilesAreClearErrors(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> Config.parse("smtp: [unclosed", "x.yaml")).hasMessageContaining("x.yaml: not valid YAML");
        assertThatThrownBy(() -> Config.load(dir.resolve("nope.yaml"))).hasMessageContaining("nope.yaml: no such file");
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "");
        assertThat(Config.load(empty).get(ConfigKeys.SMTP_MAX_RECIPIENTS)).isEqualTo(100);
    }

    @Test
    void referenceDocumentMatchesTheRegistry() throws IOException {
        Path doc = Path.of("../docs/config-reference.md");
        String wanted = ConfigReference.render();
        if (Boolean.getBoolean("scatterguard.regenerate-docs")) Files.writeString(doc, wanted);
        assertThat(Files.readString(doc)).as("docs/config-reference.md is stale; regenerate with "
                + "-Dscatterguard.regenerate-docs=true").isEqualTo(wanted);
    }
}
