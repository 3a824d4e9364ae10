package io.scatterguard.gateway.check;

import io.scatterguard.mail.model.Reply;
import java.util.Objects;

/**
 * What one check decided. Every verdict names the check that gave it and a symbol (rspamd style,
 * e.g. {@code BATV_INVALID}, {@code RCVD_IN_DNSBL}) so logs, metrics and the audit trail can say why.
 * Only {@link Continue} means "no opinion, ask the next check".
 */
public sealed interface Verdict {
    String check();

    String symbol();

    /** No opinion: the chain goes on. */
    record Continue(String check, String symbol) implements Verdict {}

    /** Accept now; later checks of this stage do not run. */
    record Accept(String check, String symbol) implements Verdict {}

    /** Refuse permanently with this reply (5xx). */
    record Reject(String check, String symbol, Reply reply) implements Verdict {
        public Reject {
            Objects.requireNonNull(reply);
            if (!reply.isPermanent()) throw new IllegalArgumentException("Reject needs a 5xx reply: " + reply);
        }
    }

    /** Refuse for now with this reply (4xx): the client keeps the message and tries again. */
    record TempFail(String check, String symbol, Reply reply) implements Verdict {
        public TempFail {
            Objects.requireNonNull(reply);
            if (!reply.isTransient()) throw new IllegalArgumentException("TempFail needs a 4xx reply: " + reply);
        }
    }

    /** Accept the message but keep it in quarantine instead of delivering it; never bounce. */
    record Quarantine(String check, String symbol, String reason) implements Verdict {}

    /** Accept and drop silently (only for mail whose sender must never be answered). */
    record Discard(String check, String symbol, String reason) implements Verdict {}

    /** Answer with this reply and close the connection (421 or 554 at connect). */
    record Disconnect(String check, String symbol, Reply reply) implements Verdict {}

    static Continue noOpinion(String check) {
        return new Continue(check, "");
    }
}
