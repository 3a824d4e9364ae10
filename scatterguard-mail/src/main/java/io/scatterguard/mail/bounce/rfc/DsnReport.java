package io.scatterguard.mail.bounce.rfc;

import java.util.List;

/**
 * The fields read from an RFC 3464 {@code message/delivery-status} body (or from delivery-status
 * lines found inline in a text part).
 *
 * @param reportingMta    Reporting-MTA host
 * @param receivedFromMta Received-From-MTA host
 * @param arrivalDate     Arrival-Date
 * @param recipients      one entry per recipient block that named an address
 */
public record DsnReport(String reportingMta, String receivedFromMta, String arrivalDate, List<DsnRecipient> recipients) {
    public static final DsnReport EMPTY = new DsnReport("", "", "", List.of());

    public DsnReport {
        recipients = List.copyOf(recipients);
    }

    public boolean isEmpty() {
        return recipients.isEmpty();
    }
}
