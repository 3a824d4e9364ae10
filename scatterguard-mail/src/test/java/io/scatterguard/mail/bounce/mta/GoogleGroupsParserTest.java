package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.Reason;
import io.scatterguard.mail.bounce.mta.ProviderFixtures.Expect;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** GoogleGroups: the expectations table over its fixtures (LF, CRLF, CR) and negative samples. */
class GoogleGroupsParserTest {
    private final GoogleGroupsParser parser = new GoogleGroupsParser();

    static Stream<Expect> expectations() {
        return Stream.of(
                new Expect("googlegroups/refused.eml", "team@groups.test", "failed", "", "", Reason.REJECTED, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectations")
    void parsesFixture(Expect e) {
        ProviderFixtures.assertParses(parser, e);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ordinary/letter.eml", "gmail/permanent.eml"})
    void declinesOtherMessages(String fixture) {
        ProviderFixtures.assertDeclines(parser, fixture);
    }

}
