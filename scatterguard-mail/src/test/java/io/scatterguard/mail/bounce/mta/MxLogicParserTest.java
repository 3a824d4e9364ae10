package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.mta.ProviderFixtures.Expect;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** MxLogic: the expectations table over its fixtures (LF, CRLF, CR) and negative samples. */
class MxLogicParserTest {
    private final MxLogicParser parser = new MxLogicParser();

    static Stream<Expect> expectations() {
        return Stream.of(
                new Expect("mxlogic/userunknown.eml", "eve@remote.test", "failed", "5.1.1", "550", null, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectations")
    void parsesFixture(Expect e) {
        ProviderFixtures.assertParses(parser, e);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ordinary/letter.eml", "mailru/two-recipients.eml"})
    void declinesOtherMessages(String fixture) {
        ProviderFixtures.assertDeclines(parser, fixture);
    }

}
