package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceFixtures;
import io.scatterguard.mail.bounce.BounceParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IMailServerParserTest {
    private final BounceParser parser = new IMailServerParser();

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
        # fixture | recipient | action | status | command | remote MTA | diagnostic contains
        imailserver/expired.eml | rupert@example.com | failed | - | - | - | Delivery failed 20 attempts
        """)
    void readsFixture(String fixture, String recipient, String action, String status, String command,
                      String remoteMta, String diagnostic) {
        BounceFixtures.assertRecipient(parser, fixture, recipient, action, status, command, remoteMta, diagnostic);
    }

    @Test
    void declinesOtherMessages() {
        BounceFixtures.assertDeclines(parser, "negative/ordinary.eml", "postfix/rcpt.eml");
    }
}
