package io.scatterguard.console.internal;

import io.javalin.http.Context;
import io.scatterguard.store.AuditQuery;
import io.scatterguard.store.Outcome;
import io.scatterguard.store.QuarantineQuery;
import io.scatterguard.store.QuarantineState;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the query parameters of the quarantine, audit and statistics requests (pages and API alike)
 * into the store's queries. Anything malformed is a 400 that names the parameter and what it takes;
 * empty parameters (as an unfilled form sends them) mean "no filter".
 */
final class Params {
    static final int DEFAULT_LIMIT = 50;
    private static final int MAX_TEXT = 320;

    private Params() {}

    static Optional<String> text(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) return Optional.empty();
        v = v.strip();
        if (v.length() > MAX_TEXT) throw ConsoleError.badRequest(name + ": longer than " + MAX_TEXT + " characters");
        return Optional.of(v);
    }

    /** An id in the path: a positive whole number. */
    static long id(Context ctx) {
        String v = ctx.pathParam("id");
        try {
            long id = Long.parseLong(v);
            if (id > 0) return id;
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ConsoleError.badRequest("id: expected a positive whole number, got '" + v + "'");
    }

    static int limit(Context ctx) {
        Optional<String> v = text(ctx, "limit");
        if (v.isEmpty()) return DEFAULT_LIMIT;
        try {
            int n = Integer.parseInt(v.get());
            if (n >= 1 && n <= 1000) return n;
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ConsoleError.badRequest("limit: expected a whole number from 1 to 1000, got '" + v.get() + "'");
    }

    /** How many entries the statistics' top lists have: 1 to 100, default 10. */
    static int top(Context ctx) {
        Optional<String> v = text(ctx, "top");
        if (v.isEmpty()) return DashboardPage.TOP;
        try {
            int n = Integer.parseInt(v.get());
            if (n >= 1 && n <= 100) return n;
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ConsoleError.badRequest("top: expected a whole number from 1 to 100, got '" + v.get() + "'");
    }

    /**
     * A point in time: an ISO instant ({@code 2026-11-22T10:15:30Z}), a date and time as a browser's
     * datetime-local field sends it ({@code 2026-11-22T10:15}, taken as UTC), or a date (midnight UTC).
     */
    static Optional<Instant> time(Context ctx, String name) {
        Optional<String> v = text(ctx, name);
        if (v.isEmpty()) return Optional.empty();
        String s = v.get();
        try {
            if (s.endsWith("Z") || s.endsWith("z") || s.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return Optional.of(java.time.OffsetDateTime.parse(s.toUpperCase(Locale.ROOT)).toInstant());
            }
            if (s.contains("T")) return Optional.of(LocalDateTime.parse(s).toInstant(ZoneOffset.UTC));
            return Optional.of(LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException e) {
            throw ConsoleError.badRequest(name + ": expected a time such as 2026-11-22T10:15:30Z, 2026-11-22T10:15 (UTC) "
                    + "or 2026-11-22, got '" + s + "'");
        }
    }

    static QuarantineQuery quarantine(Context ctx) {
        QuarantineQuery q = QuarantineQuery.all().limit(limit(ctx));
        Optional<String> state = text(ctx, "state");
        if (state.isPresent()) {
            try {
                q = q.state(QuarantineState.valueOf(state.get().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw ConsoleError.badRequest("state: expected held, releasing, released or deleted, got '" + state.get() + "'");
            }
        }
        q = text(ctx, "category").map(c -> c.toLowerCase(Locale.ROOT)).map(q::category).orElse(q);
        q = text(ctx, "address").map(q::address).orElse(q);
        q = text(ctx, "symbol").map(s -> s.toUpperCase(Locale.ROOT)).map(q::symbol).orElse(q);
        Optional<Instant> from = time(ctx, "from");
        Optional<Instant> to = time(ctx, "to");
        if (from.isPresent() || to.isPresent()) q = q.between(from.orElse(null), to.orElse(null));
        return text(ctx, "cursor").map(q::after).orElse(q);
    }

    static AuditQuery audit(Context ctx) {
        AuditQuery q = AuditQuery.all().limit(limit(ctx));
        Optional<Instant> from = time(ctx, "from");
        Optional<Instant> to = time(ctx, "to");
        if (from.isPresent() || to.isPresent()) q = q.between(from.orElse(null), to.orElse(null));
        q = q.address(text(ctx, "address").orElse(null)).client(text(ctx, "client").orElse(null))
                .symbol(text(ctx, "symbol").map(s -> s.toUpperCase(Locale.ROOT)).orElse(null))
                .category(text(ctx, "category").map(c -> c.toLowerCase(Locale.ROOT)).orElse(null));
        Optional<String> outcome = text(ctx, "outcome");
        if (outcome.isPresent()) {
            try {
                q = q.outcome(Outcome.fromId(outcome.get()));
            } catch (IllegalArgumentException e) {
                throw ConsoleError.badRequest("outcome: " + e.getMessage());
            }
        }
        Optional<String> bs = text(ctx, "backscatter");
        if (bs.isPresent()) {
            q = q.backscatter(switch (bs.get().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "1" -> true;
                case "false", "no", "0" -> false;
                default -> throw ConsoleError.badRequest("backscatter: expected true or false, got '" + bs.get() + "'");
            });
        }
        return text(ctx, "cursor").map(q::after).orElse(q);
    }

    /** The dashboard's time span: the last 24 hours, 7 days or 30 days, with a bucket width that suits it. */
    enum Range {
        DAY("24h", Duration.ofHours(24), Duration.ofHours(1)),
        WEEK("7d", Duration.ofDays(7), Duration.ofHours(6)),
        MONTH("30d", Duration.ofDays(30), Duration.ofDays(1));

        final String id;
        final Duration span;
        final Duration bucket;

        Range(String id, Duration span, Duration bucket) {
            this.id = id;
            this.span = span;
            this.bucket = bucket;
        }

        static Range of(Context ctx) {
            Optional<String> v = text(ctx, "range");
            if (v.isEmpty()) return DAY;
            for (Range r : values()) if (r.id.equalsIgnoreCase(v.get())) return r;
            throw ConsoleError.badRequest("range: expected 24h, 7d or 30d, got '" + v.get() + "'");
        }
    }
}
