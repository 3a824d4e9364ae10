package io.scatterguard.tools.probe;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;

/** The probe's result as one JSON object, in the shape documented in {@code docs/probe-json.md}. */
public final class ProbeJson {
    private ProbeJson() {}

    public static void write(ProbeResult r, OutputStream out) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("target", r.target().toString());
            g.writeStringField("host", r.target().host());
            g.writeNumberField("port", r.target().port());
            g.writeStringField("verdict", r.verdict().id());
            g.writeNumberField("exitCode", r.verdict().exitCode());
            g.writeStringField("summary", r.verdict().summary());
            g.writeStringField("explanation", r.explanation());
            g.writeStringField("stage", r.stage());
            g.writeStringField("domain", r.domain());
            g.writeBooleanField("domainFromGreeting", r.domainFromGreeting());
            g.writeStringField("sender", r.sender());
            g.writeStringField("probeRecipient", r.probeRecipient());
            reply(g, "probeReply", r.probeReply());
            g.writeStringField("validRecipient", r.validRecipient());
            reply(g, "validReply", r.validReply());
            g.writeObjectFieldStart("tls");
            g.writeBooleanField("used", r.tls() != null);
            if (r.tls() != null) {
                g.writeStringField("protocol", r.tls().protocol());
                g.writeStringField("cipher", r.tls().cipher());
                g.writeStringField("subject", r.tls().subject());
                g.writeStringField("issuer", r.tls().issuer());
            }
            g.writeBooleanField("certificateVerified", false);
            g.writeStringField("note", r.tlsNote());
            g.writeEndObject();
            g.writeBooleanField("dataSent", false);
            g.writeArrayFieldStart("transcript");
            for (Transcript.Line l : r.transcript()) {
                g.writeStartObject();
                g.writeNumberField("ms", l.millis());
                g.writeStringField("dir", switch (l.direction()) {
                    case CLIENT -> "client";
                    case SERVER -> "server";
                    case NOTE -> "note";
                });
                g.writeStringField("text", l.text());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }

    private static void reply(JsonGenerator g, String name, Reply r) throws IOException {
        if (r == null) {
            g.writeNullField(name);
            return;
        }
        g.writeObjectFieldStart(name);
        g.writeNumberField("code", r.code());
        g.writeStringField("enhancedStatus", r.enhancedStatus());
        g.writeArrayFieldStart("lines");
        for (String l : r.lines()) g.writeString(l);
        g.writeEndArray();
        g.writeEndObject();
    }
}
