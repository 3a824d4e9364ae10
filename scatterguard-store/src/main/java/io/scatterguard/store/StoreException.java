package io.scatterguard.store;

/**
 * The database could not do what was asked (unreachable, full, a constraint broken). The message
 * names the operation and, where it helps, what to check; the cause is the driver's exception.
 * Callers on the SMTP path turn it into a temporary failure (451), never an acceptance.
 */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
