package io.scatterguard.mail.accuracy;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.mail.MessageAnalyzer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The accuracy promise, checked on the shared labelled corpus when it is present (set its path with
 * {@code -Dscatterguard.corpus=DIR}; the build points at {@code ../shared/corpus}). Targets: dsn
 * recall ≥ 99%, ham false positives ≤ 0.10%, autoreply and feedback-report recall ≥ 90%, status
 * agreement ≥ 95%, reason agreement ≥ 85%, recipient recall ≥ 95%, and every file analysed.
 */
class CorpusAccuracyTest {
    private static CorpusScore score;

    @BeforeAll
    static void scoreCorpus() throws Exception {
        String dir = System.getProperty("scatterguard.corpus", "");
        Path corpus = Path.of(dir.isEmpty() ? "../shared/corpus" : dir);
        if (!Files.isRegularFile(corpus.resolve("labels.jsonl"))) {
            System.err.println("\n*** CorpusAccuracyTest SKIPPED: no labelled corpus at " + corpus.toAbsolutePath()
                    + " (set -Dscatterguard.corpus=DIR) ***\n");
            Assumptions.abort("no corpus at " + corpus);
        }
        score = CorpusScore.run(corpus, new MessageAnalyzer(), Runtime.getRuntime().availableProcessors());
        System.out.println("Corpus accuracy: " + score.summary());
    }

    @Test
    void everyFileIsAnalysed() {
        assertThat(score.failures).isEmpty();
    }

    @Test
    void recognisesBounces() {
        assertThat(score.recall("dsn")).isGreaterThanOrEqualTo(99.0);
    }

    @Test
    void leavesOrdinaryMailAlone() {
        assertThat(score.hamFalsePositiveRate()).as("ham false positives %s", score.hamFalsePositives).isLessThanOrEqualTo(0.10);
    }

    @Test
    void recognisesAutorepliesAndFeedbackReports() {
        assertThat(score.recall("autoreply")).isGreaterThanOrEqualTo(90.0);
        assertThat(score.recall("arf")).isGreaterThanOrEqualTo(90.0);
    }

    @Test
    void agreesOnStatusAndReason() {
        assertThat(CorpusScore.pct(score.statusOk, score.statusTotal)).as("status agreement").isGreaterThanOrEqualTo(95.0);
        assertThat(CorpusScore.pct(score.reasonOk, score.reasonTotal)).as("reason agreement").isGreaterThanOrEqualTo(85.0);
    }

    @Test
    void findsTheFailedRecipients() {
        assertThat(CorpusScore.pct(score.rcptOk, score.rcptTotal)).as("recipient recall").isGreaterThanOrEqualTo(95.0);
    }
}
