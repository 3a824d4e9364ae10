package io.scatterguard.mail.bounce.mta;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.mail.bounce.BounceFixtures;
import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PowerMtaParserTest {
    private final BounceParser parser = new PowerMtaParser();

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
        # fixture | recipient | action | status | command | remote MTA | diagnostic contains
        powermta/category.eml | dora@example.com | failed | 5.0.0 | - | mx.example.com | mailbox over quota
        """)
    void readsFixture(String fixture, String recipient, String action, String status, String command,
                      String remoteMta, String diagnostic) {
        BounceFixtures.assertRecipient(parser, fixture, recipient, action, status, command, remoteMta, diagnostic);
    }

    @Test
    void statesTheFormatsReason() {
        assertThat(BounceFixtures.parse(parser, "powermta/category.eml").get(0).reason()).isEqualTo(Reason.MAILBOXFULL);
    }

    @Test
    void declinesOtherMessages() {
        BounceFixtures.assertDeclines(parser, "negative/ordinary.eml", "rfc3464/standard.eml", "postfix/rcpt.eml");
    }
}
