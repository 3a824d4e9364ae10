package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.Optional;

/**
 * GMX and mail.com bounces ({@code MAILER-DAEMON@mail.gmx.com}), recognised by the
 * {@code X-GMX-Antispam} header or the GMX / mail.com MAILER-DAEMON sender; the body is United Internet's Exim-derived text
 * (see {@link UnitedInternetText}).
 */
final class GmxParser implements BounceParser {
    @Override
    public String name() {
        return "GMX";
    }

    @Override
    public boolean appliesTo(ParsedMessage m) {
        ProviderHints h = ProviderHints.of(m);
        if (h.has("x-gmx-antispam")) return true;
        String from = h.from;
        return from.contains("mailer-daemon@") && (from.contains("gmx.") || from.contains("@mail.com"));
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage m) {
        return BounceText.reportAsRead(name(), "", UnitedInternetText.read(m.body()),
                BounceText.quotedOriginal(m.body(), UnitedInternetText.ORIGINAL));
    }
}
