package io.scatterguard.mail.bounce;

import io.scatterguard.mail.bounce.mta.LegacyParsers;
import io.scatterguard.mail.bounce.mta.MtaParsers;
import io.scatterguard.mail.bounce.mta.ProviderParsers;
import io.scatterguard.mail.bounce.rfc.StandardParsers;
import java.util.ArrayList;
import java.util.List;

/**
 * The ordered registry of bounce parsers. Format-specific parsers come first because many MTAs
 * wrap their own text around a standard RFC 3464 part and the specific parser reads both; the
 * standards parsers follow; free-text heuristics are the last resort. Among the format-specific ones,
 * providers with a layout of their own (keyed on the provider's sender or X- headers) precede the
 * classic MTA parsers, whose generic hints would otherwise claim them, and providers that merely send
 * RFC 3464 reports follow the MTA parsers.
 */
public final class BounceParsers {
    private BounceParsers() {}

    public static List<BounceParser> defaults() {
        List<BounceParser> all = new ArrayList<>();
        all.addAll(ProviderParsers.ownFormats());
        all.addAll(MtaParsers.all());
        all.addAll(ProviderParsers.reportFormats());
        all.addAll(LegacyParsers.all());
        all.addAll(StandardParsers.all());
        all.addAll(LegacyParsers.fallbacks());
        return List.copyOf(all);
    }

    /** Names of the heuristic parsers: a report they found is weaker evidence than a known format. */
    public static java.util.Set<String> heuristicFormats() {
        return HEURISTIC;
    }

    private static final java.util.Set<String> HEURISTIC = LegacyParsers.fallbacks().stream()
            .map(BounceParser::name).collect(java.util.stream.Collectors.toUnmodifiableSet());
}
