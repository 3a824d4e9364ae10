package io.scatterguard.gateway.core;

import io.scatterguard.gateway.smtp.Session;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The trace a final delivery adds (RFC 5321 §4.4): {@code Return-Path} with the envelope sender and
 * a {@code Received} line naming the client as it introduced itself and as the connection showed
 * it. In proxy mode the backend writes its own, from XFORWARD, so the gateway adds nothing there.
 */
final class TraceHeaders {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private TraceHeaders() {}

    static byte[] prepend(Session s, String hostName, byte[] message) {
        String ip = s.client().getAddress().getHostAddress();
        String with = (s.smtpUtf8() ? "UTF8SMTP" : s.extended() ? "ESMTP" : "SMTP") + (s.tls() ? "S" : "");
        String rcpt = s.recipients().size() == 1 ? "\r\n\tfor <" + clean(s.recipients().get(0)) + ">" : "";
        String trace = "Return-Path: <" + clean(s.sender()) + ">\r\n"
                + "Received: from " + clean(s.heloName().isEmpty() ? "unknown" : s.heloName()) + " ([" + ip + "])\r\n"
                + "\tby " + hostName + " (Scatterguard) with " + with + " id " + s.id() + rcpt + ";\r\n"
                + "\t" + DATE.format(ZonedDateTime.now()) + "\r\n";
        byte[] head = trace.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + message.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(message, 0, out, head.length, message.length);
        return out;
    }

    /** Client-chosen text must not break the header: no line breaks, no control characters. */
    private static String clean(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return sb.toString();
    }
}
