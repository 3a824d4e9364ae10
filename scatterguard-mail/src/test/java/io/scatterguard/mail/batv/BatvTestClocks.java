package io.scatterguard.mail.batv;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Fixed clocks on chosen BATV day numbers (days since 1970-01-01 UTC). */
final class BatvTestClocks {
    private BatvTestClocks() {}

    /** Noon UTC on day {@code epochDay}. */
    static Clock onDay(long epochDay) {
        return Clock.fixed(Instant.ofEpochSecond(epochDay * 86_400L + 43_200L), ZoneOffset.UTC);
    }
}
