package io.scatterguard.gateway.config;

import java.util.function.Function;

/**
 * One configuration key: its kebab-case dotted name, default, documentation and parser. The
 * registry of all settings ({@link ConfigKeys}) is the only place a key is declared; the reference
 * in {@code docs/config-reference.md} is generated from it (Postfix's {@code mail_params.h} model).
 *
 * @param key          e.g. {@code smtp.max-message-size}
 * @param type         a word for the reference: string, integer, size, duration, boolean, list
 * @param defaultValue the default as it would be written in YAML
 * @param doc          one or two sentences for the reference
 * @param parser       turns the YAML text into the value, throwing {@link IllegalArgumentException}
 *                     with a message that explains what is expected
 */
public record Setting<T>(String key, String type, String defaultValue, String doc, Function<String, T> parser) {
    public T parse(String text) {
        return parser.apply(text);
    }

}
