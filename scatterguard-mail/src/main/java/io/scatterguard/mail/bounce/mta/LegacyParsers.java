package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import java.util.List;

/** Parsers for old or rare free-text bounce formats, and the last-resort free-text heuristics. */
public final class LegacyParsers {
    private LegacyParsers() {}

    /** Format-specific legacy parsers, tried before the standards parsers. */
    public static List<BounceParser> all() {
        return List.of();
    }

    /** Heuristic parsers tried after everything else. */
    public static List<BounceParser> fallbacks() {
        return List.of(new FreeTextBounceParser());
    }
}
