package io.scatterguard.console.internal;

import io.javalin.http.Context;
import io.scatterguard.store.AuditEntry;
import io.scatterguard.store.AuditQuery;
import io.scatterguard.store.AuditRecord;
import io.scatterguard.store.CheckResult;
import io.scatterguard.store.Outcome;
import io.scatterguard.store.Page;
import io.scatterguard.store.RefusedRecipient;
import io.scatterguard.store.Store;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The audit trail: search by time, address, client, symbol, outcome, kind and backscatter; one
 * transaction with every check's verdict in the order the checks ran; links to export the matches
 * as CSV or JSON.
 */
final class AuditPages {
    private static final String[] FILTERS = {"from", "to", "address", "client", "symbol", "outcome", "category", "backscatter"};
    private final Store store;

    AuditPages(Store store) {
        this.store = store;
    }

    void search(Context ctx, Principal p) {
        AuditQuery query = Params.audit(ctx);
        Page<AuditEntry> page = store.audit().search(query);
        String filters = filterQuery(ctx);
        Pages.page(ctx, p, "Audit trail", "/audit", h -> {
            h.open("form", "method", "get", "action", "/audit", "class", "filters card", "id", "audit-search");
            h.open("label").text("From (UTC)").empty("input", "type", "datetime-local", "name", "from", "value", local(query.from()))
                    .close("label");
            h.open("label").text("To (UTC)").empty("input", "type", "datetime-local", "name", "to", "value", local(query.to()))
                    .close("label");
            QuarantinePages.field(h, "Address", "address", query.address().orElse(""), "sender or recipient");
            QuarantinePages.field(h, "Client", "client", query.client().orElse(""), "IP address or HELO");
            QuarantinePages.field(h, "Symbol", "symbol", query.symbol().orElse(""), "e.g. BATV_INVALID");
            h.open("label").text("Outcome").open("select", "name", "outcome");
            QuarantinePages.option(h, "", "Any", query.outcome().isEmpty());
            for (Outcome o : Outcome.values()) QuarantinePages.option(h, o.id(), o.id(), query.outcome().orElse(null) == o);
            h.close("select").close("label");
            QuarantinePages.field(h, "Kind", "category", query.category().orElse(""), "dsn, autoreply…");
            h.open("label").text("Backscatter").open("select", "name", "backscatter");
            QuarantinePages.option(h, "", "Any", query.backscatter().isEmpty());
            QuarantinePages.option(h, "true", "Only backscatter", query.backscatter().orElse(false));
            QuarantinePages.option(h, "false", "No backscatter", !query.backscatter().orElse(true));
            h.close("select").close("label");
            h.open("div", "class", "buttons").el("button", "Search", "type", "submit", "class", "primary")
                    .a("/audit", "Reset", "class", "button").close("div");
            h.close("form");

            h.open("div", "class", "toolbar").el("span", page.items().isEmpty() ? "No transactions match."
                    : "Newest first" + (page.next().isPresent() ? "; more on the next page." : "."), "class", "muted");
            h.open("div", "class", "buttons").a("/api/audit/export.csv" + (filters.isEmpty() ? "" : "?" + filters), "Export CSV",
                    "class", "button", "id", "export-csv").a("/api/audit/export.json" + (filters.isEmpty() ? "" : "?" + filters),
                    "Export JSON", "class", "button", "id", "export-json").close("div");
            h.close("div");
            if (page.items().isEmpty()) return;
            h.open("div", "class", "card flush").open("table", "class", "list", "id", "audit-list").open("thead").open("tr")
                    .el("th", "Time (UTC)").el("th", "Client").el("th", "Sender").el("th", "Recipients").el("th", "Outcome")
                    .el("th", "Reply").el("th", "Symbols").close("tr").close("thead").open("tbody");
            for (AuditEntry e : page.items()) {
                AuditRecord r = e.record();
                h.open("tr", "data-id", Long.toString(e.id()));
                h.open("td", "class", "nowrap").a("/audit/" + e.id(), Pages.time(r.time())).close("td");
                Pages.cell(h, r.clientIp() + (r.helo().isEmpty() ? "" : " · " + r.helo()), 36);
                Pages.cell(h, r.sender().isEmpty() ? "<>" : r.sender(), 36);
                Pages.cell(h, String.join(", ", r.recipients()), 36);
                h.open("td");
                Pages.badge(h, r.outcome().id());
                h.close("td");
                Pages.cell(h, r.reply(), 48);
                Pages.cell(h, String.join(" ", r.symbols()), 40);
                h.close("tr");
            }
            h.close("tbody").close("table").close("div");
            page.next().ifPresent(c -> h.open("p", "class", "pager").a("/audit?" + (filters.isEmpty() ? "" : filters + "&")
                    + "cursor=" + URLEncoder.encode(c, StandardCharsets.UTF_8), "Older transactions →", "class", "button").close("p"));
        });
    }

    void detail(Context ctx, Principal p) {
        long id = Params.id(ctx);
        AuditEntry e = store.audit().get(id).orElseThrow(() -> ConsoleError.notFound("No audit trail entry " + id + "."));
        AuditRecord r = e.record();
        Pages.page(ctx, p, "Transaction " + id, "/audit", h -> {
            h.open("section", "class", "card").open("div", "class", "card-head").el("h2", r.reply().isEmpty() ? "(no reply)" : r.reply(),
                    "class", "mono");
            Pages.badge(h, r.outcome().id());
            h.close("div").open("dl", "class", "facts");
            QuarantinePages.fact(h, "Time", Pages.time(r.time()) + " UTC");
            QuarantinePages.fact(h, "Client", r.clientIp() + (r.clientName().isEmpty() ? "" : " (" + r.clientName() + ")")
                    + (r.helo().isEmpty() ? "" : ", HELO " + r.helo()) + (r.tls() ? ", TLS" : ""));
            QuarantinePages.fact(h, "Sender", r.sender().isEmpty() ? "<> (null sender)" : r.sender());
            QuarantinePages.fact(h, "Recipients", r.recipients().isEmpty() ? "(none accepted)" : String.join(", ", r.recipients()));
            QuarantinePages.fact(h, "Ended at", r.stage());
            if (!r.category().isEmpty()) QuarantinePages.fact(h, "Kind", r.category() + (r.backscatter() ? " · backscatter" : ""));
            if (r.size() > 0) QuarantinePages.fact(h, "Size", Pages.size(r.size()));
            if (!r.messageId().isEmpty()) QuarantinePages.fact(h, "Message-ID", r.messageId());
            QuarantinePages.fact(h, "Node / session", r.node() + " / " + r.sessionId());
            h.close("dl");
            if (r.quarantineId().isPresent()) {
                long q = r.quarantineId().getAsLong();
                h.open("p").a("/quarantine/" + q, "Held in the quarantine as message " + q + " →", "class", "button").close("p");
            }
            h.close("section");
            h.open("section", "class", "card").el("h2", "Checks, in the order they ran");
            if (r.checks().isEmpty()) {
                h.el("p", "No check gave a verdict.", "class", "muted");
            } else {
                h.open("table", "class", "compact", "id", "checks").open("thead").open("tr").el("th", "Check").el("th", "Verdict")
                        .el("th", "Symbol").close("tr").close("thead").open("tbody");
                for (CheckResult c : r.checks()) {
                    h.open("tr").el("td", c.check()).open("td");
                    Pages.badge(h, c.verdict().isEmpty() ? "continue" : c.verdict());
                    h.close("td").el("td", c.symbol(), "class", "mono").close("tr");
                }
                h.close("tbody").close("table");
            }
            h.close("section");
            if (!r.refused().isEmpty()) {
                h.open("section", "class", "card").el("h2", "Recipients refused at RCPT");
                h.open("table", "class", "compact").open("thead").open("tr").el("th", "Address").el("th", "Reply").close("tr")
                        .close("thead").open("tbody");
                for (RefusedRecipient x : r.refused()) h.open("tr").el("td", x.address()).el("td", x.reply(), "class", "mono").close("tr");
                h.close("tbody").close("table").close("section");
            }
        });
    }

    /** The search's filters as a query string (no cursor, no limit), for the export and paging links. */
    static String filterQuery(Context ctx) {
        StringBuilder sb = new StringBuilder();
        for (String k : FILTERS) {
            String v = ctx.queryParam(k);
            if (v == null || v.isBlank()) continue;
            if (!sb.isEmpty()) sb.append('&');
            sb.append(k).append('=').append(URLEncoder.encode(v.strip(), StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    private static String local(Optional<Instant> t) {
        return t.map(x -> LocalDateTime.ofInstant(x.truncatedTo(ChronoUnit.MINUTES), ZoneOffset.UTC).toString()).orElse("");
    }
}
