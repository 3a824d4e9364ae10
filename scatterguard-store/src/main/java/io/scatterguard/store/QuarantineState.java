package io.scatterguard.store;

/** Where a quarantined message is in its life. */
public enum QuarantineState {
    /** Kept for review; may be released or deleted. */
    HELD,
    /** A node has claimed it for release and is delivering it; nobody else may release it now. */
    RELEASING,
    /** Delivered to its recipients once; the record stays, the content until expiry. */
    RELEASED,
    /** Deleted by an operator: the content is gone, the record stays until expiry. */
    DELETED
}
