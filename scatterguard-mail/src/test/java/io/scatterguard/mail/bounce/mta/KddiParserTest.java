package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.Reason;
import io.scatterguard.mail.bounce.mta.ProviderFixtures.Expect;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Kddi: the expectations table over its fixtures (LF, CRLF, CR) and negative samples. */
class KddiParserTest {
    private final KddiParser parser = new KddiParser();

    static Stream<Expect> expectations() {
        return Stream.of(
                new Expect("kddi/mailboxfull.eml", "henry@mx1.dion.ne.jp", "failed", "", "", Reason.MAILBOXFULL, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectations")
    void parsesFixture(Expect e) {
        ProviderFixtures.assertParses(parser, e);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ordinary/letter.eml", "ezweb/suspended.eml"})
    void declinesOtherMessages(String fixture) {
        ProviderFixtures.assertDeclines(parser, fixture);
    }

}
