package io.scatterguard.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A filter over the quarantine, newest first. Empty fields do not filter.
 *
 * @param state     only messages in this state (empty: all but {@link QuarantineState#DELETED})
 * @param category  e.g. {@code spam}
 * @param address   the envelope sender or one of the recipients, any case
 * @param symbol    the deciding symbol
 * @param from      received at or after
 * @param to        received before
 * @param limit     page size, 1 to 1000
 * @param cursor    {@link Page#next()} of the previous page
 */
public record QuarantineQuery(Optional<QuarantineState> state, Optional<String> category, Optional<String> address,
        Optional<String> symbol, Optional<Instant> from, Optional<Instant> to, int limit, Optional<String> cursor) {

    public QuarantineQuery {
        if (limit < 1 || limit > 1000) throw new IllegalArgumentException("limit must be between 1 and 1000, got " + limit);
    }

    /** Everything not deleted, 50 per page. */
    public static QuarantineQuery all() {
        return new QuarantineQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), 50, Optional.empty());
    }

    public QuarantineQuery state(QuarantineState s) {
        return new QuarantineQuery(Optional.of(s), category, address, symbol, from, to, limit, cursor);
    }

    public QuarantineQuery category(String c) {
        return new QuarantineQuery(state, Optional.of(c), address, symbol, from, to, limit, cursor);
    }

    public QuarantineQuery address(String a) {
        return new QuarantineQuery(state, category, Optional.of(a), symbol, from, to, limit, cursor);
    }

    public QuarantineQuery symbol(String s) {
        return new QuarantineQuery(state, category, address, Optional.of(s), from, to, limit, cursor);
    }

    public QuarantineQuery between(Instant fromInclusive, Instant toExclusive) {
        return new QuarantineQuery(state, category, address, symbol, Optional.ofNullable(fromInclusive),
                Optional.ofNullable(toExclusive), limit, cursor);
    }

    public QuarantineQuery limit(int n) {
        return new QuarantineQuery(state, category, address, symbol, from, to, n, cursor);
    }

    public QuarantineQuery after(String pageCursor) {
        return new QuarantineQuery(state, category, address, symbol, from, to, limit, Optional.ofNullable(pageCursor));
    }
}
