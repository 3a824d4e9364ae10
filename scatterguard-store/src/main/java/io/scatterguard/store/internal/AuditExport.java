package io.scatterguard.store.internal;

import io.scatterguard.store.AuditEntry;
import io.scatterguard.store.AuditRecord;
import io.scatterguard.store.CheckResult;
import io.scatterguard.store.RefusedRecipient;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** The audit trail's export formats: CSV (RFC 4180) and JSON objects, one row at a time. */
final class AuditExport {
    private static final List<String> COLUMNS = List.of("id", "time", "node", "session", "client_ip", "client_name", "helo",
            "tls", "sender", "recipients", "refused_recipients", "checks", "symbols", "stage", "outcome", "reply_code", "reply",
            "size", "message_id", "category", "backscatter", "quarantine_id");

    private AuditExport() {}

    static void csvHeader(Writer out) throws IOException {
        out.write(String.join(",", COLUMNS));
        out.write("\r\n");
    }

    static void csvRow(Writer out, AuditEntry e) throws IOException {
        AuditRecord r = e.record();
        List<String> cells = List.of(Long.toString(e.id()), r.time().toString(), r.node(), r.sessionId(), r.clientIp(),
                r.clientName(), r.helo(), Boolean.toString(r.tls()), r.sender(), String.join(" ", r.recipients()),
                String.join(" | ", r.refused().stream().map(x -> x.address() + " " + x.reply()).toList()),
                String.join(" ", r.checks().stream().map(c -> c.check() + ":" + c.verdict() + ":" + c.symbol()).toList()),
                String.join(" ", r.symbols()), r.stage(), r.outcome().id(), Integer.toString(r.replyCode()), r.reply(),
                Long.toString(r.size()), r.messageId(), r.category(), Boolean.toString(r.backscatter()),
                r.quarantineId().isPresent() ? Long.toString(r.quarantineId().getAsLong()) : "");
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) out.write(',');
            out.write(csvCell(cells.get(i)));
        }
        out.write("\r\n");
    }

    /**
     * Quotes a cell when needed. A text cell starting with = + - @ (or a tab or CR) would be run as a
     * formula by spreadsheets, and HELO names and addresses are chosen by strangers: it gets a
     * leading {@code '} (OWASP's advice for CSV injection). Numbers such as "-1" are left alone.
     */
    static String csvCell(String s) {
        String v = s;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !v.matches("-?\\d+(\\.\\d+)?")) v = "'" + v;
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0 || v.startsWith(" ")
                || v.endsWith(" ")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    static void json(Writer out, AuditEntry e) throws IOException {
        AuditRecord r = e.record();
        out.write("{\"id\":");
        out.write(Long.toString(e.id()));
        field(out, "time", r.time().toString());
        field(out, "node", r.node());
        field(out, "session", r.sessionId());
        field(out, "clientIp", r.clientIp());
        field(out, "clientName", r.clientName());
        field(out, "helo", r.helo());
        out.write(",\"tls\":" + r.tls());
        field(out, "sender", r.sender());
        out.write(",\"recipients\":[");
        for (int i = 0; i < r.recipients().size(); i++) {
            if (i > 0) out.write(',');
            string(out, r.recipients().get(i));
        }
        out.write("],\"refusedRecipients\":[");
        for (int i = 0; i < r.refused().size(); i++) {
            RefusedRecipient x = r.refused().get(i);
            out.write(i > 0 ? ",{\"recipient\":" : "{\"recipient\":");
            string(out, x.address());
            field(out, "reply", x.reply());
            out.write('}');
        }
        out.write("],\"verdicts\":[");
        for (int i = 0; i < r.checks().size(); i++) {
            CheckResult c = r.checks().get(i);
            out.write(i > 0 ? ",{\"check\":" : "{\"check\":");
            string(out, c.check());
            field(out, "verdict", c.verdict());
            field(out, "symbol", c.symbol());
            out.write('}');
        }
        out.write(']');
        field(out, "stage", r.stage());
        field(out, "outcome", r.outcome().id());
        out.write(",\"replyCode\":" + r.replyCode());
        field(out, "reply", r.reply());
        out.write(",\"size\":" + r.size());
        field(out, "messageId", r.messageId());
        field(out, "category", r.category());
        out.write(",\"backscatter\":" + r.backscatter());
        out.write(",\"quarantineId\":" + (r.quarantineId().isPresent() ? Long.toString(r.quarantineId().getAsLong()) : "null"));
        out.write('}');
    }

    private static void field(Writer out, String name, String value) throws IOException {
        out.write(",\"");
        out.write(name);
        out.write("\":");
        string(out, value);
    }

    /** A JSON string (RFC 8259): quotes, backslashes and control characters escaped; also U+2028/2029 for JavaScript. */
    static void string(Writer out, String s) throws IOException {
        out.write('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.write("\\\"");
                case '\\' -> out.write("\\\\");
                case '\n' -> out.write("\\n");
                case '\r' -> out.write("\\r");
                case '\t' -> out.write("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') out.write(String.format("\\u%04x", (int) c));
                    else out.write(c);
                }
            }
        }
        out.write('"');
    }
}
