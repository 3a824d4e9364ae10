package io.scatterguard.gateway.outbound;

import java.util.List;

/**
 * Where the guard's events go: the event log (and through it the audit trail's context), the
 * Prometheus counter, a webhook. Raising must never block or fail the SMTP session.
 */
@FunctionalInterface
public interface GuardAlerts {
    void raise(GuardEvent event);

    GuardAlerts NONE = e -> {};

    /** Every one of {@code sinks}; one that throws does not keep the event from the others. */
    static GuardAlerts all(List<GuardAlerts> sinks) {
        List<GuardAlerts> copy = List.copyOf(sinks);
        return e -> {
            for (GuardAlerts s : copy) {
                try {
                    s.raise(e);
                } catch (RuntimeException ex) {
                    System.getLogger("io.scatterguard.gateway.outbound").log(System.Logger.Level.WARNING,
                            "an alert sink failed: " + ex);
                }
            }
        };
    }
}
