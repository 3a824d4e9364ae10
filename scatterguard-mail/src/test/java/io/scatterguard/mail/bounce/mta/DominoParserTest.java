package io.scatterguard.mail.bounce.mta;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.mail.bounce.BounceFixtures;
import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DominoParserTest {
    private final BounceParser parser = new DominoParser();

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
        # fixture | recipient | action | status | command | remote MTA | diagnostic contains
        domino/directory.eml | carl@domino.example.com | failed | 5.0.0 | - | - | not listed in Domino Directory
        """)
    void readsFixture(String fixture, String recipient, String action, String status, String command,
                      String remoteMta, String diagnostic) {
        BounceFixtures.assertRecipient(parser, fixture, recipient, action, status, command, remoteMta, diagnostic);
    }

    @Test
    void statesTheFormatsReason() {
        assertThat(BounceFixtures.parse(parser, "domino/directory.eml").get(0).reason()).isEqualTo(Reason.USERUNKNOWN);
    }

    @Test
    void declinesOtherMessages() {
        BounceFixtures.assertDeclines(parser, "negative/ordinary.eml", "rfc3464/standard.eml");
    }
}
