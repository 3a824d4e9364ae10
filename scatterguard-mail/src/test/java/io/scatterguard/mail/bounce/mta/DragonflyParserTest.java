package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceFixtures;
import io.scatterguard.mail.bounce.BounceParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DragonflyParserTest {
    private final BounceParser parser = new DragonflyParser();

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
        # fixture | recipient | action | status | command | remote MTA | diagnostic contains
        dragonfly/data.eml | nina@example.com | failed | 5.7.1 | DATA | mx.example.com | Message rejected as spam
        """)
    void readsFixture(String fixture, String recipient, String action, String status, String command,
                      String remoteMta, String diagnostic) {
        BounceFixtures.assertRecipient(parser, fixture, recipient, action, status, command, remoteMta, diagnostic);
    }

    @Test
    void declinesOtherMessages() {
        BounceFixtures.assertDeclines(parser, "negative/ordinary.eml", "exim/failed.eml");
    }
}
