package io.scatterguard.mail.bounce;

import io.scatterguard.mail.parse.ParsedMessage;
import java.util.Optional;

/**
 * Reads one bounce format. Implementations are stateless and thread-safe.
 *
 * <p>{@link #appliesTo} is the cheap "is this mine?" test on headers (sender, subject, MTA-specific
 * header fields); {@link #parse} does the real work and may still decline. Parsers fill what the
 * format states (recipient, status, reply code, diagnostic, remote MTA, command, and the reason when
 * the format names it); the {@code ReasonResolver} afterwards derives what is missing, so parsers do not
 * repeat the shared status/reason tables.
 */
public interface BounceParser {
    /** A short stable name, e.g. "Postfix", shown as the report's format. */
    String name();

    /** Cheap test on the message's headers and MIME type; false means {@link #parse} is not tried. */
    boolean appliesTo(ParsedMessage message);

    /** The report, or empty when the message is not in this format after all. */
    Optional<BounceReport> parse(ParsedMessage message);
}
