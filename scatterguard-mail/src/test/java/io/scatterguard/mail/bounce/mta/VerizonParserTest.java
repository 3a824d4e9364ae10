package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.Reason;
import io.scatterguard.mail.bounce.mta.ProviderFixtures.Expect;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Verizon: the expectations table over its fixtures (LF, CRLF, CR) and negative samples. */
class VerizonParserTest {
    private final VerizonParser parser = new VerizonParser();

    static Stream<Expect> expectations() {
        return Stream.of(
                new Expect("verizon/sms.eml", "5550100@vtext.com", "failed", "", "550", Reason.USERUNKNOWN, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectations")
    void parsesFixture(Expect e) {
        ProviderFixtures.assertParses(parser, e);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ordinary/letter.eml", "yahoo/mailboxfull.eml"})
    void declinesOtherMessages(String fixture) {
        ProviderFixtures.assertDeclines(parser, fixture);
    }

}
