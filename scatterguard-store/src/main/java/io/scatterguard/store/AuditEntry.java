package io.scatterguard.store;

/** An {@link AuditRecord} as stored, with its id. */
public record AuditEntry(long id, AuditRecord record) {}
