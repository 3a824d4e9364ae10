package io.scatterguard.mail.classify;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Scores per category and the evidence collected while the rules run over one message. */
public final class Scoreboard {
    private final Map<Category, Integer> scores = new EnumMap<>(Category.class);
    private final List<Evidence> evidence = new ArrayList<>();
    private final List<Category> evidenceCategory = new ArrayList<>();
    private final Signals signals;

    Scoreboard(Signals signals) {
        this.signals = signals;
    }

    void add(Category c, int weight, String symbol, String detail) {
        scores.merge(c, weight, Integer::sum);
        evidence.add(new Evidence(symbol, detail));
        evidenceCategory.add(c);
    }

    public int score(Category c) {
        return scores.getOrDefault(c, 0);
    }

    Map<Category, Integer> scores() {
        return scores;
    }

    List<Evidence> evidence() {
        return evidence;
    }

    /** The evidence that counted for {@code c}; for ordinary mail, everything that was seen. */
    List<Evidence> evidenceFor(Category c) {
        if (c == Category.ORDINARY) return evidence;
        List<Evidence> out = new ArrayList<>();
        for (int i = 0; i < evidence.size(); i++) {
            if (evidenceCategory.get(i) == c) out.add(evidence.get(i));
        }
        return out;
    }

    /** Whether the message looks enough like a report for the bounce parsers to be worth running. */
    public boolean bounceCandidate() {
        return score(Category.DSN) >= Classifier.CANDIDATE_SCORE
                || score(Category.FEEDBACK_REPORT) >= Classifier.CANDIDATE_SCORE
                || score(Category.VIRUS_NOTICE) >= Classifier.CANDIDATE_SCORE;
    }
}
