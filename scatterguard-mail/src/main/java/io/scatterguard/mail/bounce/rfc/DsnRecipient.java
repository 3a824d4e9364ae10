package io.scatterguard.mail.bounce.rfc;

/**
 * The per-recipient fields of one RFC 3464 delivery-status block, as written (types such as
 * {@code rfc822;} and {@code smtp;} removed, continuation lines joined).
 *
 * @param finalRecipient    Final-Recipient address, "" when absent or not an e-mail address
 * @param originalRecipient Original-Recipient address
 * @param actualRecipient   X-Actual-Recipient address (Sendmail, Exim and others)
 * @param action            Action, lower-cased
 * @param status            the x.y.z code of the Status field
 * @param statusComment     text after the status code, e.g. "(permanent failure)"
 * @param remoteMta         Remote-MTA host
 * @param diagnosticType    the type of the Diagnostic-Code (smtp, x-unix, x-postfix...), lower-cased
 * @param diagnostic        the Diagnostic-Code text
 * @param lastAttemptDate   Last-Attempt-Date
 * @param willRetryUntil    Will-Retry-Until
 */
public record DsnRecipient(
        String finalRecipient,
        String originalRecipient,
        String actualRecipient,
        String action,
        String status,
        String statusComment,
        String remoteMta,
        String diagnosticType,
        String diagnostic,
        String lastAttemptDate,
        String willRetryUntil) {

    /** The best address for this block: Final-Recipient, else X-Actual-Recipient, else Original-Recipient. */
    public String address() {
        if (!finalRecipient.isEmpty()) return finalRecipient;
        if (!actualRecipient.isEmpty()) return actualRecipient;
        return originalRecipient;
    }
}
