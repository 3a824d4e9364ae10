package io.scatterguard.mail.batv;

import java.time.Clock;

/** The BATV day arithmetic: days since 1970-01-01 UTC, modulo 1000. */
final class BatvDays {
    private static final long SECONDS_PER_DAY = 86_400L;

    private BatvDays() {}

    /** Today's day number modulo 1000 by {@code clock}, in UTC. */
    static int today(Clock clock) {
        long days = Math.floorDiv(clock.instant().getEpochSecond(), SECONDS_PER_DAY);
        return (int) Math.floorMod(days, 1000L);
    }

    /** The expiry day written into a tag signed today. */
    static int expiry(Clock clock, int lifetimeDays) {
        return Math.floorMod(today(clock) + lifetimeDays, 1000);
    }

    /** Whether a tag expiring on {@code expiryDay} is still good today: {@code (DDD − today + 1000) mod 1000 ≤ lifetime}. */
    static boolean withinLifetime(int expiryDay, int today, int lifetimeDays) {
        return Math.floorMod(expiryDay - today + 1000, 1000) <= lifetimeDays;
    }

    /** DDD as three digits, zero-padded. */
    static String dayText(int day) {
        int d = Math.floorMod(day, 1000);
        return d < 10 ? "00" + d : d < 100 ? "0" + d : Integer.toString(d);
    }

    static int checkLifetime(int lifetimeDays) {
        if (lifetimeDays < 1 || lifetimeDays > 999) {
            throw new IllegalArgumentException("BATV lifetime must be 1-999 days: " + lifetimeDays);
        }
        return lifetimeDays;
    }
}
