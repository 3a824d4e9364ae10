package io.scatterguard.mail.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuotedLinesTest {

    private static List<String> values(String text, String field) {
        List<String> out = new ArrayList<>();
        QuotedLines.scan(text, field, v -> !out.add(v.strip()));
        return out;
    }

    @Test
    void findsFieldsAtQuotedLineStartsWithContinuations() {
        String text = "intro Received: not at line start\n"
                + "Received: one\n"
                + "> received: two\n"
                + ">\tcontinued\n"
                + "> > Received: three\n"
                + "X-Received: no\n"
                + "Received: last";
        assertThat(values(text, "Received")).containsExactly("one", "two\n>\tcontinued", "three", "last");
    }

    @Test
    void stopsWhenTheVisitorSaysSo() {
        List<String> seen = new ArrayList<>();
        boolean stopped = QuotedLines.scan("Message-ID: <a@x>\nMessage-ID: <b@x>\n", "Message-ID", v -> seen.add(v));
        assertThat(stopped).isTrue();
        assertThat(seen).hasSize(1);
    }

    @Test
    void handlesEmptyAndFieldNameOnlyLines() {
        assertThat(values(null, "Received")).isEmpty();
        assertThat(values("", "Received")).isEmpty();
        assertThat(values("Received", "Received")).isEmpty();
        assertThat(values("Received:", "Received")).containsExactly("");
    }

    @Test
    void ignoresTextBeyondTheScanLimit() {
        String text = "x".repeat(QuotedLines.SCAN_LIMIT) + "\nReceived: late\n";
        assertThat(values(text, "Received")).isEmpty();
    }
}
