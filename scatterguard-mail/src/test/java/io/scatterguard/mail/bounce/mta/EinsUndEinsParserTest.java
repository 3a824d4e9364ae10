package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.Reason;
import io.scatterguard.mail.bounce.mta.ProviderFixtures.Expect;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** EinsUndEins: the expectations table over its fixtures (LF, CRLF, CR) and negative samples. */
class EinsUndEinsParserTest {
    private final EinsUndEinsParser parser = new EinsUndEinsParser();

    static Stream<Expect> expectations() {
        return Stream.of(
                new Expect("einsundeins/toobig.eml", "ned@remote.test", "failed", "", "", Reason.MESGTOOBIG, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectations")
    void parsesFixture(Expect e) {
        ProviderFixtures.assertParses(parser, e);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ordinary/letter.eml", "gmx/userunknown.eml"})
    void declinesOtherMessages(String fixture) {
        ProviderFixtures.assertDeclines(parser, fixture);
    }

}
