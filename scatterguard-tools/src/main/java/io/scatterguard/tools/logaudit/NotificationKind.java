package io.scatterguard.tools.logaudit;

/** What kind of automatic notice this server sent. */
public enum NotificationKind {
    /** A non-delivery report (RFC 3464) to the sender of a message that failed. */
    BOUNCE("bounce", "bounces (non-delivery reports)"),
    /** A "still trying" warning to the sender of a deferred message. */
    DELAY_WARNING("delay-warning", "delay warnings"),
    /** A notice to the postmaster about a bounce that itself could not be delivered. */
    DOUBLE_BOUNCE("double-bounce", "double bounces (postmaster notices)"),
    /** A vacation or autoresponder reply. */
    AUTOREPLY("autoreply", "autoreplies"),
    /** A success report (NOTIFY=SUCCESS) to the sender. */
    DELIVERY_RECEIPT("delivery-receipt", "delivery receipts");

    private final String id;
    private final String label;

    NotificationKind(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** The name used in JSON. */
    public String id() {
        return id;
    }

    /** The plural heading used in the text report. */
    public String label() {
        return label;
    }
}
