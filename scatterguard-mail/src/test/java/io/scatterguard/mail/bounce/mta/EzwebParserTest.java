package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.Reason;
import io.scatterguard.mail.bounce.mta.ProviderFixtures.Expect;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Ezweb: the expectations table over its fixtures (LF, CRLF, CR) and negative samples. */
class EzwebParserTest {
    private final EzwebParser parser = new EzwebParser();

    static Stream<Expect> expectations() {
        return Stream.of(
                new Expect("ezweb/suspended.eml", "judy@ezweb.ne.jp", "failed", "", "", Reason.SUSPEND, ""),
                new Expect("ezweb/rejected-by-remote.eml", "ted@remote.test", "failed", "5.7.1", "550", null, "MAIL"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectations")
    void parsesFixture(Expect e) {
        ProviderFixtures.assertParses(parser, e);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ordinary/letter.eml", "kddi/mailboxfull.eml"})
    void declinesOtherMessages(String fixture) {
        ProviderFixtures.assertDeclines(parser, fixture);
    }

}
