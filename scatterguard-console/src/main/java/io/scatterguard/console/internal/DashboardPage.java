package io.scatterguard.console.internal;

import io.javalin.http.Context;
import io.scatterguard.store.Outcome;
import io.scatterguard.store.QuarantineState;
import io.scatterguard.store.Store;
import io.scatterguard.store.StoreStats;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard: what the gateway decided over the last day, week or month — totals per outcome,
 * transactions over time, backscatter refused per category, the hosts that send the most
 * backscatter and our addresses forged most. Tables are rendered here; the charts are drawn by
 * {@code dashboard.js} from {@code /api/stats}.
 */
final class DashboardPage {
    static final int TOP = 10;
    private final Store store;
    private final Clock clock;

    DashboardPage(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    void render(Context ctx, Principal p) {
        Params.Range range = Params.Range.of(ctx);
        Instant to = clock.instant();
        Instant from = to.minus(range.span);
        StoreStats stats = store.stats();
        Map<Outcome, Long> totals = new EnumMap<>(Outcome.class);
        for (StoreStats.OutcomeBucket b : stats.outcomesOverTime(from, to, range.bucket)) {
            for (Outcome o : Outcome.values()) totals.merge(o, b.count(o), Long::sum);
        }
        Map<QuarantineState, Long> q = store.quarantine().countByState();
        Map<String, Long> byCategory = new java.util.TreeMap<>(stats.backscatterRefusedByCategory(from, to));
        List<StoreStats.Ranked> sources = stats.topBackscatterSources(from, to, TOP);
        List<StoreStats.Ranked> forged = stats.topForgedSenders(from, to, TOP);

        Pages.page(ctx, p, "Dashboard", "/dashboard", h -> {
            h.open("div", "class", "toolbar").open("span", "class", "muted").text("Showing the last").close("span");
            h.open("div", "class", "segmented", "role", "group", "aria-label", "Time range");
            for (Params.Range r : Params.Range.values()) {
                h.a("/dashboard?range=" + r.id, switch (r) {
                    case DAY -> "24 hours";
                    case WEEK -> "7 days";
                    case MONTH -> "30 days";
                }, "class", r == range ? "active" : null);
            }
            h.close("div").close("div");

            h.open("div", "class", "cards", "id", "totals");
            card(h, "Accepted", totals.getOrDefault(Outcome.ACCEPTED, 0L), "accepted", null);
            card(h, "Rejected", totals.getOrDefault(Outcome.REJECTED, 0L), "rejected", null);
            card(h, "Quarantined", totals.getOrDefault(Outcome.QUARANTINED, 0L), "quarantined", null);
            card(h, "Temporarily refused", totals.getOrDefault(Outcome.TEMPFAILED, 0L), "tempfailed", null);
            card(h, "Held for review now", q.getOrDefault(QuarantineState.HELD, 0L), "held", "/quarantine?state=held");
            h.close("div");

            h.open("section", "class", "card").el("h2", "Transactions over time (UTC)");
            h.open("div", "class", "chart tall").open("canvas", "id", "outcomes-chart", "data-range", range.id, "role", "img",
                    "aria-label", "Transactions per outcome over time").close("canvas").close("div");
            h.el("p", "The chart needs JavaScript; the totals above do not.", "class", "hint js-hidden", "id", "chart-fallback");
            h.close("section");

            h.open("div", "class", "grid two");
            h.open("section", "class", "card").el("h2", "Backscatter refused, by kind");
            if (byCategory.isEmpty()) {
                h.el("p", "No backscatter was refused in this period.", "class", "muted");
            } else {
                h.open("div", "class", "chart").open("canvas", "id", "category-chart", "role", "img",
                        "aria-label", "Backscatter refused per category").close("canvas").close("div");
                h.open("table", "class", "compact").open("thead").open("tr").el("th", "Kind").el("th", "Refused", "class", "num")
                        .close("tr").close("thead").open("tbody");
                byCategory.forEach((k, v) -> h.open("tr").el("td", k).el("td", Long.toString(v), "class", "num").close("tr"));
                h.close("tbody").close("table");
            }
            h.close("section");
            h.open("section", "class", "card").el("h2", "Top backscatter sources");
            ranked(h, sources, "Client address", "HELO name", "No backscatter came in this period.");
            h.close("section");
            h.close("div");

            h.open("section", "class", "card").el("h2", "Our most forged addresses");
            h.el("p", "Backscatter is addressed to the sender spammers forged: these addresses were used most.", "class", "hint");
            ranked(h, forged, "Address", null, "No forged senders in this period.");
            h.close("section");
            h.open("script", "src", "/static/chart.umd.min.js").close("script");
            h.open("script", "src", "/static/dashboard.js").close("script");
        });
    }

    private static void card(Html h, String label, long n, String kind, String href) {
        h.open("div", "class", "stat stat-" + kind, "id", "stat-" + kind);
        h.el("div", label, "class", "label");
        if (href == null) h.el("div", Long.toString(n), "class", "value");
        else h.open("div", "class", "value").a(href, Long.toString(n)).close("div");
        h.close("div");
    }

    private static void ranked(Html h, List<StoreStats.Ranked> rows, String keyTitle, String detailTitle, String empty) {
        if (rows.isEmpty()) {
            h.el("p", empty, "class", "muted");
            return;
        }
        h.open("table", "class", "compact").open("thead").open("tr").el("th", keyTitle);
        if (detailTitle != null) h.el("th", detailTitle);
        h.el("th", "Messages", "class", "num").close("tr").close("thead").open("tbody");
        for (StoreStats.Ranked r : rows) {
            h.open("tr").open("td").a("/audit?" + (detailTitle != null ? "client=" : "address=")
                    + java.net.URLEncoder.encode(r.key(), java.nio.charset.StandardCharsets.UTF_8) + "&backscatter=true", r.key())
                    .close("td");
            if (detailTitle != null) Pages.cell(h, r.detail(), 48);
            h.el("td", Long.toString(r.count()), "class", "num").close("tr");
        }
        h.close("tbody").close("table");
    }
}
