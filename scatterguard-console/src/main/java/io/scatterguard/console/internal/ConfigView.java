package io.scatterguard.console.internal;

import io.scatterguard.gateway.config.Config;
import io.scatterguard.gateway.config.ConfigKeys;
import io.scatterguard.gateway.config.Setting;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The running configuration as the console shows it: every key of the registry with its value, its
 * default and its documentation. Secrets never leave the process: a key whose last word names a
 * password, key, secret or token shows only whether it is set, and a {@code password=} inside any
 * other value (a JDBC URL) is masked.
 */
final class ConfigView {
    static final String MASK = "••••••";
    private static final Pattern SECRET_KEY = Pattern.compile("(^|[.-])(password|passwords|secret|secrets|key|keys|token|tokens)$");
    private static final Pattern INLINE_PASSWORD = Pattern.compile("(?i)(password=)[^&;\\s]*");

    /**
     * @param value   the value as shown (masked for secrets)
     * @param changed whether it differs from the default
     */
    record Entry(String key, String type, String value, String defaultValue, boolean secret, boolean changed, String doc) {}

    private ConfigView() {}

    static boolean isSecret(String key) {
        return SECRET_KEY.matcher(key.toLowerCase(Locale.ROOT)).find();
    }

    static List<Entry> of(Config config) {
        List<Entry> out = new ArrayList<>();
        for (Setting<?> s : ConfigKeys.ALL) out.add(entry(config, s));
        return out;
    }

    private static <T> Entry entry(Config config, Setting<T> s) {
        T value = config.get(s);
        boolean changed;
        try {
            changed = !Objects.equals(value, s.parse(s.defaultValue()));
        } catch (IllegalArgumentException e) {
            changed = true;
        }
        boolean secret = isSecret(s.key());
        String shown;
        if (secret) {
            boolean set = !(value == null || value instanceof String t && t.isEmpty() || value instanceof Collection<?> c && c.isEmpty());
            shown = !set ? "(not set)" : value instanceof Collection<?> c ? MASK + " (" + c.size() + " set)" : MASK + " (set)";
        } else {
            // an unchanged value is shown as the reference writes it (25m, not 26214400)
            shown = INLINE_PASSWORD.matcher(changed ? format(value) : s.defaultValue()).replaceAll("$1" + MASK);
        }
        String def = secret ? (s.defaultValue().isEmpty() ? "" : MASK) : s.defaultValue();
        return new Entry(s.key(), s.type(), shown, def, secret, changed, s.doc());
    }

    /** A value in the form it would be written in the YAML file. */
    static String format(Object v) {
        if (v == null) return "";
        if (v instanceof Long n && n > 0) return size(n);
        if (v instanceof Duration d) return duration(d);
        if (v instanceof Enum<?> e) return e.name().toLowerCase(Locale.ROOT);
        if (v instanceof Collection<?> c) return String.join(", ", c.stream().map(ConfigView::format).toList());
        if (v instanceof Map<?, ?> m) {
            return String.join(", ", m.entrySet().stream().map(e -> e.getKey() + "=" + format(e.getValue())).sorted().toList());
        }
        return v.toString();
    }

    /** Sizes are the only long values of the registry: 25m rather than 26214400. */
    private static String size(long n) {
        if (n % (1L << 30) == 0) return (n >> 30) + "g";
        if (n % (1L << 20) == 0) return (n >> 20) + "m";
        if (n % (1L << 10) == 0) return (n >> 10) + "k";
        return Long.toString(n);
    }

    private static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) return "0s";
        if (ms % 86_400_000 == 0) return ms / 86_400_000 + "d";
        if (ms % 3_600_000 == 0) return ms / 3_600_000 + "h";
        if (ms % 60_000 == 0) return ms / 60_000 + "m";
        if (ms % 1000 == 0) return ms / 1000 + "s";
        return ms + "ms";
    }
}
