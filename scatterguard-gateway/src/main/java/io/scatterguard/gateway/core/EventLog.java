package io.scatterguard.gateway.core;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.scatterguard.gateway.check.Verdict;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** Writes each {@link TransactionEvent} as one JSON line (structured, grep- and jq-friendly). */
public final class EventLog {
    private final OutputStream out;
    private final JsonFactory json = new JsonFactory();

    public EventLog(OutputStream out) {
        this.out = out;
    }

    public synchronized void write(TransactionEvent e) {
        try {
            JsonGenerator g = json.createGenerator(out, JsonEncoding.UTF8);
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            g.writeStartObject();
            g.writeStringField("time", e.time().toString());
            g.writeStringField("session", e.session());
            g.writeStringField("client", e.clientAddress());
            g.writeStringField("helo", e.helo());
            g.writeBooleanField("tls", e.tls());
            g.writeStringField("sender", e.sender());
            g.writeArrayFieldStart("recipients");
            for (String r : e.recipients()) g.writeString(r);
            g.writeEndArray();
            g.writeArrayFieldStart("refusedRecipients");
            for (TransactionEvent.RecipientDecision d : e.refusedRecipients()) {
                g.writeStartObject();
                g.writeStringField("recipient", d.recipient());
                g.writeStringField("reply", d.reply());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("category", e.category());
            g.writeBooleanField("backscatter", e.backscatter());
            g.writeArrayFieldStart("verdicts");
            for (Verdict v : e.verdicts()) {
                g.writeStartObject();
                g.writeStringField("check", v.check());
                g.writeStringField("verdict", v.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT));
                g.writeStringField("symbol", v.symbol());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("stage", e.stage());
            g.writeStringField("reply", e.reply());
            g.writeNumberField("size", e.size());
            g.writeStringField("messageId", e.messageId());
            g.writeEndObject();
            g.writeRaw('\n');
            g.flush();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Writes an outbound-guard alert as one JSON line with {@code "type":"alert"}. */
    public synchronized void write(io.scatterguard.gateway.outbound.GuardEvent e) {
        try {
            JsonGenerator g = json.createGenerator(out, JsonEncoding.UTF8);
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            g.writeStartObject();
            g.writeStringField("type", "alert");
            e.writeFields(g);
            g.writeEndObject();
            g.writeRaw('\n');
            g.flush();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
