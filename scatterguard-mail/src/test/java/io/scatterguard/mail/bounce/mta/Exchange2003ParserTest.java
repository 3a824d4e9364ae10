package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceFixtures;
import io.scatterguard.mail.bounce.BounceParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Exchange2003ParserTest {
    private final BounceParser parser = new Exchange2003Parser();

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
        # fixture | recipient | action | status | command | remote MTA | diagnostic contains
        exchange2003/ims.eml | peggy@corp.example.com | failed | - | - | - | Unknown Recipient
        """)
    void readsFixture(String fixture, String recipient, String action, String status, String command,
                      String remoteMta, String diagnostic) {
        BounceFixtures.assertRecipient(parser, fixture, recipient, action, status, command, remoteMta, diagnostic);
    }

    @Test
    void declinesOtherMessages() {
        BounceFixtures.assertDeclines(parser, "negative/ordinary.eml", "exchange2007/ndr.eml");
    }
}
