package io.scatterguard.mail.bounce.rfc;

import io.scatterguard.mail.bounce.BounceParser;
import java.util.List;

/**
 * The standards-based parsers, in trial order: RFC 5965 feedback reports first, because their
 * test is exact (report-type or a feedback-report part) and a feedback report must never be read
 * as a delivery failure; then RFC 3464 delivery status notifications, whose test is broader.
 */
public final class StandardParsers {
    private StandardParsers() {}

    private static final List<BounceParser> ALL = List.of(new ArfParser(), new Rfc3464Parser());

    public static List<BounceParser> all() {
        return ALL;
    }
}
