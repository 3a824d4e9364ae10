package io.scatterguard.mail.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An ordered, case-insensitive header block as it appeared in a message (RFC 5322 §2.2).
 * Values are unfolded and RFC 2047 encoded words are already decoded.
 * Immutable once built; lookups are linear, which beats hashing for the ~20 fields a message has.
 */
public final class Headers {
    /** One header field: its name as written and its unfolded, decoded value. */
    public record Field(String name, String value) {}

    private static final Headers EMPTY = new Headers(List.of());
    private final List<Field> fields;

    private Headers(List<Field> fields) {
        this.fields = fields;
    }

    public static Headers empty() {
        return EMPTY;
    }

    public static Headers of(List<Field> fields) {
        return fields.isEmpty() ? EMPTY : new Headers(List.copyOf(fields));
    }

    public List<Field> fields() {
        return fields;
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    public boolean has(String name) {
        for (Field f : fields) {
            if (f.name.equalsIgnoreCase(name)) return true;
        }
        return false;
    }

    /** The first value of {@code name}, or empty. */
    public Optional<String> first(String name) {
        for (Field f : fields) {
            if (f.name.equalsIgnoreCase(name)) return Optional.of(f.value);
        }
        return Optional.empty();
    }

    /** The first value of {@code name}, or the empty string: convenient for pattern checks. */
    public String get(String name) {
        for (Field f : fields) {
            if (f.name.equalsIgnoreCase(name)) return f.value;
        }
        return "";
    }

    /** Lower-cased first value, or the empty string. */
    public String lower(String name) {
        return get(name).toLowerCase(Locale.ROOT);
    }

    public List<String> all(String name) {
        List<String> out = null;
        for (Field f : fields) {
            if (f.name.equalsIgnoreCase(name)) {
                if (out == null) out = new ArrayList<>(2);
                out.add(f.value);
            }
        }
        return out == null ? List.of() : Collections.unmodifiableList(out);
    }

    /** A mutable builder used by the readers. */
    public static final class Builder {
        private final List<Field> fields = new ArrayList<>();

        public Builder add(String name, String value) {
            fields.add(new Field(name, value));
            return this;
        }

        public int size() {
            return fields.size();
        }

        public Headers build() {
            return Headers.of(fields);
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Field f : fields) sb.append(f.name).append(": ").append(f.value).append('\n');
        return sb.toString();
    }
}
