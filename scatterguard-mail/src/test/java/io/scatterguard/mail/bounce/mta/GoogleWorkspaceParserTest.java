package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.mta.ProviderFixtures.Expect;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** GoogleWorkspace: the expectations table over its fixtures (LF, CRLF, CR) and negative samples. */
class GoogleWorkspaceParserTest {
    private final GoogleWorkspaceParser parser = new GoogleWorkspaceParser();

    static Stream<Expect> expectations() {
        return Stream.of(
                new Expect("googleworkspace/sendas.eml", "ben@remote.test", "failed", "", "", null, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectations")
    void parsesFixture(Expect e) {
        ProviderFixtures.assertParses(parser, e);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ordinary/letter.eml", "googlegroups/refused.eml", "yahoo/mailboxfull.eml"})
    void declinesOtherMessages(String fixture) {
        ProviderFixtures.assertDeclines(parser, fixture);
    }

}
