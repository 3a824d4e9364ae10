package io.scatterguard.mail;

import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.classify.Category;
import io.scatterguard.mail.classify.Classification;
import io.scatterguard.mail.parse.ParsedMessage;
import io.scatterguard.mail.verdict.BackscatterVerdict;
import java.util.Optional;

/**
 * Everything the analyzer found about one message.
 *
 * @param message        the message as read (headers, parts, notes on what was cut)
 * @param classification the category and the evidence behind it
 * @param bounce         the parsed report, when the message is a bounce, delay notice or feedback report
 * @param backscatter    whether it is auto-generated mail that does not answer mail we sent, and why
 */
public record Analysis(ParsedMessage message, Classification classification, Optional<BounceReport> bounce,
        BackscatterVerdict backscatter) {
    public Category category() {
        return classification.category();
    }
}
