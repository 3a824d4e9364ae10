package io.scatterguard.mail.bounce.rfc;

import io.scatterguard.mail.bounce.BounceFixtures;
import io.scatterguard.mail.bounce.BounceParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Rfc3464ParserTest {
    private final BounceParser parser = new Rfc3464Parser();

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
        # fixture | recipient | action | status | command | remote MTA | diagnostic contains
        rfc3464/standard.eml | alice@example.com | failed | 5.1.1 | RCPT | mx.example.com | Recipient address rejected: User unknown
        rfc3464/standard.eml | bob@example.com | delayed | 4.4.1 | - | - | 421 4.4.1 Connection timed out
        rfc3464/inline-broken.eml | carol@example.com | failed | 5.2.2 | - | - | 552 5.2.2 Mailbox full
        rfc3464/inline-broken.eml | dave@example.com | failed | 5.7.1 | DATA | - | Message refused
        rfc3464/global.eml | jörg@example.com | failed | 5.1.1 | - | - | No such user
        postfix/rcpt.eml | erin@example.com | failed | 5.1.1 | - | mx.example.com | User unknown
        """)
    void readsFixture(String fixture, String recipient, String action, String status, String command,
                      String remoteMta, String diagnostic) {
        BounceFixtures.assertRecipient(parser, fixture, recipient, action, status, command, remoteMta, diagnostic);
    }

    @Test
    void declinesOtherMessages() {
        BounceFixtures.assertDeclines(parser, "negative/ordinary.eml", "arf/abuse.eml");
    }
}
