package io.scatterguard.mail.bounce.mta;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.mail.bounce.BounceAnalyzer;
import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.parse.MessageReader;
import io.scatterguard.mail.parse.ParsedMessage;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The registry: in {@link ProviderParsers}' trial order every fixture reaches its own parser (the
 * cheap hints of earlier parsers do not steal it), ordinary mail is claimed by none, and broken
 * input is declined without an exception.
 */
class ProviderParsersTest {
    static Stream<Arguments> owners() {
        return Stream.of(
                Arguments.of("gmail/permanent.eml", "Gmail"),
                Arguments.of("gmail/delayed.eml", "Gmail"),
                Arguments.of("googlegroups/refused.eml", "GoogleGroups"),
                Arguments.of("googleworkspace/sendas.eml", "GoogleWorkspace"),
                Arguments.of("yahoo/mailboxfull.eml", "Yahoo"),
                Arguments.of("yahoo/legacy-disabled.eml", "Yahoo"),
                Arguments.of("kddi/mailboxfull.eml", "KDDI"),
                Arguments.of("ezweb/suspended.eml", "EZweb"),
                Arguments.of("ezweb/rejected-by-remote.eml", "EZweb"),
                Arguments.of("gmx/userunknown.eml", "GMX"),
                Arguments.of("einsundeins/toobig.eml", "EinsUndEins"),
                Arguments.of("deutschetelekom/quota.eml", "DeutscheTelekom"),
                Arguments.of("deutschetelekom/smail.eml", "DeutscheTelekom"),
                Arguments.of("zoho/twofailed.eml", "Zoho"),
                Arguments.of("zoho/delay.eml", "Zoho"),
                Arguments.of("trendmicro/transcript.eml", "TrendMicro"),
                Arguments.of("verizon/sms.eml", "Verizon"),
                Arguments.of("mailru/two-recipients.eml", "MailRu"),
                Arguments.of("mxlogic/userunknown.eml", "MXLogic"),
                Arguments.of("biglobe/mailboxfull.eml", "Biglobe"),
                Arguments.of("fml/notmember.eml", "FML"),
                Arguments.of("amazonses/sns-bounce.eml", "AmazonSES"),
                Arguments.of("amazonses/delivery.eml", "AmazonSES"),
                Arguments.of("amazonses/complaint.eml", "AmazonSES"),
                Arguments.of("amazonses/mail-quoted-reply.eml", "AmazonSES"),
                Arguments.of("amazonworkmail/inline.eml", "AmazonWorkMail"),
                Arguments.of("mcafee/dsn.eml", "McAfee"),
                Arguments.of("mcafee/unknown-user.eml", "McAfee"),
                Arguments.of("receivingses/rule-bounce.eml", "ReceivingSES"),
                Arguments.of("facebook/preferences.eml", "Facebook"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("owners")
    void registryOrderGivesEachFixtureToItsOwnParser(String fixture, String format) {
        BounceAnalyzer analyzer = new BounceAnalyzer(ProviderParsers.all());
        for (String eol : ProviderFixtures.LINE_ENDINGS) {
            Optional<BounceReport> report = analyzer.analyze(ProviderFixtures.read(fixture, eol));
            assertThat(report).as(fixture).isPresent();
            assertThat(report.get().format()).isEqualTo(format);
        }
    }

    @Test
    void ordinaryMessageIsNotClaimed() {
        for (BounceParser p : ProviderParsers.all()) ProviderFixtures.assertDeclines(p, "ordinary/letter.eml");
    }

    @Test
    void brokenInputIsDeclinedWithoutThrowing() {
        String[] inputs = {
            "From: no-reply@sns.amazonaws.com\nSubject: AWS Notification Message\n\n{\"notificationType\":\"Bounce\",\"bouncedRecipients\":[{\"emailAddress\":\"\\u00",
            "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\nSubject: Delivery Status Notification (Failure)\n\nDelivery to the following recipient failed permanently:\n",
            "From: MAILER-DAEMON@yahoo.com\nX-YMailISG: x\nSubject: Failure Notice\n\nSorry, we were unable to deliver your message\n<>:\n",
            "From: x\nSubject: mail failed, returning to sender\n\n|------------------------- Failed addresses follow: ---------------------|\n <>\n",
        };
        MessageReader reader = new MessageReader();
        for (String input : inputs) {
            ParsedMessage m = reader.read(input.getBytes(StandardCharsets.UTF_8));
            for (BounceParser p : ProviderParsers.all()) {
                if (p.appliesTo(m)) assertThat(p.parse(m)).as(p.name()).isEmpty();
            }
        }
    }
}
