package io.scatterguard.tools.logaudit;

/**
 * One concrete recommendation.
 *
 * @param id    a stable name for scripts ({@code postfix-local-recipient-maps}, {@code autoreplies}...)
 * @param title one line: what to change
 * @param text  why (with the numbers from this log) and how, naming the settings to change
 */
public record AdviceItem(String id, String title, String text) {}
