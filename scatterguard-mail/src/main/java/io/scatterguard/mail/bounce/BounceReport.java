package io.scatterguard.mail.bounce;

import java.util.List;

/**
 * A parsed bounce, delay notice or feedback report.
 *
 * @param format        which parser read it (e.g. "Postfix", "RFC3464")
 * @param reportingMta  the MTA that wrote the report, if known
 * @param recipients    one entry per recipient reported on
 * @param original      headers of the message the report is about
 */
public record BounceReport(String format, String reportingMta, List<DeliveryStatus> recipients, OriginalMessage original) {
    public BounceReport {
        recipients = List.copyOf(recipients);
    }

}
