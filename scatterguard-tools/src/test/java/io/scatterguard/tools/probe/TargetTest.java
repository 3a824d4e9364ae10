package io.scatterguard.tools.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TargetTest {
    @Test
    void theFormsOfHostAndPort() {
        assertThat(Target.parse("mx.example.com")).isEqualTo(new Target("mx.example.com", 25));
        assertThat(Target.parse("mx.example.com:2525")).isEqualTo(new Target("mx.example.com", 2525));
        assertThat(Target.parse("192.0.2.1:587")).isEqualTo(new Target("192.0.2.1", 587));
        assertThat(Target.parse("[2001:db8::1]:2525")).isEqualTo(new Target("2001:db8::1", 2525));
        assertThat(Target.parse("[2001:db8::1]")).isEqualTo(new Target("2001:db8::1", 25));
        assertThat(Target.parse("2001:db8::1")).isEqualTo(new Target("2001:db8::1", 25));
        assertThat(new Target("2001:db8::1", 25)).hasToString("[2001:db8::1]:25");
    }

    @Test
    void badFormsSayWhatIsWrong() {
        assertThatThrownBy(() -> Target.parse("")).hasMessageContaining("HOST[:PORT]");
        assertThatThrownBy(() -> Target.parse("mx.example.com:smtp")).hasMessageContaining("'smtp' is not a port number");
        assertThatThrownBy(() -> Target.parse("mx.example.com:70000")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> Target.parse("[2001:db8::1")).hasMessageContaining("missing ']'");
        assertThatThrownBy(() -> Target.parse("mx example")).hasMessageContaining("HOST[:PORT]");
    }
}
