package io.scatterguard.gateway.check;

import java.util.List;

/**
 * The outcome of one stage's chain: the decision to apply, and every verdict that was given on the
 * way (including the ones of checks in warn mode), for logs, metrics and the audit trail.
 *
 * @param decision  {@link Verdict.Continue} when no check objected, else the verdict to apply
 * @param verdicts  every verdict in the order the checks ran
 * @param warnings  the verdicts of warn-mode checks that would have decided in enforce mode
 */
public record ChainResult(Verdict decision, List<Verdict> verdicts, List<Verdict> warnings) {
    public ChainResult {
        verdicts = List.copyOf(verdicts);
        warnings = List.copyOf(warnings);
    }

    /** Whether the transaction may go on (no refusal, no temporary failure, no disconnect). */
    public boolean proceeds() {
        return decision instanceof Verdict.Continue || decision instanceof Verdict.Accept
                || decision instanceof Verdict.Quarantine || decision instanceof Verdict.Discard;
    }
}
