package io.scatterguard.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The figures the console charts, computed from the audit trail in the database. */
public interface StoreStats {

    /**
     * Transactions per time bucket and outcome between {@code from} and {@code to}. Buckets are
     * aligned to multiples of {@code bucket} since the epoch (UTC); empty buckets are included with
     * zero counts, so a chart can draw the list as it is.
     */
    List<OutcomeBucket> outcomesOverTime(Instant from, Instant to, Duration bucket);

    /** Backscatter refused (5xx), per analyzer category (dsn, autoreply, virus-notice…). */
    Map<String, Long> backscatterRefusedByCategory(Instant from, Instant to);

    /** The clients that sent the most backscatter: key = IP address, detail = one HELO name it used. */
    List<Ranked> topBackscatterSources(Instant from, Instant to, int limit);

    /**
     * Our addresses that spammers forged most: the recipients of backscatter (the reports came to
     * them because their address was put as the sender of mail they never sent).
     */
    List<Ranked> topForgedSenders(Instant from, Instant to, int limit);

    /** One time bucket: its start and a count for every outcome (zero when none). */
    record OutcomeBucket(Instant start, Map<Outcome, Long> counts) {
        public OutcomeBucket {
            counts = Map.copyOf(counts);
        }

        public long count(Outcome o) {
            return counts.getOrDefault(o, 0L);
        }
    }

    /** A ranked key with its count, plus a detail to show with it (may be empty). */
    record Ranked(String key, String detail, long count) {}
}
