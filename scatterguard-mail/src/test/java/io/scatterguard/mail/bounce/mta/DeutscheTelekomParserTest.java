package io.scatterguard.mail.bounce.mta;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.mta.ProviderFixtures.Expect;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** DeutscheTelekom: the expectations table over its fixtures (LF, CRLF, CR) and negative samples. */
class DeutscheTelekomParserTest {
    private final DeutscheTelekomParser parser = new DeutscheTelekomParser();

    static Stream<Expect> expectations() {
        return Stream.of(
                new Expect("deutschetelekom/quota.eml", "gus@t-online.de", "failed", "5.2.2", "552", null, ""),
                new Expect("deutschetelekom/smail.eml", "ida@nohost.test", "failed", "", "", null, ""));
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

    @Test
    void smailMessageLogPrefixesTheDiagnostic() {
        BounceReport r = ProviderFixtures.assertParses(parser, expectations().skip(1).findFirst().orElseThrow());
        assertThat(r.recipients().get(0).diagnostic())
                .isEqualTo("no valid recipients were found for this message unknown host");
    }
}
