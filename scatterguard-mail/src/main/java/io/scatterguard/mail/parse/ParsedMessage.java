package io.scatterguard.mail.parse;

import io.scatterguard.mail.model.Headers;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A message as the analyzers see it: the outer headers, the leaf parts, the quoted originals, and
 * one flattened text body.
 *
 * <p>The flattened {@link #body()} follows Sisimai's convention so that format parsers can scan
 * text line by line: for a multipart message every textual part is written as a line
 * {@code Content-Type: type/subtype}, then its decoded text; an attached {@code message/rfc822}
 * is written as {@code Content-Type: message/rfc822}, a blank line, its header lines and its own
 * flattened body. Line endings are always {@code \n}.
 */
public record ParsedMessage(
        Headers headers,
        List<Part> parts,
        List<EmbeddedMessage> embedded,
        String body,
        String envelopeSender,
        long sizeBytes,
        List<String> notes) {

    /** The outer message's lower-cased {@code type/subtype}, "text/plain" when absent. */
    public String mimeType() {
        return MimeTypes.mimeType(headers.get("Content-Type"));
    }

    /** A parameter of the outer Content-Type (e.g. {@code report-type}), lower-cased, or "". */
    public String contentTypeParam(String name) {
        return MimeTypes.param(headers.get("Content-Type"), name).toLowerCase(Locale.ROOT);
    }

    /** The first quoted original, if the report carries one. */
    public Optional<EmbeddedMessage> original() {
        return embedded.isEmpty() ? Optional.empty() : Optional.of(embedded.get(0));
    }

    /** The first part with this MIME type at any depth. */
    public Optional<Part> firstPart(String mimeType) {
        for (Part p : parts) {
            if (p.mimeType().equals(mimeType)) return Optional.of(p);
        }
        return Optional.empty();
    }

    public boolean hasPart(String mimeType) {
        return firstPart(mimeType).isPresent();
    }

    /** The decoded lower-cased subject, handy for the cheap "is this mine?" tests. */
    public String subjectLower() {
        return headers.lower("Subject");
    }
}
