package io.scatterguard.tools.logaudit;

/** Where a notification went, judged by the delivery agent that handled it. */
public enum Destination {
    /** Handed to an SMTP client for another server: this is what reaches forged senders. */
    REMOTE,
    /** Delivered into a local mailbox (local, virtual, LMTP, a pipe). */
    LOCAL,
    /** Not delivered anywhere (discarded, or failed before any delivery agent). */
    NONE,
    /** No delivery line for it in the log (it was still queued, or the log ends). */
    UNKNOWN;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
