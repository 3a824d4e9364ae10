package io.scatterguard.mail.parse;

import io.scatterguard.mail.model.Headers;

/**
 * One leaf MIME part, in document order.
 *
 * @param mimeType      lower-cased {@code type/subtype}
 * @param headers       the part's own header block
 * @param text          decoded text for textual parts (charset-converted, HTML reduced to text), or null
 * @param messageDepth  0 for parts of the outer message, 1 inside an attached message/rfc822, and so on
 */
public record Part(String mimeType, Headers headers, String text, int messageDepth) {
    public boolean isText() {
        return text != null;
    }
}
