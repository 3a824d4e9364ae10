package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import java.util.List;

/** Parsers for the classic MTAs' own bounce formats (Postfix, Sendmail, Exim, qmail, Exchange...), in trial order. */
public final class MtaParsers {
    private MtaParsers() {}

    public static List<BounceParser> all() {
        return List.of();
    }
}
