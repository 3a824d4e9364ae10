package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceFixtures;
import io.scatterguard.mail.bounce.BounceParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PostfixParserTest {
    private final BounceParser parser = new PostfixParser();

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
        # fixture | recipient | action | status | command | remote MTA | diagnostic contains
        postfix/rcpt.eml | erin@example.com | failed | 5.1.1 | RCPT | mx.example.com | User unknown in virtual mailbox table
        postfix/connect.eml | frank@example.com | delayed | - | CONN | mx.example.com | Connection refused
        postfix/server-transcript.eml | hank@example.org | failed | 4.3.0 | DATA | - | queue file write error
        """)
    void readsFixture(String fixture, String recipient, String action, String status, String command,
                      String remoteMta, String diagnostic) {
        BounceFixtures.assertRecipient(parser, fixture, recipient, action, status, command, remoteMta, diagnostic);
    }

    @Test
    void declinesOtherMessages() {
        BounceFixtures.assertDeclines(parser, "negative/ordinary.eml", "exim/failed.eml", "qmail/remote.eml");
    }
}
