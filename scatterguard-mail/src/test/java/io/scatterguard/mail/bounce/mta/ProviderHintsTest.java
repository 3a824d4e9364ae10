package io.scatterguard.mail.bounce.mta;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.mail.parse.MessageReader;
import io.scatterguard.mail.parse.ParsedMessage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The per-message header facts: right for each message even when messages alternate, and reused within one. */
class ProviderHintsTest {
    private static final MessageReader READER = new MessageReader();

    private static ParsedMessage msg(String headers) {
        return READER.read((headers + "\n\nbody\n").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void factsFollowTheMessageAskedAbout() {
        ParsedMessage a = msg("From: MAILER-DAEMON@Yahoo.test\nSubject: Failure Notice\nX-YMailISG: 1\nReceived: from a by mx.ezweb.ne.jp (EZweb Mail) with ESMTP");
        ParsedMessage b = msg("From: someone@else.test\nSubject: Hello\nX-Mailer: SurfControl E-mail Filter");
        for (int i = 0; i < 2; i++) {
            ProviderHints ha = ProviderHints.of(a);
            assertThat(ha.from).isEqualTo("mailer-daemon@yahoo.test");
            assertThat(ha.subject).isEqualTo("failure notice");
            assertThat(ha.subjectAsWritten).isEqualTo("Failure Notice");
            assertThat(ha.has("x-ymailisg")).isTrue();
            assertThat(ha.receivedByEzwebMail).isTrue();
            assertThat(ha.receivedByEzweb).isTrue();
            ProviderHints hb = ProviderHints.of(b);
            assertThat(hb.from).isEqualTo("someone@else.test");
            assertThat(hb.has("x-ymailisg")).isFalse();
            assertThat(hb.xMailer).contains("surfcontrol");
            assertThat(hb.receivedByEzweb).isFalse();
        }
    }

    @Test
    void sameMessageReusesItsFactsAndFirstValueWins() {
        ParsedMessage m = msg("Subject: first\nSubject: second\nFrom: a@b.test");
        assertThat(ProviderHints.of(m)).isSameAs(ProviderHints.of(m));
        assertThat(ProviderHints.of(m).subject).isEqualTo("first");
        assertThat(ProviderHints.of(m).xMailer).isEmpty();
    }
}
