package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import java.util.List;

/**
 * Parsers for mail providers', ESPs' and filtering appliances' bounce formats (Gmail, Yahoo, SES...),
 * in trial order: each parser's {@code appliesTo} is a cheap header test (From, Subject, a
 * provider-specific X- header), and the more specific formats come before the general ones that
 * share their hints (Google Groups before Gmail, Amazon WorkMail and SES notifications before SES mail).
 */
public final class ProviderParsers {
    private ProviderParsers() {}

    private static final List<BounceParser> ALL = List.of(
            new GoogleGroupsParser(),
            new GmailParser(),
            new YahooParser(),
            new KddiParser(),
            new EzwebParser(),
            new GmxParser(),
            new EinsUndEinsParser());

    public static List<BounceParser> all() {
        return ALL;
    }
}
