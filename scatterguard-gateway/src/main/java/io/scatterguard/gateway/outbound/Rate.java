package io.scatterguard.gateway.outbound;

import java.time.Duration;
import java.util.Locale;

/**
 * A limit such as "60 per minute", written {@code 60/1m} in the configuration: {@code count} events
 * per {@code period}, kept as a token bucket that holds {@code count} tokens and refills at that rate
 * (so a quiet sender may burst up to {@code count}, then goes at the average rate).
 */
public record Rate(long count, Duration period) {
    public Rate {
        if (count < 1) throw new IllegalArgumentException("a rate needs a count of at least 1");
        if (period.isNegative() || period.isZero()) throw new IllegalArgumentException("a rate needs a positive period");
    }

    /** "60/1m", "1000/1h", "5/30s", "10000/1d". */
    public static Rate parse(String text) {
        String t = text.strip();
        int slash = t.indexOf('/');
        if (slash < 1) throw new IllegalArgumentException("'" + text + "' is not COUNT/PERIOD, e.g. 60/1m");
        long count;
        try {
            count = Long.parseLong(t.substring(0, slash).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "': the count is not a number");
        }
        return new Rate(count, period(t.substring(slash + 1).strip(), text));
    }

    private static Duration period(String p, String text) {
        String s = p.toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
        long n = i == 0 ? 1 : Long.parseLong(s.substring(0, i));
        return switch (s.substring(i)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException("'" + text + "': the period must end in s, m, h or d");
        };
    }

    /** The configuration form, e.g. "60/1m"; also the suffix of the bucket's key. */
    @Override
    public String toString() {
        long s = period.toSeconds();
        if (s % 86_400 == 0) return count + "/" + s / 86_400 + "d";
        if (s % 3_600 == 0) return count + "/" + s / 3_600 + "h";
        if (s % 60 == 0) return count + "/" + s / 60 + "m";
        return count + "/" + s + "s";
    }

    /** For messages to a person: "60 per 1m". */
    public String describe() {
        String f = toString();
        return f.replace("/", " per ");
    }
}
