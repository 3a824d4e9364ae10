package io.scatterguard.console.internal;

import io.scatterguard.mail.model.Headers;
import io.scatterguard.store.AuditEntry;
import io.scatterguard.store.AuditRecord;
import io.scatterguard.store.CheckResult;
import io.scatterguard.store.MessageView;
import io.scatterguard.store.Outcome;
import io.scatterguard.store.Page;
import io.scatterguard.store.QuarantineState;
import io.scatterguard.store.QuarantinedMessage;
import io.scatterguard.store.RefusedRecipient;
import io.scatterguard.store.StoreStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The API's JSON shapes (documented in {@code docs/api/openapi.yaml}): plain maps and lists in a
 * fixed key order, times as ISO-8601 UTC strings, absent values as null, enum values in lower case.
 */
final class Json {
    private Json() {}

    static Map<String, Object> quarantined(QuarantinedMessage m) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", m.id());
        o.put("state", m.state().name().toLowerCase(Locale.ROOT));
        o.put("receivedAt", iso(m.receivedAt()));
        o.put("expiresAt", iso(m.expiresAt()));
        o.put("node", m.node());
        o.put("sessionId", m.sessionId());
        o.put("clientIp", m.clientIp());
        o.put("clientName", m.clientName());
        o.put("helo", m.helo());
        o.put("tls", m.tls());
        o.put("sender", m.sender());
        o.put("recipients", m.recipients());
        o.put("category", m.category());
        o.put("check", m.check());
        o.put("symbol", m.symbol());
        o.put("symbols", m.symbols());
        o.put("reason", m.reason());
        o.put("subject", m.subject());
        o.put("messageId", m.messageId());
        o.put("size", m.size());
        o.put("releasedAt", m.releasedAt().map(Json::iso).orElse(null));
        o.put("releasedBy", m.releasedBy().orElse(null));
        o.put("releasedTo", m.releasedTo().orElse(null));
        o.put("releaseError", m.releaseError().orElse(null));
        o.put("deletedAt", m.deletedAt().map(Json::iso).orElse(null));
        o.put("deletedBy", m.deletedBy().orElse(null));
        return o;
    }

    static Map<String, Object> view(MessageView v) {
        Map<String, Object> o = new LinkedHashMap<>();
        List<Map<String, String>> headers = new ArrayList<>();
        for (Headers.Field f : v.headers()) {
            Map<String, String> h = new LinkedHashMap<>();
            h.put("name", f.name());
            h.put("value", f.value());
            headers.add(h);
        }
        o.put("headers", headers);
        o.put("text", v.text());
        o.put("attachments", v.attachments());
        o.put("truncated", v.truncated());
        o.put("notes", v.notes());
        return o;
    }

    static Map<String, Object> audit(AuditEntry e) {
        AuditRecord r = e.record();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", e.id());
        o.put("time", iso(r.time()));
        o.put("node", r.node());
        o.put("sessionId", r.sessionId());
        o.put("clientIp", r.clientIp());
        o.put("clientName", r.clientName());
        o.put("helo", r.helo());
        o.put("tls", r.tls());
        o.put("sender", r.sender());
        o.put("recipients", r.recipients());
        List<Map<String, String>> refused = new ArrayList<>();
        for (RefusedRecipient x : r.refused()) refused.add(Map.of("address", x.address(), "reply", x.reply()));
        o.put("refused", refused);
        List<Map<String, String>> checks = new ArrayList<>();
        for (CheckResult c : r.checks()) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("check", c.check());
            m.put("verdict", c.verdict());
            m.put("symbol", c.symbol());
            checks.add(m);
        }
        o.put("checks", checks);
        o.put("stage", r.stage());
        o.put("outcome", r.outcome().id());
        o.put("replyCode", r.replyCode());
        o.put("reply", r.reply());
        o.put("size", r.size());
        o.put("messageId", r.messageId());
        o.put("category", r.category());
        o.put("backscatter", r.backscatter());
        o.put("quarantineId", r.quarantineId().isPresent() ? r.quarantineId().getAsLong() : null);
        return o;
    }

    static <T> Map<String, Object> page(Page<T> page, Function<T, Map<String, Object>> item) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("items", page.items().stream().map(item).toList());
        o.put("next", page.next().orElse(null));
        return o;
    }

    static Map<String, Object> stats(Params.Range range, Instant from, Instant to, StoreStats stats,
            Map<QuarantineState, Long> quarantine, int top) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("range", range.id);
        o.put("from", iso(from));
        o.put("to", iso(to));
        o.put("bucketSeconds", range.bucket.toSeconds());
        List<Map<String, Object>> buckets = new ArrayList<>();
        for (StoreStats.OutcomeBucket b : stats.outcomesOverTime(from, to, range.bucket)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("start", iso(b.start()));
            for (Outcome x : Outcome.values()) m.put(x.id(), b.count(x));
            buckets.add(m);
        }
        o.put("outcomes", buckets);
        o.put("backscatterRefusedByCategory", new java.util.TreeMap<>(stats.backscatterRefusedByCategory(from, to)));
        o.put("topBackscatterSources", ranked(stats.topBackscatterSources(from, to, top), "address", "helo"));
        o.put("topForgedSenders", ranked(stats.topForgedSenders(from, to, top), "address", null));
        Map<String, Long> q = new LinkedHashMap<>();
        for (QuarantineState s : QuarantineState.values()) q.put(s.name().toLowerCase(Locale.ROOT), quarantine.getOrDefault(s, 0L));
        o.put("quarantine", q);
        return o;
    }

    private static List<Map<String, Object>> ranked(List<StoreStats.Ranked> list, String key, String detail) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (StoreStats.Ranked r : list) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(key, r.key());
            if (detail != null) m.put(detail, r.detail());
            m.put("count", r.count());
            out.add(m);
        }
        return out;
    }

    static String iso(Instant t) {
        return t == null ? null : t.toString();
    }

    static String iso(Optional<Instant> t) {
        return t.map(Instant::toString).orElse(null);
    }
}
