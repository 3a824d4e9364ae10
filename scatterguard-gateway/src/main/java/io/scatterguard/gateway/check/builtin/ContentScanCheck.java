package io.scatterguard.gateway.check.builtin;

import io.scatterguard.gateway.check.Check;
import io.scatterguard.gateway.check.Contexts;
import io.scatterguard.gateway.check.Verdict;
import io.scatterguard.gateway.scan.ClamdClient;
import io.scatterguard.gateway.scan.SpamdClient;
import io.scatterguard.mail.model.Reply;
import java.io.IOException;
import java.util.Optional;

/**
 * END OF DATA content scanners over their real protocols. A virus or spam is refused before the
 * final 250 (so nobody sends a virus notice or a bounce to a forged sender); a scanner that is down
 * or fails throws, and the chain answers 451 — unscanned mail is never accepted.
 */
public final class ContentScanCheck {
    private ContentScanCheck() {}

    /** clamd: a virus is refused with 554 5.7.1 and the signature's name. */
    public static Check<Contexts.Message> clamd(ClamdClient clamd) {
        return new Check<>() {
            @Override
            public String name() {
                return "clamd";
            }

            @Override
            public Verdict evaluate(Contexts.Message c) throws IOException {
                Optional<String> virus = clamd.scan(c.raw());
                return virus.<Verdict>map(v -> new Verdict.Reject(name(), "VIRUS_FOUND",
                        Reply.of(554, "5.7.1", "Virus found (" + v.replaceAll("[^\\x20-\\x7e]", "?") + "); message refused")))
                        .orElseGet(() -> new Verdict.Continue(name(), "CLAMD_CLEAN"));
            }
        };
    }

    /** spamd: spam is refused with 550 5.7.1, or quarantined when configured so. */
    public static Check<Contexts.Message> spamd(SpamdClient spamd, boolean quarantine) {
        return new Check<>() {
            @Override
            public String name() {
                return "spamd";
            }

            @Override
            public Verdict evaluate(Contexts.Message c) throws IOException {
                SpamdClient.Result r = spamd.check(c.raw());
                if (!r.spam()) return new Verdict.Continue(name(), "SPAMD_HAM");
                String why = String.format(java.util.Locale.ROOT, "spam score %.1f of %.1f", r.score(), r.threshold());
                return quarantine ? new Verdict.Quarantine(name(), "SPAMD_SPAM", why)
                        : new Verdict.Reject(name(), "SPAMD_SPAM", Reply.of(550, "5.7.1", "Message refused as spam (" + why + ")"));
            }
        };
    }
}
