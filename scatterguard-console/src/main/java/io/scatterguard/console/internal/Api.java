package io.scatterguard.console.internal;

import io.javalin.http.Context;
import io.scatterguard.store.AuditQuery;
import io.scatterguard.store.QuarantinedMessage;
import io.scatterguard.store.Store;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON API under {@code /api}: everything the pages show and do, for scripts (with an API
 * token) and for the dashboard's charts. Documented in {@code docs/api/openapi.yaml}.
 */
final class Api {
    private final Store store;
    private final QuarantineActions actions;
    private final ConfigPage config;
    private final Clock clock;

    Api(Store store, QuarantineActions actions, ConfigPage config, Clock clock) {
        this.store = store;
        this.actions = actions;
        this.config = config;
        this.clock = clock;
    }

    void me(Context ctx, Principal p) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("username", p.username());
        o.put("via", p.viaToken() ? "token" : "session");
        ctx.json(o);
    }

    void stats(Context ctx, Principal p) {
        Params.Range range = Params.Range.of(ctx);
        int top = Params.top(ctx);
        Instant to = clock.instant();
        ctx.json(Json.stats(range, to.minus(range.span), to, store.stats(), store.quarantine().countByState(), top));
    }

    void quarantineList(Context ctx, Principal p) {
        ctx.json(Json.page(store.quarantine().list(Params.quarantine(ctx)), Json::quarantined));
    }

    void quarantineGet(Context ctx, Principal p) {
        ctx.json(Json.quarantined(message(Params.id(ctx))));
    }

    void quarantineView(Context ctx, Principal p) {
        long id = Params.id(ctx);
        message(id);
        ctx.json(Json.view(store.quarantine().view(id, QuarantinePages.MAX_TEXT)
                .orElseThrow(() -> new ConsoleError(410, "The content of message " + id + " was deleted."))));
    }

    /** The original message, always as a download: never shown inline, never sniffed, sandboxed if opened. */
    void quarantineRaw(Context ctx, Principal p) {
        long id = Params.id(ctx);
        message(id);
        byte[] raw = store.quarantine().raw(id).orElseThrow(() -> new ConsoleError(410, "The content of message " + id + " was deleted."));
        ctx.header("Content-Disposition", "attachment; filename=\"quarantine-" + id + ".eml\"")
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .contentType("application/octet-stream").result(raw);
    }

    void release(Context ctx, Principal p) {
        ctx.json(Json.quarantined(actions.release(Params.id(ctx), p)));
    }

    void delete(Context ctx, Principal p) {
        ctx.json(Json.quarantined(actions.delete(Params.id(ctx), p)));
    }

    void auditSearch(Context ctx, Principal p) {
        ctx.json(Json.page(store.audit().search(Params.audit(ctx)), Json::audit));
    }

    void auditGet(Context ctx, Principal p) {
        long id = Params.id(ctx);
        ctx.json(Json.audit(store.audit().get(id).orElseThrow(() -> ConsoleError.notFound("No audit trail entry " + id + "."))));
    }

    /** Every match, streamed (memory stays flat however many rows match). */
    void auditExport(Context ctx, Principal p, boolean csv) throws IOException {
        AuditQuery q = Params.audit(ctx);
        ctx.contentType(csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"scatterguard-audit." + (csv ? "csv" : "json") + "\"");
        Writer w = new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8);
        if (csv) store.audit().exportCsv(q, w);
        else store.audit().exportJson(q, w);
        w.flush();
    }

    void config(Context ctx, Principal p) {
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (ConfigView.Entry e : config.entries()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("key", e.key());
            o.put("type", e.type());
            o.put("value", e.value());
            o.put("default", e.defaultValue());
            o.put("secret", e.secret());
            o.put("changed", e.changed());
            o.put("doc", e.doc());
            out.add(o);
        }
        ctx.json(out);
    }

    private QuarantinedMessage message(long id) {
        return store.quarantine().get(id).orElseThrow(() -> ConsoleError.notFound("No quarantined message " + id + "."));
    }
}
