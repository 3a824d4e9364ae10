/**
 * The web console of a running gateway: a dashboard of what the gateway decided, the quarantine
 * (review, release once, delete), the audit trail (search, drill-down, CSV/JSON export) and the
 * running configuration, each also as a JSON API under {@code /api}, plus {@code /metrics} in the
 * Prometheus format.
 *
 * <p>Start one with {@link io.scatterguard.console.Console#builder}: it needs the
 * {@link io.scatterguard.store.Store} and, to release mail, a
 * {@link io.scatterguard.console.QuarantineRelease}. Nothing is served to anyone who has not
 * signed in (a session, or an API token as {@code Authorization: Bearer}), except the sign-in page,
 * the static assets and, as {@link io.scatterguard.console.ConsoleSettings#metrics()} allows,
 * {@code /metrics}. Everything in {@code io.scatterguard.console.internal} is implementation.
 */
package io.scatterguard.console;
