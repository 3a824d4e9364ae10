package io.scatterguard.mail.accuracy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scatterguard.mail.Analysis;
import io.scatterguard.mail.MessageAnalyzer;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Scores the analyzer on a labelled corpus the way {@code shared/tools/corpus-score} does
 * (labels.jsonl: label, expected status/reason per recipient, expected failed recipients).
 */
final class CorpusScore {
    private static final Map<String, String> LABEL_TO_CATEGORY = Map.of(
            "dsn", "dsn", "autoreply", "autoreply", "virus-notice", "virus-notice",
            "challenge-response", "challenge-response", "subscription-confirm", "subscription-confirm",
            "arf", "feedback-report", "ham", "ordinary");

    final Map<String, int[]> perLabel = new HashMap<>(); // label -> {n, hit}
    final List<String> hamFalsePositives = new ArrayList<>();
    final List<String> failures = new ArrayList<>();
    int statusOk, statusTotal, reasonOk, reasonTotal, rcptOk, rcptTotal;

    static CorpusScore run(Path corpus, MessageAnalyzer analyzer, int threads) throws IOException, InterruptedException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> labels = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(corpus.resolve("labels.jsonl"))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) labels.add(json.readTree(line));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Outcome>> results = new ArrayList<>();
        for (JsonNode lab : labels) {
            Path file = corpus.resolve(lab.get("path").asText());
            results.add(pool.submit(() -> Outcome.of(analyzer.analyze(Files.readAllBytes(file)))));
        }
        pool.shutdown();
        CorpusScore score = new CorpusScore();
        for (int i = 0; i < labels.size(); i++) {
            JsonNode lab = labels.get(i);
            try {
                score.add(lab, results.get(i).get());
            } catch (ExecutionException e) {
                score.failures.add(lab.get("path").asText() + ": " + e.getCause());
            }
        }
        return score;
    }

    /** Only what scoring needs, so thousands of pending results stay small. */
    private record Outcome(String category, List<DeliveryStatus> recipients) {
        static Outcome of(Analysis a) {
            return new Outcome(a.category().id(), a.bounce().map(BounceReport::recipients).orElse(List.of()));
        }
    }

    private void add(JsonNode lab, Outcome a) {
        String label = lab.get("label").asText();
        if (label.equals("uncertain") || label.equals("malformed")) return;
        String path = lab.get("path").asText();
        String want = LABEL_TO_CATEGORY.get(label);
        int[] c = perLabel.computeIfAbsent(label, k -> new int[2]);
        c[0]++;
        if (a.category().equals(want)) c[1]++;
        else if (label.equals("ham")) hamFalsePositives.add(path + " -> " + a.category());
        List<DeliveryStatus> got = a.recipients();
        JsonNode exp = lab.path("expect");
        for (JsonNode e : exp.path("recipients_expected")) {
            String st = e.path("status").asText("");
            if (!st.isEmpty() && !e.path("status_is_sisimai_pseudo_code").asBoolean(false) && !st.contains(".0.9")) {
                statusTotal++;
                if (got.stream().anyMatch(d -> d.status().equals(st))) statusOk++;
            }
            String rs = e.path("reason").asText("");
            if (!rs.isEmpty() && !rs.equals("feedback") && !rs.equals("vacation") && !rs.equals("delivered")) {
                reasonTotal++;
                if (got.stream().anyMatch(d -> d.reason().id().equals(rs))) reasonOk++;
            }
        }
        String st = exp.path("status").isTextual() ? exp.path("status").asText() : "";
        if (!st.isEmpty()) {
            statusTotal++;
            if (got.stream().anyMatch(d -> d.status().equals(st))) statusOk++;
        }
        String rs = exp.path("reason").isTextual() ? exp.path("reason").asText() : "";
        if (!rs.isEmpty() && !rs.equals("feedback") && !rs.equals("vacation") && !rs.equals("delivered")) {
            reasonTotal++;
            if (got.stream().anyMatch(d -> d.reason().id().equals(rs))) reasonOk++;
        }
        for (JsonNode addr : exp.path("failed_recipients")) {
            rcptTotal++;
            String w = addr.asText().toLowerCase(Locale.ROOT);
            if (got.stream().anyMatch(d -> d.recipient().toLowerCase(Locale.ROOT).equals(w))) rcptOk++;
        }
    }

    double recall(String label) {
        int[] c = perLabel.get(label);
        return c == null || c[0] == 0 ? Double.NaN : 100.0 * c[1] / c[0];
    }

    double hamFalsePositiveRate() {
        int[] c = perLabel.get("ham");
        return c == null || c[0] == 0 ? Double.NaN : 100.0 * hamFalsePositives.size() / c[0];
    }

    static double pct(int ok, int total) {
        return total == 0 ? Double.NaN : 100.0 * ok / total;
    }

    String summary() {
        return String.format(Locale.ROOT,
                "dsn_recall=%.2f%% autoreply=%.2f%% arf=%.2f%% ham_fp=%.3f%% status=%.2f%% (%d/%d) reason=%.2f%% (%d/%d) rcpt=%.2f%% (%d/%d) failures=%d",
                recall("dsn"), recall("autoreply"), recall("arf"), hamFalsePositiveRate(), pct(statusOk, statusTotal), statusOk,
                statusTotal, pct(reasonOk, reasonTotal), reasonOk, reasonTotal, pct(rcptOk, rcptTotal), rcptOk, rcptTotal,
                failures.size());
    }
}
