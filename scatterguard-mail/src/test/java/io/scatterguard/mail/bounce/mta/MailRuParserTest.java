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

/** MailRu: the expectations table over its fixtures (LF, CRLF, CR) and negative samples. */
class MailRuParserTest {
    private final MailRuParser parser = new MailRuParser();

    static Stream<Expect> expectations() {
        return Stream.of(
                new Expect("mailru/two-recipients.eml", "bea@remote.test", "failed", "5.2.2", "550", null, "RCPT"),
                new Expect("mailru/two-recipients.eml", "cal@nowhere.test", "failed", "", "", Reason.HOSTUNKNOWN, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectations")
    void parsesFixture(Expect e) {
        ProviderFixtures.assertParses(parser, e);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ordinary/letter.eml", "mxlogic/userunknown.eml"})
    void declinesOtherMessages(String fixture) {
        ProviderFixtures.assertDeclines(parser, fixture);
    }

    @Test
    void readsEachRecipientOnceDespiteTheTranslatedPreamble() {
        BounceReport r = ProviderFixtures.assertParses(parser, expectations().findFirst().orElseThrow());
        assertThat(r.recipients()).hasSize(2);
        assertThat(r.recipients().get(0).remoteMta()).isEqualTo("mx.remote.test");
        assertThat(r.original().messageId()).isEqualTo("<mr-1@mail.ru>");
    }
}
