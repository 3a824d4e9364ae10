package io.scatterguard.tools.logaudit;

import java.time.Instant;
import java.util.List;

/**
 * One automatic notice this server generated, reconstructed from its log lines.
 *
 * @param mta              whose log it came from
 * @param kind             bounce, delay warning, double bounce, autoreply, delivery receipt
 * @param time             when it was generated (its first log line)
 * @param queueId          its own queue id
 * @param originalQueueId  the queue id of the message it is about, or "" when the log does not say
 * @param recipient        whom it was sent to ("" when no delivery line was seen)
 * @param destination      remote server, local mailbox, nowhere, unknown
 * @param outcome          what the receiving side did with it
 * @param deliveryText     the last delivery status text, e.g. the remote server's reply
 * @param originalClient   the client that submitted the original message ({@code host[ip]}), or ""
 * @param original         where the original came from: from outside (its sender may be forged),
 *                         from the site's own users, or unknown
 * @param causes           why the original failed (for bounces and delay warnings)
 */
public record Notification(
        Mta mta,
        NotificationKind kind,
        Instant time,
        String queueId,
        String originalQueueId,
        String recipient,
        Destination destination,
        Outcome outcome,
        String deliveryText,
        String originalClient,
        OriginalSource original,
        List<Failure> causes) {

    public Notification {
        causes = List.copyOf(causes);
    }

    /** Sent (or being sent) to another server: the part that can hit a forged sender. */
    public boolean remote() {
        return destination == Destination.REMOTE;
    }

    /**
     * The accept-then-bounce pattern: a notice, sent to a remote address, about mail this server
     * accepted over SMTP from an outside client.
     */
    public boolean acceptThenBounce() {
        return remote() && original == OriginalSource.OUTSIDE
                && (kind == NotificationKind.BOUNCE || kind == NotificationKind.DELAY_WARNING);
    }
}
