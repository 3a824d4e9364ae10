package io.scatterguard.tools.logaudit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The text report and the JSON shape documented in docs/logaudit-json.md. */
class AuditOutputTest {
    @Test
    void jsonHasTheDocumentedShape() throws Exception {
        AuditReport r = Fixtures.audit("postfix/rfc3339-mail.log");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AuditJson.write(r, 10, out);
        JsonNode j = new ObjectMapper().readTree(out.toByteArray());
        List<String> fields = new ArrayList<>();
        j.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("verdict", "exitCode", "summary", "inputs", "period", "mtas", "notifications",
                "refusals", "topRecipientDomains", "topReasons", "approximate", "hourly", "daily", "samples", "advice", "evicted");
        assertThat(j.get("verdict").asText()).isEqualTo("backscatter");
        assertThat(j.get("exitCode").asInt()).isEqualTo(1);
        assertThat(j.at("/notifications/remote").asLong()).isEqualTo(7);
        assertThat(j.at("/notifications/acceptThenBounce").asLong()).isEqualTo(5);
        assertThat(j.at("/notifications/byKind/bounce/remoteAnswer/outside").asLong()).isEqualTo(4);
        assertThat(j.at("/notifications/byKind/bounce/remoteOutcome/bounced").asLong()).isEqualTo(1);
        assertThat(j.at("/refusals/byStage/RCPT").asLong()).isEqualTo(2);
        assertThat(j.at("/inputs/0/recognised/postfix").asLong()).isEqualTo(81);
        assertThat(j.at("/period/first").asText()).isEqualTo("2026-11-20T09:00:01.100Z");
        assertThat(j.at("/topReasons/0/reason").asText()).isEqualTo("userunknown");
        assertThat(j.at("/topReasons/0/decidedBy").asText()).isEqualTo("here");
        assertThat(j.at("/samples/0/causes/0/recipient").asText()).isEqualTo("nosuch@example.com");
        assertThat(j.at("/advice/1/id").asText()).isEqualTo("postfix-local-recipient-maps");
        assertThat(j.get("hourly").size()).isEqualTo(7);
    }

    @Test
    void textSaysTheVerdictToWhomWhyWhenAndWhatToChange() throws Exception {
        AuditReport r = Fixtures.audit("exim/mainlog");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AuditText.write(r, 10, new PrintStream(out, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("Verdict: this server sends backscatter: 3 notice(s) about mail accepted from outside clients")
                .contains("bounces (non-delivery reports)")
                .contains("To whom: top recipient domains")
                .contains("forged.example")
                .contains("Why: what made the original mail fail")
                .contains("Over time: notices to remote addresses per hour")
                .contains("What to change")
                .contains("require verify = recipient");
    }
}
