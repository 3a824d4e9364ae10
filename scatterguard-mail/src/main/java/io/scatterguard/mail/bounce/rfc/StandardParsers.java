package io.scatterguard.mail.bounce.rfc;

import io.scatterguard.mail.bounce.BounceParser;
import java.util.List;

/** The standards-based parsers (RFC 3464 delivery status, RFC 5965 feedback reports), in trial order. */
public final class StandardParsers {
    private StandardParsers() {}

    public static List<BounceParser> all() {
        return List.of();
    }
}
