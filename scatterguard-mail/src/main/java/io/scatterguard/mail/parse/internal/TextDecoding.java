package io.scatterguard.mail.parse.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Bytes to text with the declared charset, and sensible fallbacks for the lies real mail tells:
 * unknown charset names, 8-bit bytes under {@code us-ascii}, raw UTF-8 in headers.
 */
public final class TextDecoding {
    private TextDecoding() {}

    public static String decode(byte[] bytes, int len, String declared) {
        if (len == 0) return "";
        boolean highBit = false;
        for (int i = 0; i < len; i++) {
            if (bytes[i] < 0) {
                highBit = true;
                break;
            }
        }
        if (!highBit) return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
        Charset cs = lookup(declared);
        if (cs == null || cs == StandardCharsets.US_ASCII) {
            return utf8OrLatin(bytes, len);
        }
        if (cs == StandardCharsets.UTF_8) return utf8OrLatin(bytes, len);
        return new String(bytes, 0, len, cs);
    }

    /** UTF-8 when the bytes are valid UTF-8, else windows-1252 (a superset of Latin-1 in practice). */
    public static String utf8OrLatin(byte[] bytes, int len) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, len))
                    .toString();
        } catch (CharacterCodingException e) {
            Charset cp1252 = lookup("windows-1252");
            return new String(bytes, 0, len, cp1252 == null ? StandardCharsets.ISO_8859_1 : cp1252);
        }
    }

    private static Charset lookup(String name) {
        if (name == null || name.isBlank()) return null;
        String n = name.strip().toLowerCase(Locale.ROOT);
        if (n.equals("us-ascii") || n.equals("ascii")) return StandardCharsets.US_ASCII;
        if (n.equals("utf-8") || n.equals("utf8")) return StandardCharsets.UTF_8;
        if (n.equals("ks_c_5601-1987")) n = "x-windows-949";
        if (n.equals("gb2312")) n = "gbk";
        try {
            return Charset.isSupported(n) ? Charset.forName(n) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
