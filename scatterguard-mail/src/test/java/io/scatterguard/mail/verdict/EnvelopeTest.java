package io.scatterguard.mail.verdict;

import static io.scatterguard.mail.verdict.VerdictFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EnvelopeTest {

    @Test
    void smtpEnvelopeKeepsTheNullSender() {
        Envelope e = Envelope.smtp("<>", List.of("a@example.com", "b@example.com"));
        assertThat(e.nullSender()).isTrue();
        assertThat(e.source()).isEqualTo(Envelope.Source.SMTP);
        assertThat(e.firstRecipient()).isEqualTo("a@example.com");
    }

    @Test
    void fromHeadersPrefersDeliveryHeadersOverTo() {
        String raw = """
                Return-Path: <>
                X-Original-To: prvs=1123acc2b2=alice@example.com
                Delivered-To: alice@example.com
                To: "Alice" <alice@example.com>, bob@example.com
                Subject: x

                body
                """;
        Envelope e = Envelope.fromHeaders(new io.scatterguard.mail.parse.MessageReader().read(raw.getBytes()));
        assertThat(e.source()).isEqualTo(Envelope.Source.HEADERS);
        assertThat(e.recipients()).containsExactly("alice@example.com", "prvs=1123acc2b2=alice@example.com", "bob@example.com");
        assertThat(e.nullSender()).isTrue();
    }

    @Test
    void fromHeadersOfAFixture() {
        Envelope e = Envelope.fromHeaders(fixture("ordinary.eml").parse());
        assertThat(e.sender()).isEqualTo("carol@remote.example.net");
        assertThat(e.recipients()).containsExactly("alice@example.com");
    }
}
