package io.scatterguard.mail.classify;

import java.util.List;
import java.util.Map;

/**
 * The classifier's answer: one category, the evidence that counted for it (for ordinary mail: all
 * signals seen, none strong enough), and the score
 * each category reached, so a reader can see why.
 */
public record Classification(Category category, List<Evidence> evidence, Map<Category, Integer> scores) {
    public Classification {
        evidence = List.copyOf(evidence);
        scores = Map.copyOf(scores);
    }

    public boolean hasSymbol(String symbol) {
        for (Evidence e : evidence) {
            if (e.symbol().equals(symbol)) return true;
        }
        return false;
    }
}
