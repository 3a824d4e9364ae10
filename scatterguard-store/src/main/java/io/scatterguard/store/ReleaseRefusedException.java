package io.scatterguard.store;

/**
 * A release (or delete) that may not happen: the message is already released, being released by
 * someone else, deleted, or unknown. The message says which; nothing was changed.
 */
public final class ReleaseRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the release was refused. */
    public enum Reason { NOT_FOUND, ALREADY_RELEASED, IN_PROGRESS, DELETED, DELIVERY_FAILED }

    private final long id;
    private final Reason reason;

    public ReleaseRefusedException(long id, Reason reason, String message) {
        super(message);
        this.id = id;
        this.reason = reason;
    }

    public ReleaseRefusedException(long id, Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.id = id;
        this.reason = reason;
    }

    public long id() {
        return id;
    }

    public Reason reason() {
        return reason;
    }
}
