package io.scatterguard.mail.bounce.mta;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.bounce.Reason;
import io.scatterguard.mail.parse.MessageReader;
import io.scatterguard.mail.parse.ParsedMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** Reads the hand-written bounce fixtures (optionally re-terminated with CRLF or CR) and checks parser output. */
final class ProviderFixtures {
    private ProviderFixtures() {}

    private static final MessageReader READER = new MessageReader();

    /** LF as written, then the CRLF and CR-only variants generated from it. */
    static final List<String> LINE_ENDINGS = List.of("\n", "\r\n", "\r");

    /**
     * One expected row: which recipient the fixture reports on and what the parser itself states
     * (reason null: left to the resolver).
     */
    record Expect(String fixture, String recipient, String action, String status, String reply, Reason reason,
            String command) {
        @Override
        public String toString() {
            return fixture + " " + recipient;
        }
    }

    static ParsedMessage read(String fixture, String eol) {
        try (InputStream in = ProviderFixtures.class.getResourceAsStream("/bounces/" + fixture)) {
            assertThat(in).as(fixture).isNotNull();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return READER.read(text.replace("\n", eol).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The parser claims the fixture with every line ending and reports the expected row. */
    static BounceReport assertParses(BounceParser parser, Expect e) {
        BounceReport last = null;
        for (String eol : LINE_ENDINGS) {
            String ending = eol.equals("\n") ? "LF" : eol.equals("\r\n") ? "CRLF" : "CR";
            ParsedMessage m = read(e.fixture(), eol);
            assertThat(parser.appliesTo(m)).as("appliesTo %s (%s)", e.fixture(), ending).isTrue();
            Optional<BounceReport> report = parser.parse(m);
            assertThat(report).as("parse %s (%s)", e.fixture(), ending).isPresent();
            DeliveryStatus d = report.get().recipients().stream().filter(r -> r.recipient().equals(e.recipient()))
                    .findFirst().orElseThrow(() -> new AssertionError("no row for " + e.recipient() + " in " + ending));
            assertThat(d.action()).as("action").isEqualTo(e.action());
            assertThat(d.status()).as("status").isEqualTo(e.status());
            assertThat(d.replyCode()).as("reply code").isEqualTo(e.reply());
            assertThat(d.reason()).as("reason").isEqualTo(e.reason() == null ? Reason.UNDEFINED : e.reason());
            assertThat(d.command()).as("command").isEqualTo(e.command());
            assertThat(d.diagnostic()).as("one-line diagnostic").doesNotContain("\n").doesNotContain("\r");
            assertThat(report.get().format()).isEqualTo(parser.name());
            last = report.get();
        }
        return last;
    }

    /** The parser does not report on the fixture (it declines it in appliesTo or in parse). */
    static void assertDeclines(BounceParser parser, String fixture) {
        for (String eol : LINE_ENDINGS) {
            ParsedMessage m = read(fixture, eol);
            assertThat(parser.appliesTo(m) && parser.parse(m).isPresent()).as("%s claims %s", parser.name(), fixture).isFalse();
        }
    }
}
