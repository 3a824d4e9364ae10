package io.scatterguard.mail.bounce.mta;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.mta.ProviderFixtures.Expect;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Yahoo: the expectations table over its fixtures (LF, CRLF, CR) and negative samples. */
class YahooParserTest {
    private final YahooParser parser = new YahooParser();

    static Stream<Expect> expectations() {
        return Stream.of(
                new Expect("yahoo/mailboxfull.eml", "frank@remote.test", "failed", "5.2.2", "552", null, "RCPT"),
                new Expect("yahoo/legacy-disabled.eml", "quincy@yahoo.com", "failed", "", "", null, ""));
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

    @Test
    void readsQuotedOriginal() {
        BounceReport r = ProviderFixtures.assertParses(parser, expectations().findFirst().orElseThrow());
        assertThat(r.original().subject()).isEqualTo("photos");
        assertThat(r.recipients().get(0).diagnostic()).isEqualTo("552 5.2.2 <frank@remote.test>... Mailbox Full");
    }
}
