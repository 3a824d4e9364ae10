package io.scatterguard.console.internal;

/**
 * A request the console answers with an error status and a message meant for the person or script
 * that made it (bad parameter, unknown id, a release that may not happen). Rendered as a page or as
 * {@code {"error": ...}} depending on where it was asked.
 */
final class ConsoleError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String reason;

    ConsoleError(int status, String message) {
        this(status, message, "");
    }

    ConsoleError(int status, String message, String reason) {
        super(message);
        this.status = status;
        this.reason = reason;
    }

    static ConsoleError badRequest(String message) {
        return new ConsoleError(400, message);
    }

    static ConsoleError notFound(String message) {
        return new ConsoleError(404, message);
    }

    int status() {
        return status;
    }

    /** A machine-readable word for the JSON answer (e.g. ALREADY_RELEASED), or "". */
    String reason() {
        return reason;
    }
}
