package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceFixtures;
import io.scatterguard.mail.bounce.BounceParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EximParserTest {
    private final BounceParser parser = new EximParser();

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
        # fixture | recipient | action | status | command | remote MTA | diagnostic contains
        exim/failed.eml | ivan@example.com | failed | 5.1.1 | RCPT | mx.example.com | Recipient address rejected
        exim/failed.eml | judy@nowhere.example | failed | - | - | - | Unrouteable address
        exim/delayed.eml | ken@example.com | delayed | 4.7.1 | MAIL | - | Greylisted
        """)
    void readsFixture(String fixture, String recipient, String action, String status, String command,
                      String remoteMta, String diagnostic) {
        BounceFixtures.assertRecipient(parser, fixture, recipient, action, status, command, remoteMta, diagnostic);
    }

    @Test
    void declinesOtherMessages() {
        BounceFixtures.assertDeclines(parser, "negative/ordinary.eml", "postfix/rcpt.eml", "qmail/remote.eml");
    }
}
