package io.scatterguard.gateway.config;

import java.util.List;

/** A configuration that cannot be used; {@link #problems()} names each key and what is wrong with it. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
