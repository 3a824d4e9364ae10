package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.Optional;

/**
 * 1&amp;1 / IONOS bounces ("Mail Delivery System" at {@code mailer-daemon@kundenserver.de}, subject
 * "Mail delivery failed: returning message to sender"), which carry United Internet's
 * {@code X-UI-Out-Filterresults} header and its Exim-derived text (see {@link UnitedInternetText}),
 * e.g. "For the following reason: Mail size limit exceeded." or "SMTP error from remote server for
 * TEXT command, host: ... reason: 550 ...".
 */
final class EinsUndEinsParser implements BounceParser {
    @Override
    public String name() {
        return "EinsUndEins";
    }

    @Override
    public boolean appliesTo(ParsedMessage m) {
        if (m.headers().has("X-GMX-Antispam")) return false;
        String from = ProviderText.from(m);
        return from.contains("mailer-daemon@") && (m.headers().has("X-UI-Out-Filterresults")
                || from.contains("kundenserver") || from.contains("1and1") || from.contains("1und1"));
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage m) {
        return ProviderText.report(name(), "", UnitedInternetText.read(m.body()),
                ProviderText.quotedOriginal(m.body(), UnitedInternetText.ORIGINAL));
    }
}
