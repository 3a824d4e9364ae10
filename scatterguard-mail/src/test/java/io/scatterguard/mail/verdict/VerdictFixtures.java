package io.scatterguard.mail.verdict;

import io.scatterguard.mail.parse.MessageReader;
import io.scatterguard.mail.parse.ParsedMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Loads the judge's fixture messages from {@code verdict/} and fills in their {@code @@NAME@@} placeholders. */
final class VerdictFixtures {
    private static final MessageReader READER = new MessageReader();

    private final String name;
    private final Map<String, String> values = new LinkedHashMap<>();

    private VerdictFixtures(String name) {
        this.name = name;
        values.put("DELIVERED_TO", "alice@example.com");
        values.put("ORIGINAL_RETURN_PATH", "alice@example.com");
        values.put("ORIGINAL_FROM", "alice@example.com");
        values.put("ORIGINAL_ID", "m1.ours@example.com");
        values.put("RELAY", "smtp.elsewhere.example.org");
    }

    static VerdictFixtures fixture(String name) {
        return new VerdictFixtures(name);
    }

    VerdictFixtures with(String key, String value) {
        values.put(key, value);
        return this;
    }

    String text() {
        String t = raw();
        for (Map.Entry<String, String> e : values.entrySet()) t = t.replace("@@" + e.getKey() + "@@", e.getValue());
        return t;
    }

    ParsedMessage parse() {
        return parse("\n");
    }

    /** Parses the filled-in fixture with the given line ending ("\n", "\r\n" or "\r"). */
    ParsedMessage parse(String lineEnding) {
        return READER.read(text().replace("\n", lineEnding).getBytes(StandardCharsets.UTF_8));
    }

    private String raw() {
        try (InputStream in = VerdictFixtures.class.getResourceAsStream("/verdict/" + name)) {
            if (in == null) throw new IllegalArgumentException("no fixture " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
