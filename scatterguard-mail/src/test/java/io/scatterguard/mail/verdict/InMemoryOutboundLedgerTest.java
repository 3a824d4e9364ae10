package io.scatterguard.mail.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class InMemoryOutboundLedgerTest {
    private static final Instant T0 = Instant.parse("2026-11-16T10:00:00Z");

    @Test
    void findsIdsWithOrWithoutBrackets() {
        InMemoryOutboundLedger l = new InMemoryOutboundLedger(10, Duration.ofDays(7), Clock.fixed(T0, ZoneOffset.UTC));
        l.record("<abc@example.com>");
        assertThat(l.contains("abc@example.com")).isTrue();
        assertThat(l.contains("  <abc@example.com> ")).isTrue();
        assertThat(l.sentAt("abc@example.com")).contains(T0);
        assertThat(l.contains("ABC@example.com")).isFalse();
        assertThat(l.contains("")).isFalse();
    }

    @Test
    void forgetsOldIds() {
        InMemoryOutboundLedger l = new InMemoryOutboundLedger(10, Duration.ofDays(7), Clock.fixed(T0, ZoneOffset.UTC));
        l.record("old@example.com", T0.minus(Duration.ofDays(8)));
        l.record("recent@example.com", T0.minus(Duration.ofDays(6)));
        assertThat(l.contains("old@example.com")).isFalse();
        assertThat(l.contains("recent@example.com")).isTrue();
        assertThat(l.size()).isEqualTo(1);
    }

    @Test
    void dropsTheOldestWhenFull() {
        InMemoryOutboundLedger l = new InMemoryOutboundLedger(2, Duration.ofDays(7), Clock.fixed(T0, ZoneOffset.UTC));
        l.record("a@x");
        l.record("b@x");
        l.record("a@x"); // refreshed: b is now the oldest
        l.record("c@x");
        assertThat(l.contains("a@x")).isTrue();
        assertThat(l.contains("b@x")).isFalse();
        assertThat(l.contains("c@x")).isTrue();
        assertThat(l.size()).isEqualTo(2);
    }

    @Test
    void normaliseKeepsCaseAndStripsBrackets() {
        assertThat(OutboundLedger.normalise(" <Id.1@Example.com> ")).isEqualTo("Id.1@Example.com");
        assertThat(OutboundLedger.normalise(null)).isEmpty();
    }

    @Test
    void fixedLedgerFromAList() {
        OutboundLedger l = OutboundLedger.of(java.util.List.of("<a@x>", " b@x ", ""));
        assertThat(l.contains("a@x")).isTrue();
        assertThat(l.contains("<b@x>")).isTrue();
        assertThat(l.contains("c@x")).isFalse();
        assertThat(l.contains("")).isFalse();
        assertThat(l.sentAt("a@x")).isEmpty();
    }
}
