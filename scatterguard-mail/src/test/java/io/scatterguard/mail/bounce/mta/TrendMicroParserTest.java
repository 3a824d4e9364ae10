package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.mta.ProviderFixtures.Expect;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** TrendMicro: the expectations table over its fixtures (LF, CRLF, CR) and negative samples. */
class TrendMicroParserTest {
    private final TrendMicroParser parser = new TrendMicroParser();

    static Stream<Expect> expectations() {
        return Stream.of(
                new Expect("trendmicro/transcript.eml", "sam@remote.test", "failed", "5.1.1", "550", null, "RCPT"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectations")
    void parsesFixture(Expect e) {
        ProviderFixtures.assertParses(parser, e);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ordinary/letter.eml", "mcafee/dsn.eml"})
    void declinesOtherMessages(String fixture) {
        ProviderFixtures.assertDeclines(parser, fixture);
    }

}
