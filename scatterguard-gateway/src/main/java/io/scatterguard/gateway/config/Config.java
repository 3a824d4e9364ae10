package io.scatterguard.gateway.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A loaded configuration: YAML (nested maps, or dotted keys, or both) checked against the
 * {@link ConfigKeys} registry. Every problem is reported at once, each naming the key and what is
 * wrong, and start-up stops ({@link ConfigException}); a typo gets a "did you mean" hint.
 */
public final class Config {
    private final Map<String, Object> values;

    private Config(Map<String, Object> values) {
        this.values = values;
    }

    /** The defaults alone. */
    public static Config defaults() {
        return from(Map.of(), "defaults");
    }

    public static Config load(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(List.of(file + ": no such file"));
        } catch (IOException e) {
            throw new ConfigException(List.of(file + ": cannot read: " + e.getMessage()));
        }
        return parse(text, file.toString());
    }

    public static Config parse(String yaml, String source) throws ConfigException {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw new ConfigException(List.of(source + ": not valid YAML" + where + ": " + e.getOriginalMessage()));
        }
        Map<String, String> flat = new HashMap<>();
        List<String> problems = new ArrayList<>();
        if (root != null && !root.isMissingNode() && !root.isNull()) {
            if (!root.isObject()) throw new ConfigException(List.of(source + ": the top level must be a map of keys"));
            flatten("", root, flat, problems);
        }
        return fromStrings(flat, source, problems);
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out, List<String> problems) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            JsonNode v = e.getValue();
            if (v.isObject()) {
                flatten(key, v, out, problems);
            } else if (v.isArray()) {
                List<String> items = new ArrayList<>();
                v.forEach(x -> items.add(x.asText()));
                out.put(key, String.join(",", items));
            } else {
                out.put(key, v.isNull() ? "" : v.asText());
            }
        }
    }

    private static Config from(Map<String, String> flat, String source) {
        try {
            return fromStrings(flat, source, new ArrayList<>());
        } catch (ConfigException e) {
            throw new IllegalStateException("the built-in defaults are invalid: " + e.getMessage(), e);
        }
    }

    private static Config fromStrings(Map<String, String> flat, String source, List<String> problems) throws ConfigException {
        Map<String, Setting<?>> known = new HashMap<>();
        for (Setting<?> s : ConfigKeys.ALL) known.put(s.key(), s);
        for (String k : flat.keySet()) {
            if (!known.containsKey(k)) problems.add(source + ": unknown key '" + k + "'" + suggestion(k, known.keySet()));
        }
        Map<String, Object> values = new HashMap<>();
        for (Setting<?> s : ConfigKeys.ALL) {
            String text = flat.getOrDefault(s.key(), s.defaultValue());
            try {
                values.put(s.key(), s.parse(text));
            } catch (IllegalArgumentException e) {
                problems.add(source + ": " + s.key() + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) throw new ConfigException(problems);
        return new Config(values);
    }

    private static String suggestion(String key, java.util.Set<String> known) {
        return known.stream().min(Comparator.comparingInt(k -> distance(k, key)))
                .filter(k -> distance(k, key) <= Math.max(2, key.length() / 4))
                .map(k -> "; did you mean '" + k + "'?").orElse("");
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        return (T) values.get(setting.key());
    }
}
