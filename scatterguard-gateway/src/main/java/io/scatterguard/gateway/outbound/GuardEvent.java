package io.scatterguard.gateway.outbound;

import java.time.Instant;

/**
 * Something the outbound guard did or saw that an operator should hear about: a limit reached, the
 * many-senders alarm, automatic mail held or refused, its state unreachable.
 *
 * @param kind    "rate-limit", "many-senders", "auto-mail" or "state-unavailable"
 * @param subject whom it is about: "user:alice", "ip:192.0.2.7", "domain:example.com" or a recipient
 * @param symbol  the symbol the decision carries (e.g. {@code OUT_RATE_USER})
 * @param action  what was done: "tempfail", "reject", "quarantine" or "alert"
 * @param detail  one sentence for a person
 */
public record GuardEvent(Instant time, String kind, String subject, String symbol, String action, String detail) {

    /** Writes the event's fields into the JSON object {@code g} has open ({@code detail} as "text"). */
    public void writeFields(com.fasterxml.jackson.core.JsonGenerator g) throws java.io.IOException {
        g.writeStringField("time", time.toString());
        g.writeStringField("kind", kind);
        g.writeStringField("subject", subject);
        g.writeStringField("symbol", symbol);
        g.writeStringField("action", action);
        g.writeStringField("text", detail);
    }
}
