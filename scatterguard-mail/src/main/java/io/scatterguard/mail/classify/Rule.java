package io.scatterguard.mail.classify;

import java.util.function.Function;

/**
 * One classification rule: when {@code test} finds something it returns a short detail (what was
 * seen), and the rule adds {@code weight} to {@code category} under {@code symbol}.
 */
public record Rule(String symbol, Category category, int weight, Function<Signals, String> test) {}
