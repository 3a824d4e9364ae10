package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import java.util.List;

/** Parsers for mail providers', ESPs' and filtering appliances' bounce formats (Gmail, Yahoo, SES...), in trial order. */
public final class ProviderParsers {
    private ProviderParsers() {}

    public static List<BounceParser> all() {
        return List.of();
    }
}
