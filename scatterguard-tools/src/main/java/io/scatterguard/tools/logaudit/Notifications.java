package io.scatterguard.tools.logaudit;

/** Turns a finished {@link TrackedMessage} into the {@link Notification} the report counts. */
final class Notifications {
    private Notifications() {}

    static Notification of(Mta mta, NotificationKind kind, TrackedMessage m) {
        return new Notification(mta, kind, m.firstSeen, m.queueId, m.parentQueueId, m.recipient, m.destination,
                m.outcome, m.deliveryText, m.clientOfParent(), OriginalSource.of(m.originOfParent()), m.causes);
    }
}
