package io.scatterguard.mail.bounce.mta;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.Reason;
import io.scatterguard.mail.bounce.mta.ProviderFixtures.Expect;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Zoho: the expectations table over its fixtures (LF, CRLF, CR) and negative samples. */
class ZohoParserTest {
    private final ZohoParser parser = new ZohoParser();

    static Stream<Expect> expectations() {
        return Stream.of(
                new Expect("zoho/twofailed.eml", "pat@remote.test", "failed", "5.1.1", "550", null, ""),
                new Expect("zoho/twofailed.eml", "quin@remote.test", "failed", "5.2.2", "550", null, ""),
                new Expect("zoho/delay.eml", "ray@slow.test", "delayed", "", "421", Reason.EXPIRED, ""));
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
    void readsQuotedOriginalWithoutSpaceAfterColon() {
        BounceReport r = ProviderFixtures.assertParses(parser, expectations().findFirst().orElseThrow());
        assertThat(r.original().messageId()).isEqualTo("<z1@zoho.test>");
    }
}
