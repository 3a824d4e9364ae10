package io.scatterguard.mail.parse;

import java.time.Duration;

/**
 * Caps that keep reading bounded whatever the input. Anything cut is reported in
 * {@link ParsedMessage#notes()}; the message is still analysed on what was kept.
 *
 * @param maxInputBytes     bytes read from the source at most; the rest is skipped unread
 * @param maxPartText       characters kept from one textual part
 * @param maxBodyText       characters kept in the flattened body all parts together
 * @param maxMessageDepth   nesting of message/rfc822 inside message/rfc822 that is still analysed
 * @param maxParts          leaf parts recorded at most
 * @param maxHeaderFields   header fields kept per header block
 * @param timeLimit         wall-clock budget for reading one message
 */
public record ReadLimits(
        long maxInputBytes,
        int maxPartText,
        int maxBodyText,
        int maxMessageDepth,
        int maxParts,
        int maxHeaderFields,
        Duration timeLimit) {

    /** Defaults sized for bounce analysis: reports are small, their attachments need not be read whole. */
    public static ReadLimits defaults() {
        return new ReadLimits(64L << 20, 256 << 10, 1 << 20, 8, 500, 1000, Duration.ofSeconds(10));
    }
}
