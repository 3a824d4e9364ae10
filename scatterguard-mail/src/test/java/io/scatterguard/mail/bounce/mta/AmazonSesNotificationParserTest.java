package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.Reason;
import io.scatterguard.mail.bounce.mta.ProviderFixtures.Expect;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** AmazonSesNotification: the expectations table over its fixtures (LF, CRLF, CR) and negative samples. */
class AmazonSesNotificationParserTest {
    private final AmazonSesNotificationParser parser = new AmazonSesNotificationParser();

    static Stream<Expect> expectations() {
        return Stream.of(
                new Expect("amazonses/sns-bounce.eml", "uma@remote.test", "failed", "5.1.1", "", Reason.SUPPRESSED, ""),
                new Expect("amazonses/delivery.eml", "vic@remote.test", "delivered", "2.6.0", "250", Reason.DELIVERED, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectations")
    void parsesFixture(Expect e) {
        ProviderFixtures.assertParses(parser, e);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ordinary/letter.eml", "amazonses/mail-quoted-reply.eml"})
    void declinesOtherMessages(String fixture) {
        ProviderFixtures.assertDeclines(parser, fixture);
    }

}
