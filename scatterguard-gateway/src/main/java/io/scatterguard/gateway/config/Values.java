package io.scatterguard.gateway.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers for configuration values, with messages that say what a valid value looks like. */
final class Values {
    private Values() {}

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmg]?)b?", Pattern.CASE_INSENSITIVE);
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)", Pattern.CASE_INSENSITIVE);

    static Function<String, String> string() {
        return s -> s;
    }

    static Function<String, Integer> integer(int min, int max) {
        return s -> {
            int v;
            try {
                v = Integer.parseInt(s.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a whole number, got '" + s + "'");
            }
            if (v < min || v > max) throw new IllegalArgumentException("must be between " + min + " and " + max + ", got " + v);
            return v;
        };
    }

    /** Byte sizes: 25m, 512k, 10485760. */
    static Function<String, Long> size() {
        return s -> {
            Matcher m = SIZE.matcher(s.strip());
            if (!m.matches()) throw new IllegalArgumentException("expected a size such as 25m, 512k or 1048576, got '" + s + "'");
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "k" -> n << 10;
                case "m" -> n << 20;
                case "g" -> n << 30;
                default -> n;
            };
        };
    }

    /** Durations: 300ms, 30s, 5m, 2h, 7d. */
    static Function<String, Duration> duration() {
        return s -> {
            Matcher m = DURATION.matcher(s.strip());
            if (!m.matches()) throw new IllegalArgumentException("expected a duration such as 300ms, 30s, 5m, 2h or 7d, got '" + s + "'");
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        };
    }

    /** Comma- or space-separated lists (YAML sequences arrive joined with commas). */
    static Function<String, List<String>> list() {
        return s -> s.isBlank() ? List.of() : Arrays.stream(s.split("[,\\s]+")).filter(x -> !x.isEmpty()).toList();
    }

    static Function<String, Boolean> bool() {
        return s -> switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException("expected true or false, got '" + s + "'");
        };
    }

    /** Empty, or a JDBC URL of a database the store supports. */
    static Function<String, String> jdbcUrl() {
        return s -> {
            String t = s.strip();
            if (t.isEmpty() || t.startsWith("jdbc:postgresql:") || t.startsWith("jdbc:h2:")) return t;
            throw new IllegalArgumentException("expected empty (embedded database) or jdbc:postgresql://HOST:PORT/DATABASE, got '"
                    + s + "'");
        };
    }

    /** "category=days" items (YAML sequence or comma-separated): lower-case category, days in range. */
    static Function<String, java.util.Map<String, Integer>> categoryDays(int min, int max) {
        Function<String, Integer> days = integer(min, max);
        return s -> {
            java.util.Map<String, Integer> out = new java.util.TreeMap<>();
            for (String item : list().apply(s)) {
                int eq = item.indexOf('=');
                String category = eq < 0 ? "" : item.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                if (category.isEmpty() || !category.matches("[a-z0-9-]+")) {
                    throw new IllegalArgumentException("expected category=days such as spam=14, got '" + item + "'");
                }
                try {
                    out.put(category, days.apply(item.substring(eq + 1)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(category + ": " + e.getMessage());
                }
            }
            return java.util.Map.copyOf(out);
        };
    }

    /** Rates such as "60/1m, 1000/1h" (see {@link io.scatterguard.gateway.outbound.Rate}); empty: no limit. */
    static Function<String, List<io.scatterguard.gateway.outbound.Rate>> rates() {
        return s -> list().apply(s).stream().map(io.scatterguard.gateway.outbound.Rate::parse).toList();
    }

    /** One rate, or empty for none. */
    static Function<String, java.util.Optional<io.scatterguard.gateway.outbound.Rate>> optionalRate() {
        return s -> s.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(io.scatterguard.gateway.outbound.Rate.parse(s));
    }

    static <E extends Enum<E>> Function<String, E> oneOf(Class<E> type) {
        return s -> {
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(s.strip())) return e;
            }
            throw new IllegalArgumentException("expected one of " + Arrays.stream(type.getEnumConstants())
                    .map(e -> e.name().toLowerCase(Locale.ROOT)).toList() + ", got '" + s + "'");
        };
    }
}
