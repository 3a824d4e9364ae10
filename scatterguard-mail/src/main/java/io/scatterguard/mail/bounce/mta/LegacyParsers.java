package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import java.util.List;

/**
 * Parsers for old or rare free-text bounce formats (the ones GNU Mailman's bounce detectors know
 * beyond the big MTAs), and the last-resort free-text heuristics.
 */
public final class LegacyParsers {
    private LegacyParsers() {}

    /** Format-specific legacy parsers, tried before the standards parsers. Each has a cheap header test. */
    public static List<BounceParser> all() {
        return List.of(
                new Smtp32Parser(),
                new SinaParser(),
                new LlnlParser(),
                new PhQueryParser(),
                new GroupWiseParser(),
                new NetscapeParser(),
                new YahooClassicParser(),
                new LsmtpParser(),
                new AolScreenNameParser());
    }

    /** Heuristic parsers tried after everything else. */
    public static List<BounceParser> fallbacks() {
        return List.of(new FreeTextBounceParser());
    }
}
