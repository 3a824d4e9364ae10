package io.scatterguard.mail.parse;

import io.scatterguard.mail.model.Headers;

/**
 * The header block of a message quoted inside a report: a {@code message/rfc822} part or a
 * {@code text/rfc822-headers} part (RFC 6522 §3). Bounce reports use it to tell which original
 * message bounced.
 *
 * @param headers       the quoted message's headers
 * @param source        the MIME type it came from
 * @param messageDepth  1 for a message attached to the outer message, 2 for one nested inside that
 */
public record EmbeddedMessage(Headers headers, String source, int messageDepth) {}
