package io.scatterguard.gateway.milter;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Rebuilds the raw message from the header fields and body chunks the MTA passes to the milter,
 * within a size limit (smtp.max-message-size): past it the bytes are dropped at once and only the
 * fact is kept, so an oversize message costs no memory. Header values arrive as ISO-8859-1 text
 * (one char per byte) with LF or CRLF between folded lines; the result has CRLF line endings.
 */
final class MessageCollector {
    private final long limit;
    private final boolean keepBody;
    private ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
    private long size;
    private boolean headerEnded;
    private String messageId = "";

    /**
     * @param limit     the largest message kept, in bytes
     * @param keepBody  false to keep only the header (outbound mail needs no more)
     */
    MessageCollector(long limit, boolean keepBody) {
        this.limit = limit;
        this.keepBody = keepBody;
    }

    void header(String name, String value) {
        if (name.equalsIgnoreCase("Message-ID") && messageId.isEmpty()) messageId = value.strip();
        StringBuilder sb = new StringBuilder(name.length() + value.length() + 4).append(name).append(':');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\n' && (i == 0 || value.charAt(i - 1) != '\r')) sb.append('\r');
            sb.append(c);
        }
        append(sb.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    void endOfHeader() {
        if (headerEnded) return;
        headerEnded = true;
        append(new byte[] {'\r', '\n'});
    }

    void body(byte[] chunk) {
        endOfHeader();
        if (keepBody) append(chunk);
    }

    private void append(byte[] b) {
        size += b.length;
        if (size > limit) {
            bytes = null;
            return;
        }
        bytes.writeBytes(b);
    }

    /** Whether the message outgrew the limit. */
    boolean tooBig() {
        return size > limit;
    }

    /** Bytes seen so far (counted even past the limit). */
    long size() {
        return size;
    }

    /** The first Message-ID header's value, stripped ("" when there is none). */
    String messageId() {
        return messageId;
    }

    /** The message as collected; only when not {@link #tooBig()}. */
    byte[] raw() {
        endOfHeader();
        if (bytes == null) throw new IllegalStateException("the message outgrew " + limit + " bytes and was not kept");
        return bytes.toByteArray();
    }
}
