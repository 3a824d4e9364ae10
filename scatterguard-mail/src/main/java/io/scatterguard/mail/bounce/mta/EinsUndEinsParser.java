package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.Optional;

/**
 * 1&amp;1 / IONOS bounces ("Mail Delivery System" at {@code mailer-daemon@kundenserver.de}, subject
 * "Mail delivery failed: returning message to sender"), which carry United Internet's
 * {@code X-UI-Out-Filterresults} header and its Exim-derived text (see {@link UnitedInternetText});
 * from another sender host the text must end in United Internet's "--- The header of the original
 * message is following. ---" line, since Exim itself uses the same subject,
 * e.g. "For the following reason: Mail size limit exceeded." or "SMTP error from remote server for
 * TEXT command, host: ... reason: 550 ...".
 */
final class EinsUndEinsParser implements BounceParser {
    @Override
    public String name() {
        return "EinsUndEins";
    }

    private static final String SUBJECT = "mail delivery failed: returning message to sender";

    @Override
    public boolean appliesTo(ParsedMessage m) {
        ProviderHints h = ProviderHints.of(m);
        if (h.has("x-gmx-antispam")) return false;
        String from = h.from;
        if (!from.contains("mailer-daemon@") && !from.startsWith("\"mail delivery system\"")) return false;
        return strongHint(h) || h.subject.equals(SUBJECT);
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage m) {
        // On the subject alone (Exim uses it too) the United Internet layout must be there.
        if (!strongHint(ProviderHints.of(m)) && !m.body().contains(UnitedInternetText.ORIGINAL)) return Optional.empty();
        return BounceText.reportAsRead(name(), "", UnitedInternetText.read(m.body()),
                BounceText.quotedOriginal(m.body(), UnitedInternetText.ORIGINAL));
    }

    private static boolean strongHint(ProviderHints h) {
        String from = h.from;
        return h.has("x-ui-out-filterresults") || from.contains("kundenserver") || from.contains("1and1")
                || from.contains("1und1") || from.contains("ionos");
    }
}
