package io.scatterguard.tools.logaudit;

/** What became of a notification, from its last delivery line. */
public enum Outcome {
    /** The receiving server accepted it. */
    SENT,
    /** The receiving server refused it: the "sender" did not exist — typical of forged senders. */
    BOUNCED,
    /** Still being retried when the log ends. */
    DEFERRED,
    /** Given up after the queue lifetime. */
    EXPIRED,
    /** Thrown away on purpose (discard transport, blackhole). */
    DISCARDED,
    /** No delivery line seen. */
    UNKNOWN;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
