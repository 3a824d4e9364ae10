package io.scatterguard.mail.bounce.mta;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.parse.MessageReader;
import io.scatterguard.mail.parse.ParsedMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Loads the legacy-format fixtures in LF, CRLF and CR-only variants and runs one parser as the analyzer would. */
final class LegacyFixtures {
    private LegacyFixtures() {}

    static final List<String> ENDINGS = List.of("\n", "\r\n", "\r");

    static ParsedMessage load(String resource, String ending) {
        try (InputStream in = LegacyFixtures.class.getResourceAsStream("/bounces/" + resource)) {
            if (in == null) throw new IllegalArgumentException("missing fixture " + resource);
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
            return new MessageReader().read(text.replace("\n", ending).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** appliesTo, then parse: what the analyzer asks of a parser. */
    static Optional<BounceReport> run(BounceParser parser, ParsedMessage m) {
        return parser.appliesTo(m) ? parser.parse(m) : Optional.empty();
    }

    /** Expands each table row (fixture, recipients, action, diagnostic fragment) over the three line endings. */
    static Stream<Arguments> withEndings(Object[][] rows) {
        return Arrays.stream(rows).flatMap(r -> ENDINGS.stream().map(e -> Arguments.of(r[0], r[1], r[2], r[3], e)));
    }

    /** Checks the recipients (comma-separated, in order), their action and a diagnostic fragment. */
    static void check(BounceParser parser, String fixture, String recipients, String action, String diag, String ending) {
        String label = fixture + " with " + ending.replace("\r", "CR").replace("\n", "LF");
        Optional<BounceReport> report = run(parser, load(fixture, ending));
        assertThat(report).as(label).isPresent();
        assertThat(report.get().format()).isEqualTo(parser.name());
        List<DeliveryStatus> got = report.get().recipients();
        assertThat(got).extracting(DeliveryStatus::recipient).as(label).containsExactly(recipients.split(","));
        assertThat(got).extracting(DeliveryStatus::action).as(label).allMatch(action::equals);
        assertThat(got.get(0).diagnostic()).as(label).contains(diag);
    }

    static void assertNoReport(BounceParser parser, String fixture) {
        for (String ending : ENDINGS) {
            assertThat(run(parser, load(fixture, ending))).as(fixture).isEmpty();
        }
    }
}
