package io.scatterguard.tools.logaudit;

/** Where the message a notification answers came from. */
public enum OriginalSource {
    /** Over SMTP from a client outside the site's networks, not authenticated: its sender may be forged. */
    OUTSIDE,
    /** From the site's own users: its networks, authenticated clients, or submitted on the host. */
    OWN_USERS,
    /** The original is not in the log (or, for autoreplies, cannot be told). */
    UNKNOWN;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    static OriginalSource of(TrackedMessage.Origin o) {
        return switch (o) {
            case OUTSIDE -> OUTSIDE;
            case INTERNAL, AUTHENTICATED, LOCAL -> OWN_USERS;
            case UNKNOWN -> UNKNOWN;
        };
    }
}
