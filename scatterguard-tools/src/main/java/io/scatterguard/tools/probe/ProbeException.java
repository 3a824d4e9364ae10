package io.scatterguard.tools.probe;

/** Why a probe conversation could not go on; the message says what happened, for the operator. */
public final class ProbeException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** The host name did not resolve or the connection was refused. */
        CONNECT,
        /** No connection, or no complete reply, within the time allowed. */
        TIMEOUT,
        /** The server closed the connection. */
        CLOSED,
        /** The server sent something that is not an SMTP reply. */
        PROTOCOL,
        /** The TLS handshake after STARTTLS failed. */
        TLS
    }

    private final Kind kind;

    public ProbeException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
