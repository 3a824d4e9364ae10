package io.scatterguard.app.output;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.scatterguard.mail.Analysis;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.bounce.OriginalMessage;
import io.scatterguard.mail.classify.Evidence;
import io.scatterguard.mail.verdict.JudgeEvidence;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one JSON object per line, in the schema documented in {@code docs/scan-json.md}.
 * Not thread-safe: the scan writes from one thread, in input order.
 */
public final class JsonlWriter implements AutoCloseable {
    private final JsonGenerator gen;

    public JsonlWriter(OutputStream out) throws IOException {
        JsonFactory f = new JsonFactory();
        this.gen = f.createGenerator(out, JsonEncoding.UTF8);
        gen.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
    }

    public void write(ScanResult r) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("path", r.path());
        Analysis a = r.analysis();
        List<String> errors = new ArrayList<>(r.errors());
        List<String> truncated = new ArrayList<>(r.truncated());
        if (a == null) {
            gen.writeStringField("category", "ordinary");
            gen.writeBooleanField("backscatter", false);
            gen.writeArrayFieldStart("evidence");
            gen.writeEndArray();
            gen.writeArrayFieldStart("recipients");
            gen.writeEndArray();
            gen.writeStringField("reportingMta", "");
            gen.writeStringField("format", "");
            writeOriginal(OriginalMessage.NONE);
        } else {
            for (String n : a.message().notes()) {
                if (n.startsWith("mime:")) errors.add(n);
                else truncated.add(n);
            }
            gen.writeStringField("category", a.category().id());
            gen.writeBooleanField("backscatter", a.backscatter().backscatter());
            gen.writeArrayFieldStart("evidence");
            for (Evidence e : a.classification().evidence()) writeEvidence(e.symbol(), e.detail(), null);
            for (JudgeEvidence e : a.backscatter().evidence()) {
                writeEvidence(e.symbol().name(), e.detail(), e.strength().name().toLowerCase(java.util.Locale.ROOT));
            }
            gen.writeEndArray();
            BounceReport rep = a.bounce().orElse(null);
            gen.writeArrayFieldStart("recipients");
            if (rep != null) for (DeliveryStatus d : rep.recipients()) writeRecipient(d);
            gen.writeEndArray();
            gen.writeStringField("reportingMta", rep == null ? "" : rep.reportingMta());
            gen.writeStringField("format", rep == null ? "" : rep.format());
            writeOriginal(rep == null ? io.scatterguard.mail.bounce.BounceAnalyzer.originalOf(a.message()) : rep.original());
        }
        gen.writeArrayFieldStart("errors");
        for (String e : errors) gen.writeString(e);
        gen.writeEndArray();
        gen.writeArrayFieldStart("truncated");
        for (String t : truncated) gen.writeString(t);
        gen.writeEndArray();
        gen.writeEndObject();
        gen.writeRaw('\n');
        gen.flush();
    }

    private void writeEvidence(String symbol, String detail, String strength) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("symbol", symbol);
        gen.writeStringField("detail", detail);
        if (strength != null) gen.writeStringField("strength", strength);
        gen.writeEndObject();
    }

    private void writeRecipient(DeliveryStatus d) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("recipient", d.recipient());
        gen.writeStringField("action", d.action());
        gen.writeStringField("status", d.status());
        gen.writeStringField("replyCode", d.replyCode());
        gen.writeStringField("reason", d.reason().id());
        gen.writeBooleanField("hardBounce", d.hardBounce());
        gen.writeStringField("diagnostic", d.diagnostic());
        gen.writeStringField("remoteMta", d.remoteMta());
        gen.writeStringField("command", d.command());
        if (!d.feedbackType().isEmpty()) gen.writeStringField("feedbackType", d.feedbackType());
        gen.writeEndObject();
    }

    private void writeOriginal(OriginalMessage o) throws IOException {
        gen.writeObjectFieldStart("original");
        gen.writeStringField("messageId", o.messageId());
        gen.writeStringField("from", o.from());
        gen.writeStringField("to", o.to());
        gen.writeStringField("subject", o.subject());
        gen.writeStringField("date", o.date());
        gen.writeStringField("returnPath", o.returnPath());
        gen.writeArrayFieldStart("received");
        for (String r : o.received()) gen.writeString(r);
        gen.writeEndArray();
        gen.writeEndObject();
    }

    @Override
    public void close() throws IOException {
        gen.close();
    }
}
