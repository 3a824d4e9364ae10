package io.scatterguard.tools.logaudit;

/** Where the per-MTA log readers report what they reconstructed. */
interface AuditSink {
    void notification(Notification n);

    void refusal(Refusal r);

    /** A message was handed to a vacation program or autoresponder ({@code via} names it). */
    void autoresponderDelivery(Mta mta, String via);
}
