package io.scatterguard.mail.bounce.rfc;

import io.scatterguard.mail.bounce.BounceFixtures;
import io.scatterguard.mail.bounce.BounceParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArfParserTest {
    private final BounceParser parser = new ArfParser();

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
        # fixture | recipient | action | status | command | remote MTA | diagnostic contains
        arf/abuse.eml | user1@isp.example.net | - | - | - | 192.0.2.10 | User-Agent: ExampleFBL/2.0
        arf/abuse.eml | user2@isp.example.net | - | - | - | 192.0.2.10 | Original-Mail-From
        arf/jmrp.eml | reporter@hotmail.com | - | - | - | - | -
        """)
    void readsFixture(String fixture, String recipient, String action, String status, String command,
                      String remoteMta, String diagnostic) {
        BounceFixtures.assertRecipient(parser, fixture, recipient, action, status, command, remoteMta, diagnostic);
    }

    @Test
    void declinesOtherMessages() {
        BounceFixtures.assertDeclines(parser, "negative/ordinary.eml", "rfc3464/standard.eml", "postfix/rcpt.eml");
    }
}
