package io.scatterguard.mail.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Keeps the rule table in {@code docs/classification.md} true: it is generated from
 * {@link ClassificationRules#RULES}. Regenerate with
 * {@code ./mvnw -pl scatterguard-mail test -Dtest=RuleReferenceTest -Dscatterguard.regenerate-docs=true}.
 */
class RuleReferenceTest {
    private static final String BEGIN = "<!-- BEGIN GENERATED RULE TABLE -->";
    private static final String END = "<!-- END GENERATED RULE TABLE -->";

    static String table() {
        StringBuilder sb = new StringBuilder("| symbol | category | weight |\n|---|---|---:|\n");
        for (Rule r : ClassificationRules.RULES) {
            sb.append("| `").append(r.symbol()).append("` | ").append(r.category().id()).append(" | ")
                    .append(r.weight()).append(" |\n");
        }
        return sb.toString();
    }

    @Test
    void documentedRuleTableMatchesTheCode() throws IOException {
        Path doc = Path.of("../docs/classification.md");
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        int b = text.indexOf(BEGIN);
        int e = text.indexOf(END);
        assertThat(b).as("generated-table markers in " + doc).isGreaterThanOrEqualTo(0);
        String current = text.substring(b + BEGIN.length(), e).strip();
        String wanted = table().strip();
        if (Boolean.getBoolean("scatterguard.regenerate-docs") && !current.equals(wanted)) {
            Files.writeString(doc, text.substring(0, b + BEGIN.length()) + "\n" + wanted + "\n" + text.substring(e));
            return;
        }
        assertThat(current).as("docs/classification.md is stale: regenerate it (see this test's Javadoc)").isEqualTo(wanted);
    }
}
