package io.scatterguard.mail.classify;

import io.scatterguard.mail.bounce.BounceParsers;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.Reason;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Files each message under exactly one {@link Category}, rspamd style: the rules in
 * {@link ClassificationRules} add weighted, named evidence per category; the highest score at or
 * above {@link #DECISION_SCORE} wins, else the message is {@code ordinary}.
 *
 * <p>Two steps so the expensive bounce parsers run only on likely reports: {@link #score} runs
 * the cheap rules; the caller parses bounces when {@link Scoreboard#bounceCandidate()} says so;
 * {@link #decide} adds what the parse showed and picks the category.
 */
public final class Classifier {
    static final int DECISION_SCORE = 6;
    static final int CANDIDATE_SCORE = 3;

    /** Ties are broken in this order: the more specific kind of report wins. */
    private static final List<Category> PRIORITY = List.of(Category.FEEDBACK_REPORT, Category.READ_RECEIPT,
            Category.CHALLENGE_RESPONSE, Category.VIRUS_NOTICE, Category.SUBSCRIPTION_CONFIRM, Category.AUTOREPLY,
            Category.DSN);

    public Scoreboard score(Signals signals) {
        Scoreboard board = new Scoreboard(signals);
        for (Rule rule : ClassificationRules.RULES) {
            String detail = rule.test().apply(signals);
            if (detail != null) board.add(rule.category(), rule.weight(), rule.symbol(), detail);
        }
        return board;
    }

    public Classification decide(Scoreboard board, Optional<BounceReport> report) {
        report.ifPresent(r -> addReportEvidence(board, r));
        Category best = Category.ORDINARY;
        int bestScore = DECISION_SCORE - 1;
        for (Category c : PRIORITY) {
            int sc = board.score(c);
            if (sc > bestScore) {
                best = c;
                bestScore = sc;
            }
        }
        Map<Category, Integer> scores = new EnumMap<>(Category.class);
        scores.putAll(board.scores());
        return new Classification(best, new ArrayList<>(board.evidenceFor(best)), scores);
    }

    /** Convenience for callers that do not parse bounces. */
    public Classification classify(Signals signals) {
        return decide(score(signals), Optional.empty());
    }

    private static void addReportEvidence(Scoreboard board, BounceReport r) {
        boolean feedback = r.recipients().stream().allMatch(d -> d.reason() == Reason.FEEDBACK);
        if (feedback) {
            board.add(Category.FEEDBACK_REPORT, 8, "ARF_PARSED", "feedback report read by " + r.format());
            return;
        }
        boolean vacation = r.recipients().stream().allMatch(d -> d.reason() == Reason.VACATION);
        if (vacation) {
            board.add(Category.AUTOREPLY, 4, "VACATION_PARSED", "autoreply recognised by " + r.format());
            return;
        }
        if (BounceParsers.heuristicFormats().contains(r.format())) {
            board.add(Category.DSN, 2, "BOUNCE_TEXT_FOUND", r.recipients().size() + " failed recipient(s) found in free text");
        } else {
            board.add(Category.DSN, 4, "BOUNCE_PARSED", r.recipients().size() + " recipient(s) read by " + r.format());
        }
    }
}
