package io.scatterguard.tools.logaudit;

/** Turns a finished {@link TrackedMessage} into the {@link Notification} the report counts. */
final class Notifications {
    private Notifications() {}

    static Notification of(Mta mta, NotificationKind kind, TrackedMessage m) {
        TrackedMessage.Origin origin = m.originOfParent();
        String client = m.clientOfParent();
        // A double bounce is about a bounce, which Postfix or Sendmail made itself: where the mail
        // came from is where the bounced original came from.
        if (kind == NotificationKind.DOUBLE_BOUNCE && m.parent != null && m.parent.kind != null) {
            origin = m.parent.originOfParent();
            client = m.parent.clientOfParent();
        }
        return new Notification(mta, kind, m.firstSeen, m.queueId, m.parentQueueId, m.recipient, m.destination,
                m.outcome, m.deliveryText, client, OriginalSource.of(origin), m.causes);
    }
}
