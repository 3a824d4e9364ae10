/**
 * The store: quarantine, audit trail, outbound ledger, statistics and console users in a database —
 * an embedded H2 file by default, PostgreSQL for real deployments and several gateway nodes.
 *
 * <p>Open one {@link io.scatterguard.store.Store} per process with
 * {@link io.scatterguard.store.StoreSettings}; it migrates the schema (Flyway) and hands out
 * {@link io.scatterguard.store.QuarantineStore}, {@link io.scatterguard.store.AuditTrail},
 * {@link io.scatterguard.store.SentMailLedger} (an {@code OutboundLedger} for the backscatter
 * judge), {@link io.scatterguard.store.StoreStats} and {@link io.scatterguard.store.UserStore}.
 * Listings page newest first with opaque cursors ({@link io.scatterguard.store.Page}).
 * Everything in {@code io.scatterguard.store.internal} is implementation, not API.
 */
package io.scatterguard.store;
