package io.scatterguard.gateway.core;

import io.scatterguard.gateway.check.Verdict;
import io.scatterguard.store.AuditRecord;
import io.scatterguard.store.AuditTrail;
import io.scatterguard.store.CheckResult;
import io.scatterguard.store.Outcome;
import io.scatterguard.store.RefusedRecipient;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Hands every {@link TransactionEvent} to the store's audit trail (a listener on decisions, like the
 * JSON {@link EventLog}). The trail only queues, so this never waits for the database; a full
 * queue is counted by the trail, not felt by the client.
 */
public final class AuditRecorder {
    private final AuditTrail trail;
    private final String node;

    public AuditRecorder(AuditTrail trail, String node) {
        this.trail = trail;
        this.node = node;
    }

    /**
     * Queues the event.
     *
     * @param held         the quarantine id when the message was held, else empty
     * @param discarded    whether the message was accepted and dropped on purpose
     */
    public void record(TransactionEvent e, OptionalLong held, boolean discarded) {
        trail.record(toRecord(e, node, held, discarded));
    }

    /**
     * Queues an event whose outcome the caller knows better than its reply text says (the milter:
     * "continue" means the MTA accepts, a hold is in the MTA's own queue).
     */
    public void record(TransactionEvent e, Outcome outcome) {
        trail.record(toRecord(e, node, outcome, OptionalLong.empty()));
    }

    static AuditRecord toRecord(TransactionEvent e, String node, OptionalLong held, boolean discarded) {
        Outcome outcome = Outcome.ofReplyCode(replyCode(e.reply()));
        if (outcome == Outcome.ACCEPTED && held.isPresent()) outcome = Outcome.QUARANTINED;
        else if (outcome == Outcome.ACCEPTED && discarded) outcome = Outcome.DISCARDED;
        return toRecord(e, node, outcome, held);
    }

    static AuditRecord toRecord(TransactionEvent e, String node, Outcome outcome, OptionalLong held) {
        int code = replyCode(e.reply());
        return new AuditRecord(e.time(), node, e.session(), e.clientAddress(), "", e.helo(), e.tls(), e.sender(), e.recipients(),
                e.refusedRecipients().stream().map(r -> new RefusedRecipient(r.recipient(), r.reply())).toList(),
                e.verdicts().stream().map(AuditRecorder::check).toList(), e.stage(), outcome, code, e.reply(), e.size(),
                e.messageId() == null ? "" : e.messageId().strip(), e.category(), e.backscatter(), held);
    }

    private static CheckResult check(Verdict v) {
        return new CheckResult(v.check(), v.getClass().getSimpleName().toLowerCase(Locale.ROOT), v.symbol());
    }

    /** The code at the start of a reply's text ("250 2.0.0 Ok" → 250), 0 when there is none. */
    public static int replyCode(String reply) {
        if (reply == null || reply.length() < 3) return 0;
        for (int i = 0; i < 3; i++) if (!Character.isDigit(reply.charAt(i))) return 0;
        return Integer.parseInt(reply.substring(0, 3));
    }
}
