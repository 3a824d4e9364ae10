package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.Reason;
import io.scatterguard.mail.bounce.mta.ProviderFixtures.Expect;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The header-hinted RFC 3464 providers: fields read from a delivery-status part or inline text, and
 * the provider-specific corrections (SES's quoted remote status and receipt-rule texts, McAfee's
 * wording, Facebook's response codes).
 */
class ReportProviderParserTest {
    static Stream<Arguments> expectations() {
        return Stream.of(
                Arguments.of("AmazonSES", new Expect("amazonses/mail-quoted-reply.eml", "pia@remote.test", "failed",
                        "5.7.1", "550", null, "")),
                Arguments.of("AmazonWorkMail", new Expect("amazonworkmail/inline.eml", "xena@remote.test", "failed",
                        "5.1.1", "550", null, "")),
                Arguments.of("McAfee", new Expect("mcafee/dsn.eml", "zed@remote.test", "failed", "5.1.1", "550", null, "")),
                Arguments.of("McAfee", new Expect("mcafee/unknown-user.eml", "amy@remote.test", "failed", "", "550",
                        Reason.USERUNKNOWN, "")),
                Arguments.of("ReceivingSES", new Expect("receivingses/rule-bounce.eml", "wes@inbound.test", "failed",
                        "5.1.1", "550", Reason.FILTERED, "")),
                Arguments.of("Facebook", new Expect("facebook/preferences.eml", "nat@facebook.com", "failed", "5.1.1",
                        "550", Reason.FILTERED, "")));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("expectations")
    void parsesFixture(String name, Expect e) {
        ProviderFixtures.assertParses(byName(name), e);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectations")
    void declinesOrdinaryMail(String name) {
        ProviderFixtures.assertDeclines(byName(name), "ordinary/letter.eml");
    }

    private static BounceParser byName(String name) {
        return ProviderParsers.all().stream().filter(p -> p instanceof ReportProviderParser && p.name().equals(name))
                .findFirst().orElseThrow();
    }
}
