package io.scatterguard.mail.bounce.mta;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.Reason;
import io.scatterguard.mail.bounce.mta.ProviderFixtures.Expect;
import io.scatterguard.mail.parse.MessageReader;
import io.scatterguard.mail.parse.ParsedMessage;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** AmazonSesNotification: the expectations table over its fixtures (LF, CRLF, CR) and negative samples. */
class AmazonSesNotificationParserTest {
    private final AmazonSesNotificationParser parser = new AmazonSesNotificationParser();

    static Stream<Expect> expectations() {
        return Stream.of(
                new Expect("amazonses/sns-bounce.eml", "uma@remote.test", "failed", "5.1.1", "", Reason.SUPPRESSED, ""),
                new Expect("amazonses/delivery.eml", "vic@remote.test", "delivered", "2.6.0", "250", Reason.DELIVERED, ""),
                new Expect("amazonses/complaint.eml", "yul@remote.test", "", "", "", Reason.FEEDBACK, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectations")
    void parsesFixture(Expect e) {
        ProviderFixtures.assertParses(parser, e);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ordinary/letter.eml", "amazonses/mail-quoted-reply.eml"})
    void declinesOtherMessages(String fixture) {
        ProviderFixtures.assertDeclines(parser, fixture);
    }


    @Test
    void complaintCarriesTheFeedbackType() {
        BounceReport r = ProviderFixtures.assertParses(parser, expectations().skip(2).findFirst().orElseThrow());
        assertThat(r.recipients().get(0).feedbackType()).isEqualTo("abuse");
    }

    @Test
    void longEscapedEnvelopeDoesNotExhaustTheStack() {
        StringBuilder inner = new StringBuilder("{\"notificationType\":\"Bounce\",\"bounce\":{\"bounceType\":\"Permanent\","
                + "\"bouncedRecipients\":[{\"emailAddress\":\"w@remote.test\",\"status\":\"5.1.1\"}]},\"mail\":{\"headers\":[");
        for (int i = 0; i < 3000; i++) inner.append("{\"name\":\"X-Pad\",\"value\":\"a\\\"b\"},");
        inner.append("{}]}}");
        String escaped = inner.toString().replace("\\", "\\\\").replace("\"", "\\\"");
        String raw = "From: no-reply@sns.amazonaws.com\nSubject: AWS Notification Message\n\n"
                + "{\n \"Type\" : \"Notification\",\n \"Message\" : \"" + escaped + "\"\n}\n";
        ParsedMessage m = new MessageReader().read(raw.getBytes(StandardCharsets.UTF_8));
        Optional<BounceReport> report = parser.parse(m);
        assertThat(report).isPresent();
        assertThat(report.get().recipients().get(0).recipient()).isEqualTo("w@remote.test");
    }
}
