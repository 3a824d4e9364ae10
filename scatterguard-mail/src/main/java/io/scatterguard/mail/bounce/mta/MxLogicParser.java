package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.Optional;

/**
 * McAfee SaaS Email Protection (formerly MX Logic) bounces: Exim text (see {@link EximStyleText}) with
 * the reply on the address line ({@code   <addr>: 550 5.1.1 ...}) and "Included is a copy of the message
 * header:" before the quoted headers, marked by the {@code X-MX-Bounce} / {@code X-MXL-NoteHash} headers
 * or a {@code MAILER-DAEMON@...mxl...} sender.
 */
final class MxLogicParser implements BounceParser {
    @Override
    public String name() {
        return "MXLogic";
    }

    @Override
    public boolean appliesTo(ParsedMessage m) {
        ProviderHints h = ProviderHints.of(m);
        if (h.has("x-mx-bounce") || h.has("x-mxl-notehash") || h.has("x-mxl-hash")) return true;
        String from = h.from;
        return from.contains("mailer-daemon@") && from.contains(".mxl");
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage m) {
        String body = m.body();
        return BounceText.reportAsRead(name(), "", EximStyleText.read(body),
                BounceText.quotedOriginal(body, "-----------------------------------------", EximStyleText.ORIGINAL[1]));
    }
}
