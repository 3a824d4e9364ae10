package io.scatterguard.mail.verdict;

import java.util.List;
import java.util.Optional;

/**
 * The judge's answer for one message.
 *
 * @param backscatter true when the message is auto-generated and does not answer mail we sent
 * @param evidence    what was found; the first item is the one that decided
 */
public record BackscatterVerdict(boolean backscatter, List<JudgeEvidence> evidence) {
    public BackscatterVerdict {
        evidence = List.copyOf(evidence);
        if (evidence.isEmpty()) throw new IllegalArgumentException("a verdict needs at least the deciding evidence");
    }

    /** The finding that decided the verdict. */
    public JudgeEvidence decidedBy() {
        return evidence.get(0);
    }

    public boolean has(JudgeSymbol symbol) {
        return find(symbol).isPresent();
    }

    public Optional<JudgeEvidence> find(JudgeSymbol symbol) {
        for (JudgeEvidence e : evidence) {
            if (e.symbol() == symbol) return Optional.of(e);
        }
        return Optional.empty();
    }
}
