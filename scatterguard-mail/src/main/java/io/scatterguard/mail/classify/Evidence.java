package io.scatterguard.mail.classify;

/**
 * One named finding, rspamd style: a stable upper-case symbol (e.g. {@code DSN_REPORT_TYPE}) and a
 * human-readable detail saying what exactly was seen.
 */
public record Evidence(String symbol, String detail) {}
