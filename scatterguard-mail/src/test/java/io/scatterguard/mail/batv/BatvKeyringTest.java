package io.scatterguard.mail.batv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BatvKeyringTest {

    @Test
    void primerCheckVectorOne() {
        BatvKeyring ring = BatvKeyring.single(1, "batv-test-key");
        assertThat(ring.signature(1, 123, "alice@example.com")).contains("acc2b2");
    }

    @Test
    void primerCheckVectorTwoPadsTheDay() {
        BatvKeyring ring = BatvKeyring.single(0, "s3cr3t");
        assertThat(ring.signature(0, 7, "bob@example.org")).contains("68bb00");
    }

    @Test
    void domainIsHashedLowerCased() {
        BatvKeyring ring = BatvKeyring.single(1, "batv-test-key");
        assertThat(ring.signature(1, 123, "alice@EXAMPLE.com")).contains("acc2b2");
        assertThat(ring.signature(1, 123, "Alice@example.com")).isNotEqualTo(ring.signature(1, 123, "alice@example.com"));
    }

    @Test
    void unknownKeyNumberHasNoSignature() {
        assertThat(BatvKeyring.single(1, "k").signature(2, 123, "a@b.c")).isEmpty();
    }

    @Test
    void rejectsBadConfiguration() {
        assertThatThrownBy(() -> BatvKeyring.builder().key(10, "k")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BatvKeyring.builder().key(1, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BatvKeyring.builder().build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> BatvKeyring.builder().key(1, "a").key(2, "b").build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> BatvKeyring.builder().key(1, "a").current(3).build())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void toStringNeverShowsSecrets() {
        assertThat(BatvKeyring.single(4, "very-secret").toString()).doesNotContain("very-secret").contains("4");
    }

    @Test
    void fromSettingsSpecsTheHighestKeySigns() {
        BatvKeyring ring = BatvKeyring.fromSpecs(java.util.List.of("1:batv-test-key", " 3:with:colons "));
        assertThat(ring.currentKeyNumber()).isEqualTo(3);
        assertThat(ring.signature(1, 123, "alice@example.com")).contains("acc2b2");
        assertThat(ring.hasKey(3)).isTrue();
    }

    @Test
    void badSpecsAreRefusedWithoutEchoingTheSecret() {
        for (String bad : new String[] {"secret-only", "12:two-digits", "x:abc", "4:", ""}) {
            assertThatThrownBy(() -> BatvKeyring.fromSpecs(java.util.List.of(bad)))
                    .as(bad).isInstanceOf(IllegalArgumentException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret-only").doesNotContain("two-digits"));
        }
        assertThatThrownBy(() -> BatvKeyring.fromSpecs(java.util.List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
