package io.scatterguard.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A search of the audit trail, newest first. Empty fields do not filter; the given ones all apply.
 *
 * @param from     at or after
 * @param to       before
 * @param address  the envelope sender or any recipient (accepted or refused), any case, exact
 * @param client   the client's IP address, or its host name or HELO name (any case, exact)
 * @param symbol   any check gave this symbol (exact, e.g. {@code BATV_INVALID})
 * @param outcome  how the transaction ended
 * @param category the analyzer's category (e.g. {@code dsn})
 * @param backscatter only transactions judged backscatter (true) or not (false)
 * @param limit    page size, 1 to 1000 (ignored by the exports, which stream every match)
 * @param cursor   {@link Page#next()} of the previous page
 */
public record AuditQuery(Optional<Instant> from, Optional<Instant> to, Optional<String> address, Optional<String> client,
        Optional<String> symbol, Optional<Outcome> outcome, Optional<String> category, Optional<Boolean> backscatter,
        int limit, Optional<String> cursor) {

    public AuditQuery {
        if (limit < 1 || limit > 1000) throw new IllegalArgumentException("limit must be between 1 and 1000, got " + limit);
        address = address.map(String::strip).filter(s -> !s.isEmpty());
        client = client.map(String::strip).filter(s -> !s.isEmpty());
        symbol = symbol.map(String::strip).filter(s -> !s.isEmpty());
        category = category.map(String::strip).filter(s -> !s.isEmpty());
    }

    /** Everything, 50 per page. */
    public static AuditQuery all() {
        return new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), 50, Optional.empty());
    }

    public AuditQuery between(Instant fromInclusive, Instant toExclusive) {
        return new AuditQuery(Optional.ofNullable(fromInclusive), Optional.ofNullable(toExclusive), address, client, symbol,
                outcome, category, backscatter, limit, cursor);
    }

    public AuditQuery address(String a) {
        return new AuditQuery(from, to, Optional.ofNullable(a), client, symbol, outcome, category, backscatter, limit, cursor);
    }

    public AuditQuery client(String c) {
        return new AuditQuery(from, to, address, Optional.ofNullable(c), symbol, outcome, category, backscatter, limit, cursor);
    }

    public AuditQuery symbol(String s) {
        return new AuditQuery(from, to, address, client, Optional.ofNullable(s), outcome, category, backscatter, limit, cursor);
    }

    public AuditQuery outcome(Outcome o) {
        return new AuditQuery(from, to, address, client, symbol, Optional.ofNullable(o), category, backscatter, limit, cursor);
    }

    public AuditQuery category(String c) {
        return new AuditQuery(from, to, address, client, symbol, outcome, Optional.ofNullable(c), backscatter, limit, cursor);
    }

    public AuditQuery backscatter(Boolean b) {
        return new AuditQuery(from, to, address, client, symbol, outcome, category, Optional.ofNullable(b), limit, cursor);
    }

    public AuditQuery limit(int n) {
        return new AuditQuery(from, to, address, client, symbol, outcome, category, backscatter, n, cursor);
    }

    public AuditQuery after(String pageCursor) {
        return new AuditQuery(from, to, address, client, symbol, outcome, category, backscatter, limit,
                Optional.ofNullable(pageCursor));
    }
}
