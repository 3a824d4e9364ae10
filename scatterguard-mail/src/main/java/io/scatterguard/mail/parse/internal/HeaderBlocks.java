package io.scatterguard.mail.parse.internal;

import io.scatterguard.mail.model.Headers;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.util.ByteSequence;

/** Header values: unfolding, RFC 2047 decoding, raw 8-bit (RFC 6532) values, and header text blocks. */
public final class HeaderBlocks {
    private HeaderBlocks() {}

    /** The field's value unfolded, with encoded words decoded and raw UTF-8 kept. */
    public static String decodeValue(Field field) {
        String value;
        ByteSequence raw = field.getRaw();
        if (raw != null && hasHighBit(raw)) {
            byte[] bytes = raw.toByteArray();
            String line = TextDecoding.utf8OrLatin(bytes, bytes.length);
            int colon = line.indexOf(':');
            value = colon >= 0 ? line.substring(colon + 1) : field.getBody();
        } else {
            value = field.getBody();
        }
        return decodeText(value);
    }

    /** Unfolds and decodes encoded words (RFC 2047) in one header value. */
    public static String decodeText(String value) {
        String v = unfold(value);
        if (v.indexOf('\t') >= 0) v = v.replace('\t', ' ');
        if (v.indexOf("=?") >= 0) v = DecoderUtil.decodeEncodedWords(v, DecodeMonitor.SILENT);
        return v.strip();
    }

    public static String unfold(String value) {
        if (value.indexOf('\n') < 0 && value.indexOf('\r') < 0) return value;
        StringBuilder sb = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n') {
                if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ' ') sb.append(' ');
                while (i + 1 < value.length() && (value.charAt(i + 1) == ' ' || value.charAt(i + 1) == '\t'
                        || value.charAt(i + 1) == '\r' || value.charAt(i + 1) == '\n')) {
                    i++;
                }
            } else {
                sb.append(c == '\t' ? ' ' : c);
            }
        }
        return sb.toString();
    }

    private static boolean hasHighBit(ByteSequence raw) {
        for (int i = 0; i < raw.length(); i++) {
            if (raw.byteAt(i) < 0) return true;
        }
        return false;
    }

    /**
     * Parses a block of header lines (e.g. a text/rfc822-headers part, or the quoted original in a
     * plain-text bounce) leniently: continuation lines are unfolded, a line that is not a header
     * ends the block unless nothing was found yet.
     */
    public static Headers parse(String text) {
        Headers.Builder b = new Headers.Builder();
        String name = null;
        StringBuilder value = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) {
                if (name != null || b.size() > 0) break;
                continue;
            }
            char c0 = line.charAt(0);
            if ((c0 == ' ' || c0 == '\t') && name != null) {
                value.append(' ').append(line.strip());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0 && isFieldName(line, colon)) {
                if (name != null) b.add(name, decodeText(value.toString()));
                name = line.substring(0, colon).strip();
                value.setLength(0);
                value.append(line.substring(colon + 1));
            } else if (name != null || b.size() > 0) {
                break;
            }
            if (b.size() >= 1000) break;
        }
        if (name != null) b.add(name, decodeText(value.toString()));
        return b.build();
    }

    private static boolean isFieldName(String line, int colon) {
        for (int i = 0; i < colon; i++) {
            char c = line.charAt(i);
            if (c <= ' ' || c > '~') return i == colon - 1 && c == ' ' && i > 0; // "Name :" is tolerated
        }
        return true;
    }
}
