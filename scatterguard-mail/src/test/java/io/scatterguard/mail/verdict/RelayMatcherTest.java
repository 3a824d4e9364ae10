package io.scatterguard.mail.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RelayMatcherTest {
    private final RelayMatcher m = new RelayMatcher(List.of("*.mx.example.com", "out?.example.net", "192.0.2.*"));

    @Test
    void matchesDottedTokensAgainstGlobs() {
        assertThat(m.matchValues(List.of("from a.example.org by out7.mx.example.com (Postfix) with ESMTP")))
                .contains("out7.mx.example.com");
        assertThat(m.matchValues(List.of("from [192.0.2.15] (helo=x) by y.example.org"))).contains("192.0.2.15");
        assertThat(m.matchValues(List.of("by out1.example.net."))).contains("out1.example.net");
        assertThat(m.matchValues(List.of("by out12.example.net"))).isEmpty();
        assertThat(m.matchValues(List.of("by mx.example.com"))).isEmpty();
        assertThat(m.matchValues(List.of("by evilmx.example.com.attacker.example"))).isEmpty();
    }

    @Test
    void scansQuotedTextOnlyOnReceivedLines() {
        String text = "Received: from a by b.example.org\n"
                + "> Received: from client (client.example.org)\n"
                + ">\tby relay2.mx.example.com with ESMTP\n"
                + "X-Received: by relay3.mx.example.com\n";
        assertThat(m.matchText(text)).contains("relay2.mx.example.com");
        assertThat(m.matchText("X-Received: by relay3.mx.example.com\nSubject: Received: by r.mx.example.com\n")).isEmpty();
        assertThat(m.matchText("Received: from x\nby r.mx.example.com\n")).isEmpty();
    }

    @Test
    void noGlobsMatchNothing() {
        RelayMatcher none = new RelayMatcher(List.of());
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.matchText("Received: by a.mx.example.com")).isEmpty();
    }
}
