package io.scatterguard.console.internal;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.scatterguard.console.QuarantineRelease;
import io.scatterguard.mail.model.Headers;
import io.scatterguard.store.MessageView;
import io.scatterguard.store.Page;
import io.scatterguard.store.QuarantineQuery;
import io.scatterguard.store.QuarantineState;
import io.scatterguard.store.QuarantinedMessage;
import io.scatterguard.store.Store;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The quarantine: a filtered list, one message (envelope, verdict, header fields and its text shown
 * as plain text — nothing in a message is ever loaded or run), and release or delete, each behind a
 * confirmation page whose form carries the session's CSRF token.
 */
final class QuarantinePages {
    static final int MAX_TEXT = 200_000;
    private final Store store;
    private final QuarantineActions actions;
    private final QuarantineRelease release;

    QuarantinePages(Store store, QuarantineActions actions, QuarantineRelease release) {
        this.store = store;
        this.actions = actions;
        this.release = release;
    }

    void list(Context ctx, Principal p) {
        QuarantineQuery query = Params.quarantine(ctx);
        Page<QuarantinedMessage> page = store.quarantine().list(query);
        Map<QuarantineState, Long> counts = store.quarantine().countByState();
        Pages.page(ctx, p, "Quarantine", "/quarantine", h -> {
            h.open("div", "class", "chips");
            for (QuarantineState s : QuarantineState.values()) {
                String id = s.name().toLowerCase(Locale.ROOT);
                h.open("a", "href", "/quarantine?state=" + id, "class", "chip" + (query.state().orElse(null) == s ? " active" : ""))
                        .text(label(s) + " ").el("strong", Long.toString(counts.getOrDefault(s, 0L))).close("a");
            }
            h.close("div");
            h.open("form", "method", "get", "action", "/quarantine", "class", "filters card");
            h.open("label").text("State").open("select", "name", "state");
            option(h, "", "Any but deleted", query.state().isEmpty());
            for (QuarantineState s : QuarantineState.values()) {
                option(h, s.name().toLowerCase(Locale.ROOT), label(s), query.state().orElse(null) == s);
            }
            h.close("select").close("label");
            field(h, "Kind", "category", query.category().orElse(""), "spam, virus, backscatter…");
            field(h, "Address", "address", query.address().orElse(""), "sender or recipient");
            field(h, "Symbol", "symbol", query.symbol().orElse(""), "e.g. BOUNCE_NOT_OURS");
            h.open("div", "class", "buttons").el("button", "Filter", "type", "submit", "class", "primary")
                    .a("/quarantine", "Reset", "class", "button").close("div");
            h.close("form");

            if (page.items().isEmpty()) {
                h.el("p", "Nothing in the quarantine matches.", "class", "card muted empty");
                return;
            }
            h.open("div", "class", "card flush").open("table", "class", "list", "id", "quarantine-list").open("thead").open("tr")
                    .el("th", "Received (UTC)").el("th", "From").el("th", "To").el("th", "Subject").el("th", "Kind")
                    .el("th", "Symbol").el("th", "State").el("th", "Size", "class", "num").close("tr").close("thead").open("tbody");
            for (QuarantinedMessage m : page.items()) {
                h.open("tr", "data-id", Long.toString(m.id()));
                h.el("td", Pages.time(m.receivedAt()), "class", "nowrap");
                Pages.cell(h, m.sender().isEmpty() ? "<>" : m.sender(), 40);
                Pages.cell(h, String.join(", ", m.recipients()), 40);
                h.open("td").a("/quarantine/" + m.id(), m.subject().isBlank() ? "(no subject)" : shorten(m.subject(), 80),
                        "class", "subject").close("td");
                h.el("td", m.category());
                h.el("td", m.symbol(), "class", "mono");
                h.open("td");
                Pages.badge(h, m.state().name().toLowerCase(Locale.ROOT));
                h.close("td");
                h.el("td", Pages.size(m.size()), "class", "num");
                h.close("tr");
            }
            h.close("tbody").close("table").close("div");
            page.next().ifPresent(c -> h.open("p", "class", "pager").a(nextLink(ctx, c), "Older messages →", "class", "button")
                    .close("p"));
        });
    }

    void detail(Context ctx, Principal p) {
        long id = Params.id(ctx);
        QuarantinedMessage m = store.quarantine().get(id).orElseThrow(() -> ConsoleError.notFound("No quarantined message " + id + "."));
        Optional<MessageView> view = store.quarantine().view(id, MAX_TEXT);
        String done = ctx.queryParam("done");
        Pages.page(ctx, p, "Quarantined message " + id, "/quarantine", h -> {
            if ("released".equals(done) && m.state() == QuarantineState.RELEASED) {
                h.el("p", "Released: the message was delivered to " + m.releasedTo().orElse("its recipients") + ".",
                        "class", "notice ok", "role", "status", "id", "done");
            } else if ("deleted".equals(done) && m.state() == QuarantineState.DELETED) {
                h.el("p", "Deleted: the message's content is gone; this record stays until it expires.", "class", "notice ok",
                        "role", "status", "id", "done");
            }
            h.open("section", "class", "card").open("div", "class", "card-head").el("h2", m.subject().isBlank() ? "(no subject)" : m.subject());
            Pages.badge(h, m.state().name().toLowerCase(Locale.ROOT));
            h.close("div");
            h.open("dl", "class", "facts");
            fact(h, "Received", Pages.time(m.receivedAt()) + " UTC");
            fact(h, "From (envelope)", m.sender().isEmpty() ? "<> (null sender)" : m.sender());
            fact(h, "To (envelope)", String.join(", ", m.recipients()));
            fact(h, "Client", m.clientIp() + (m.clientName().isEmpty() ? "" : " (" + m.clientName() + ")")
                    + (m.helo().isEmpty() ? "" : ", HELO " + m.helo()) + (m.tls() ? ", TLS" : ""));
            fact(h, "Kind", m.category());
            fact(h, "Held by", m.check() + (m.symbol().isEmpty() ? "" : " · " + m.symbol()));
            if (!m.reason().isEmpty()) fact(h, "Reason", m.reason());
            if (!m.symbols().isEmpty()) fact(h, "All symbols", String.join(" ", m.symbols()));
            fact(h, "Size", Pages.size(m.size()));
            if (!m.messageId().isEmpty()) fact(h, "Message-ID", m.messageId());
            fact(h, "Kept until", Pages.time(m.expiresAt()) + " UTC");
            m.releasedAt().ifPresent(t -> fact(h, "Released", Pages.time(t) + " UTC by " + m.releasedBy().orElse("?") + " to "
                    + m.releasedTo().orElse("?")));
            m.releaseError().ifPresent(e -> fact(h, "Last release failed", e));
            m.deletedAt().ifPresent(t -> fact(h, "Deleted", Pages.time(t) + " UTC by " + m.deletedBy().orElse("?")));
            fact(h, "Node", m.node());
            h.close("dl");
            h.open("div", "class", "actions");
            if (m.state() == QuarantineState.HELD) {
                if (release != null) h.a("/quarantine/" + id + "/release", "Release…", "class", "button primary", "id", "release");
                h.a("/quarantine/" + id + "/delete", "Delete…", "class", "button danger", "id", "delete");
            }
            if (view.isPresent()) h.a("/api/quarantine/" + id + "/raw", "Download original (.eml)", "class", "button");
            h.close("div").close("section");

            if (view.isEmpty()) {
                h.el("p", "The content of this message has been deleted.", "class", "card muted");
                return;
            }
            MessageView v = view.get();
            h.open("section", "class", "card").el("h2", "Text");
            h.el("p", "Shown as plain text: links, images and scripts in the message are neither loaded nor run.", "class", "hint");
            h.el("pre", v.text().isEmpty() ? "(no text)" : v.text(), "class", "message-text", "id", "message-text");
            if (v.truncated()) h.el("p", "The text was cut at " + MAX_TEXT + " characters; download the original for all of it.",
                    "class", "hint");
            if (!v.attachments().isEmpty()) {
                h.el("h3", "Attachments (not opened)").open("ul", "class", "plain");
                for (String a : v.attachments()) h.el("li", a, "class", "mono");
                h.close("ul");
            }
            if (!v.notes().isEmpty()) {
                h.el("h3", "Reader notes").open("ul", "class", "plain");
                for (String n : v.notes()) h.el("li", n);
                h.close("ul");
            }
            h.close("section");
            h.open("section", "class", "card").el("h2", "Header fields");
            h.open("table", "class", "headers", "id", "header-fields").open("tbody");
            for (Headers.Field f : v.headers()) h.open("tr").el("th", f.name()).el("td", f.value()).close("tr");
            h.close("tbody").close("table").close("section");
        });
    }

    /** GET: asks "really?" — the form's POST does it. */
    void confirm(Context ctx, Principal p, boolean releasing) {
        long id = Params.id(ctx);
        QuarantinedMessage m = store.quarantine().get(id).orElseThrow(() -> ConsoleError.notFound("No quarantined message " + id + "."));
        if (releasing && release == null) throw new ConsoleError(503, "Releasing is not configured on this console.");
        if (m.state() != QuarantineState.HELD) {
            throw new ConsoleError(409, "Message " + id + " is " + label(m.state()).toLowerCase(Locale.ROOT)
                    + "; only held messages can be " + (releasing ? "released." : "deleted."), m.state().name());
        }
        String verb = releasing ? "Release" : "Delete";
        Pages.page(ctx, p, verb + " message " + id + "?", "/quarantine", h -> {
            h.open("section", "class", "card confirm " + (releasing ? "" : "danger-zone"));
            if (releasing) {
                h.open("p").text("The message will be delivered ").el("strong", "once").text(" to ").el("strong", release.target())
                        .text(" for " + String.join(", ", m.recipients()) + ". This cannot be undone.").close("p");
            } else {
                h.el("p", "The message's content will be deleted for good; the record stays until it expires so that others can "
                        + "see who deleted it.");
            }
            h.open("dl", "class", "facts");
            fact(h, "Subject", m.subject().isBlank() ? "(no subject)" : m.subject());
            fact(h, "From (envelope)", m.sender().isEmpty() ? "<> (null sender)" : m.sender());
            fact(h, "Held by", m.check() + (m.symbol().isEmpty() ? "" : " · " + m.symbol()));
            if (!m.reason().isEmpty()) fact(h, "Reason", m.reason());
            h.close("dl");
            h.open("form", "method", "post", "action", "/quarantine/" + id + (releasing ? "/release" : "/delete"), "class", "buttons")
                    .csrf(p.session() == null ? "" : p.session().csrf)
                    .el("button", releasing ? "Release and deliver" : "Delete for good", "type", "submit",
                            "class", releasing ? "primary" : "danger", "id", "confirm")
                    .a("/quarantine/" + id, "Cancel", "class", "button")
                    .close("form");
            h.close("section");
        });
    }

    /** POST from the confirmation page. */
    void act(Context ctx, Principal p, boolean releasing) {
        long id = Params.id(ctx);
        if (releasing) actions.release(id, p);
        else actions.delete(id, p);
        ctx.redirect("/quarantine/" + id + "?done=" + (releasing ? "released" : "deleted"), HttpStatus.SEE_OTHER);
    }

    static String label(QuarantineState s) {
        return switch (s) {
            case HELD -> "Held";
            case RELEASING -> "Being released";
            case RELEASED -> "Released";
            case DELETED -> "Deleted";
        };
    }

    private static String nextLink(Context ctx, String cursor) {
        StringBuilder sb = new StringBuilder("/quarantine?");
        for (String k : new String[] {"state", "category", "address", "symbol", "from", "to", "limit"}) {
            String v = ctx.queryParam(k);
            if (v != null && !v.isBlank()) sb.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&');
        }
        return sb.append("cursor=").append(URLEncoder.encode(cursor, StandardCharsets.UTF_8)).toString();
    }

    static void fact(Html h, String name, String value) {
        h.el("dt", name).el("dd", value);
    }

    static void field(Html h, String label, String name, String value, String placeholder) {
        h.open("label").text(label).empty("input", "name", name, "value", value, "placeholder", placeholder, "maxlength", "320")
                .close("label");
    }

    static void option(Html h, String value, String label, boolean selected) {
        h.el("option", label, "value", value, "selected", selected ? "selected" : null);
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
