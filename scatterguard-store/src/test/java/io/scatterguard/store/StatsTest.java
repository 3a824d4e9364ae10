package io.scatterguard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class StatsTest extends StoreTestBase {
    final Instant t0 = Instant.parse("2026-11-20T10:00:00Z");

    AuditRecord backscatter(Instant at, String client, String helo, String rcpt, String category, Outcome outcome) {
        return new AuditRecord(at, "n", "s", client, "", helo, false, "", List.of(rcpt), List.of(), List.of(
                new CheckResult("backscatter", "reject", "BOUNCE_NOT_OURS")), "END_OF_DATA", outcome,
                outcome == Outcome.REJECTED ? 550 : 250, "", 100, "", category, true, OptionalLong.empty());
    }

    @Test
    void countsPerBucketAndOutcome() {
        List<AuditRecord> rows = new ArrayList<>();
        rows.add(audit(t0.plusSeconds(10), "192.0.2.1", "a@example.net", List.of("b@example.com"), Outcome.ACCEPTED));
        rows.add(audit(t0.plusSeconds(20), "192.0.2.1", "a@example.net", List.of("b@example.com"), Outcome.ACCEPTED));
        rows.add(audit(t0.plusSeconds(3599), "192.0.2.1", "a@example.net", List.of("b@example.com"), Outcome.REJECTED));
        rows.add(audit(t0.plusSeconds(3600 * 2 + 5), "192.0.2.1", "a@example.net", List.of("b@example.com"), Outcome.TEMPFAILED));
        rows.add(audit(t0.plusSeconds(3600 * 2 + 6), "192.0.2.1", "a@example.net", List.of("b@example.com"), Outcome.QUARANTINED));
        rows.add(audit(t0.minusSeconds(1), "192.0.2.1", "a@example.net", List.of("b@example.com"), Outcome.ACCEPTED)); // outside
        store.audit().writeNow(rows);
        List<StoreStats.OutcomeBucket> b = store.stats().outcomesOverTime(t0, t0.plusSeconds(3 * 3600), Duration.ofHours(1));
        assertThat(b).extracting(StoreStats.OutcomeBucket::start)
                .containsExactly(t0, t0.plusSeconds(3600), t0.plusSeconds(7200));
        assertThat(b.get(0).count(Outcome.ACCEPTED)).isEqualTo(2);
        assertThat(b.get(0).count(Outcome.REJECTED)).isEqualTo(1);
        assertThat(b.get(1).counts().values()).allMatch(n -> n == 0);
        assertThat(b.get(2).count(Outcome.TEMPFAILED)).isEqualTo(1);
        assertThat(b.get(2).count(Outcome.QUARANTINED)).isEqualTo(1);
        assertThatThrownBy(() -> store.stats().outcomesOverTime(t0, t0.plus(Duration.ofDays(400)), Duration.ofMinutes(1)))
                .hasMessageContaining("too many buckets");
    }

    @Test
    void backscatterFigures() {
        List<AuditRecord> rows = new ArrayList<>();
        for (int i = 0; i < 5; i++) rows.add(backscatter(t0.plusSeconds(i), "203.0.113.5", "mx.spammed.example", "alice@example.com", "dsn", Outcome.REJECTED));
        for (int i = 0; i < 3; i++) rows.add(backscatter(t0.plusSeconds(i), "198.51.100.7", "autoresponder.example", "bob@example.com", "autoreply", Outcome.REJECTED));
        rows.add(backscatter(t0, "198.51.100.7", "autoresponder.example", "alice@example.com", "dsn", Outcome.QUARANTINED));
        rows.add(audit(t0, "192.0.2.1", "x@example.net", List.of("carol@example.com"), Outcome.REJECTED, "RCPT_UNKNOWN"));
        store.audit().writeNow(rows);
        Instant to = t0.plusSeconds(60);
        assertThat(store.stats().backscatterRefusedByCategory(t0, to)).containsExactly(
                java.util.Map.entry("dsn", 5L), java.util.Map.entry("autoreply", 3L));
        assertThat(store.stats().topBackscatterSources(t0, to, 10)).containsExactly(
                new StoreStats.Ranked("203.0.113.5", "mx.spammed.example", 5),
                new StoreStats.Ranked("198.51.100.7", "autoresponder.example", 4));
        assertThat(store.stats().topForgedSenders(t0, to, 1)).containsExactly(new StoreStats.Ranked("alice@example.com", "", 6));
        assertThat(store.stats().topForgedSenders(t0.plusSeconds(3600), to.plusSeconds(3600), 5)).isEmpty();
    }
}
