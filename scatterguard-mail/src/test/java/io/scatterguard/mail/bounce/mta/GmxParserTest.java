package io.scatterguard.mail.bounce.mta;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.mta.ProviderFixtures.Expect;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Gmx: the expectations table over its fixtures (LF, CRLF, CR) and negative samples. */
class GmxParserTest {
    private final GmxParser parser = new GmxParser();

    static Stream<Expect> expectations() {
        return Stream.of(
                new Expect("gmx/userunknown.eml", "leo@remote.test", "failed", "5.1.1", "", null, "RCPT"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectations")
    void parsesFixture(Expect e) {
        ProviderFixtures.assertParses(parser, e);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ordinary/letter.eml", "einsundeins/toobig.eml"})
    void declinesOtherMessages(String fixture) {
        ProviderFixtures.assertDeclines(parser, fixture);
    }

    @Test
    void readsRemoteHostAndQuotedOriginal() {
        BounceReport r = ProviderFixtures.assertParses(parser, expectations().findFirst().orElseThrow());
        assertThat(r.recipients().get(0).remoteMta()).isEqualTo("mx.remote.test");
        assertThat(r.original().messageId()).isEqualTo("<gmx-1@gmx.test>");
    }
}
