package io.scatterguard.tools.logaudit;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/** The log audit's report as one JSON object, in the shape documented in {@code docs/logaudit-json.md}. */
public final class AuditJson {
    private AuditJson() {}

    public static void write(AuditReport r, int top, OutputStream out) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            Verdict v = r.verdict();
            g.writeStringField("verdict", v.id());
            g.writeNumberField("exitCode", v.exitCode());
            g.writeStringField("summary", v.summary());
            inputs(r, g);
            g.writeObjectFieldStart("period");
            g.writeStringField("first", r.first() == null ? null : r.first().toString());
            g.writeStringField("last", r.last() == null ? null : r.last().toString());
            g.writeStringField("zone", r.zone().getId());
            g.writeEndObject();
            g.writeArrayFieldStart("mtas");
            for (Mta m : r.mtas()) g.writeString(m.id());
            g.writeEndArray();
            notifications(r, g);
            refusals(r, g);
            g.writeArrayFieldStart("topRecipientDomains");
            for (AuditReport.DomainCount d : r.topDomains(top)) {
                g.writeStartObject();
                g.writeStringField("domain", d.domain());
                g.writeNumberField("count", d.count());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("topReasons");
            for (AuditReport.ReasonCount c : r.topReasons(top)) {
                g.writeStartObject();
                g.writeStringField("reason", c.reason().id());
                g.writeStringField("decidedBy", c.nextHop() ? "next-hop" : "here");
                g.writeStringField("agent", c.agent());
                g.writeStringField("status", c.status());
                g.writeStringField("text", c.text());
                g.writeNumberField("count", c.count());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeBooleanField("approximate", r.domainsApproximate() || r.reasonsApproximate());
            buckets(g, "hourly", r.hourly());
            buckets(g, "daily", r.daily());
            samples(r, g);
            g.writeArrayFieldStart("advice");
            for (AdviceItem a : r.advice()) {
                g.writeStartObject();
                g.writeStringField("id", a.id());
                g.writeStringField("title", a.title());
                g.writeStringField("text", a.text());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberField("evicted", r.evicted());
            g.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }

    private static void inputs(AuditReport r, JsonGenerator g) throws IOException {
        g.writeArrayFieldStart("inputs");
        for (AuditReport.InputSummary i : r.inputs()) {
            g.writeStartObject();
            g.writeStringField("name", i.name());
            g.writeNumberField("lines", i.lines());
            g.writeNumberField("bytes", i.bytes());
            g.writeObjectFieldStart("recognised");
            for (Map.Entry<Mta, Long> e : i.recognised().entrySet()) g.writeNumberField(e.getKey().id(), e.getValue());
            g.writeEndObject();
            g.writeNumberField("unrecognised", i.unrecognised());
            g.writeNumberField("cutLines", i.cutLines());
            g.writeStringField("problem", i.problem());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void notifications(AuditReport r, JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("notifications");
        g.writeNumberField("remote", r.remoteTotal());
        g.writeNumberField("acceptThenBounce", r.acceptThenBounce());
        g.writeObjectFieldStart("byKind");
        for (NotificationKind k : NotificationKind.values()) {
            AuditReport.KindCount c = r.kind(k);
            g.writeObjectFieldStart(k.id());
            g.writeNumberField("total", c.total());
            g.writeNumberField("remote", c.remote());
            g.writeNumberField("local", c.local());
            g.writeNumberField("elsewhere", c.elsewhere());
            g.writeNumberField("acceptThenBounce", c.acceptThenBounce());
            g.writeObjectFieldStart("remoteAnswer");
            for (Map.Entry<OriginalSource, Long> e : c.remoteSources().entrySet()) g.writeNumberField(e.getKey().id(), e.getValue());
            g.writeEndObject();
            g.writeObjectFieldStart("remoteOutcome");
            for (Map.Entry<Outcome, Long> e : c.remoteOutcomes().entrySet()) g.writeNumberField(e.getKey().id(), e.getValue());
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeObjectFieldStart("autoresponderDeliveries");
        g.writeNumberField("total", r.autoresponderDeliveries());
        g.writeArrayFieldStart("via");
        for (TopCounter.Entry e : r.autoresponders(10)) {
            g.writeStartObject();
            g.writeStringField("name", e.key());
            g.writeNumberField("count", e.count());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void refusals(AuditReport r, JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("refusals");
        g.writeNumberField("total", r.refusals());
        g.writeNumberField("unknownRecipients", r.unknownUserRefusals());
        g.writeObjectFieldStart("byStage");
        for (Map.Entry<String, Long> e : r.refusalsByStage().entrySet()) g.writeNumberField(e.getKey(), e.getValue());
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void buckets(JsonGenerator g, String name, List<AuditReport.Bucket> buckets) throws IOException {
        g.writeArrayFieldStart(name);
        for (AuditReport.Bucket b : buckets) {
            g.writeStartObject();
            g.writeStringField("start", b.start().toString());
            g.writeNumberField("total", b.total());
            g.writeObjectFieldStart("byKind");
            for (Map.Entry<NotificationKind, Long> e : b.counts().entrySet()) g.writeNumberField(e.getKey().id(), e.getValue());
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void samples(AuditReport r, JsonGenerator g) throws IOException {
        g.writeArrayFieldStart("samples");
        for (NotificationKind k : NotificationKind.values()) {
            for (Notification n : r.samples(k)) {
                g.writeStartObject();
                g.writeStringField("mta", n.mta().id());
                g.writeStringField("kind", n.kind().id());
                g.writeStringField("time", n.time().toString());
                g.writeStringField("queueId", n.queueId());
                g.writeStringField("recipient", n.recipient());
                g.writeStringField("destination", n.destination().id());
                g.writeStringField("outcome", n.outcome().id());
                g.writeStringField("deliveryText", n.deliveryText());
                g.writeStringField("originalQueueId", n.originalQueueId());
                g.writeStringField("originalClient", n.originalClient());
                g.writeStringField("original", n.original().id());
                g.writeBooleanField("acceptThenBounce", n.acceptThenBounce());
                g.writeArrayFieldStart("causes");
                for (Failure f : n.causes()) {
                    g.writeStartObject();
                    g.writeStringField("recipient", f.recipient());
                    g.writeStringField("status", f.status());
                    g.writeStringField("text", f.text());
                    g.writeStringField("agent", f.agent());
                    g.writeBooleanField("nextHop", f.remote());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
        }
        g.writeEndArray();
    }
}
