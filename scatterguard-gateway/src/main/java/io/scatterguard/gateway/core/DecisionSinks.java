package io.scatterguard.gateway.core;

import io.scatterguard.gateway.metrics.GatewayMetrics;
import java.util.OptionalLong;

/**
 * Where every transaction decision is told: the JSON event log, the audit trail and the metrics
 * (each may be absent). One place, so that the MX and the relay listener report alike.
 */
public record DecisionSinks(EventLog events, AuditRecorder audit, GatewayMetrics metrics) {
    public static final DecisionSinks NONE = new DecisionSinks(null, null, null);

    public boolean any() {
        return events != null || audit != null || metrics != null;
    }

    public void publish(TransactionEvent e, OptionalLong held, boolean discarded) {
        if (events != null) events.write(e);
        if (audit != null) audit.record(e, held, discarded);
        if (metrics != null) metrics.transaction(e, GatewayMetrics.outcome(e.reply(), held.isPresent(), discarded));
    }
}
