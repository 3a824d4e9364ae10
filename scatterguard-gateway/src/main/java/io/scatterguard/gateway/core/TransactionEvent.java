package io.scatterguard.gateway.core;

import io.scatterguard.gateway.check.Verdict;
import java.time.Instant;
import java.util.List;

/**
 * One decision of the gateway, as written to the event log and (later) the audit trail: who, what
 * envelope, every verdict with its symbol, and the final reply.
 */
public record TransactionEvent(
        Instant time,
        String session,
        String clientAddress,
        String helo,
        boolean tls,
        String sender,
        List<String> recipients,
        List<RecipientDecision> refusedRecipients,
        String category,
        boolean backscatter,
        List<Verdict> verdicts,
        String stage,
        String reply,
        long size,
        String messageId) {

    /** A recipient refused at RCPT, with the reply it got. */
    public record RecipientDecision(String recipient, String reply) {}
}
