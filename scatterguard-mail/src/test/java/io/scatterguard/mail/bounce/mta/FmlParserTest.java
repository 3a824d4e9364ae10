package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.Reason;
import io.scatterguard.mail.bounce.mta.ProviderFixtures.Expect;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Fml: the expectations table over its fixtures (LF, CRLF, CR) and negative samples. */
class FmlParserTest {
    private final FmlParser parser = new FmlParser();

    static Stream<Expect> expectations() {
        return Stream.of(
                new Expect("fml/notmember.eml", "club@lists.test", "failed", "", "", Reason.REJECTED, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectations")
    void parsesFixture(Expect e) {
        ProviderFixtures.assertParses(parser, e);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ordinary/letter.eml", "googlegroups/refused.eml"})
    void declinesOtherMessages(String fixture) {
        ProviderFixtures.assertDeclines(parser, fixture);
    }

}
