package io.scatterguard.gateway.spf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs the openspf RFC 7208 test suite (shared/testsuites/spf) against {@link Rfc7208Evaluator}, with
 * DNS answered from each scenario's zone data by {@link ZoneResolver}. Every case must give one of
 * its allowed results, and where the suite names the explanation of a {@code fail}, that explanation
 * ("DEFAULT" meaning none published, so the gateway's own text is used). No case is exempt.
 */
class Rfc7208SuiteTest {
    private static final Path SUITE = Path.of(System.getProperty("scatterguard.spf-suite",
            "../../shared/testsuites/spf/rfc7208-tests.yml"));

    @Test
    void passesTheRfc7208Suite() throws IOException {
        Path suite = Files.exists(SUITE) ? SUITE : Path.of("../shared/testsuites/spf/rfc7208-tests.yml");
        if (!Files.exists(suite)) {
            System.err.println("\n*** Rfc7208SuiteTest SKIPPED: no suite at " + suite.toAbsolutePath() + " ***\n");
            Assumptions.abort("no RFC 7208 suite");
        }
        int total = 0;
        int explanations = 0;
        List<String> failures = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class)
                .readValues(Files.newBufferedReader(suite))) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                SpfEvaluator spf = new Rfc7208Evaluator(new ZoneResolver(doc.path("zonedata")), "receiver.test",
                        Rfc7208Evaluator.DEFAULT_BUDGET);
                for (Map.Entry<String, JsonNode> t : doc.path("tests").properties()) {
                    JsonNode c = t.getValue();
                    List<String> want = new ArrayList<>();
                    if (c.path("result").isArray()) c.path("result").forEach(r -> want.add(r.asText()));
                    else want.add(c.path("result").asText());
                    total++;
                    SpfEvaluator.Outcome got = spf.evaluate(c.path("host").asText(), c.path("mailfrom").asText(),
                            c.path("helo").asText());
                    String result = got.result().name().toLowerCase(Locale.ROOT);
                    String where = doc.path("description").asText() + " / " + t.getKey() + ": ";
                    if (!want.contains(result)) {
                        failures.add(where + "want " + want + ", got " + result);
                    } else if (result.equals("fail") && c.has("explanation")) {
                        explanations++;
                        String wantExp = c.path("explanation").asText();
                        String gotExp = got.explanation();
                        if (wantExp.equals("DEFAULT") ? !gotExp.isEmpty() : !wantExp.equals(gotExp)) {
                            failures.add(where + "want explanation \"" + wantExp + "\", got \"" + gotExp + "\"");
                        }
                    }
                }
            }
        }
        System.out.println("RFC 7208 suite: " + (total - failures.size()) + "/" + total + " cases pass ("
                + explanations + " explanations checked)");
        failures.forEach(f -> System.out.println("  FAIL " + f));
        assertThat(failures).isEmpty();
        assertThat(total).isGreaterThanOrEqualTo(200);
    }
}
