package io.scatterguard.mail.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.mail.parse.MessageReader;
import io.scatterguard.mail.parse.ParsedMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Loads the hand-written bounce fixtures under {@code src/test/resources/bounces/} in three line
 * ending conventions (LF as written, CRLF and CR-only generated) and checks parser results.
 */
public final class BounceFixtures {
    private BounceFixtures() {}

    /** The line-ending variants every fixture is tested in. */
    public enum LineEnding { LF, CRLF, CR }

    private static final MessageReader READER = new MessageReader();

    public static ParsedMessage read(String fixture, LineEnding eol) {
        try (InputStream in = BounceFixtures.class.getResourceAsStream("/bounces/" + fixture)) {
            if (in == null) throw new IllegalArgumentException("no fixture " + fixture);
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String converted = switch (eol) {
                case LF -> text;
                case CRLF -> text.replace("\n", "\r\n");
                case CR -> text.replace("\n", "\r");
            };
            return READER.read(converted.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses the fixture in every line-ending variant and returns the LF result's recipients. */
    public static List<DeliveryStatus> parse(BounceParser parser, String fixture) {
        List<DeliveryStatus> first = null;
        for (LineEnding eol : LineEnding.values()) {
            ParsedMessage m = read(fixture, eol);
            assertThat(parser.appliesTo(m)).as("%s applies to %s (%s)", parser.name(), fixture, eol).isTrue();
            Optional<BounceReport> r = parser.parse(m);
            assertThat(r).as("%s parses %s (%s)", parser.name(), fixture, eol).isPresent();
            if (first == null) {
                first = r.get().recipients();
            } else {
                assertThat(r.get().recipients()).as("%s: %s same as LF", fixture, eol).isEqualTo(first);
            }
        }
        return first;
    }

    /**
     * Asserts that the fixture yields a recipient with these values; a null expectation is not
     * checked, and the diagnostic is checked by containment.
     */
    public static void assertRecipient(BounceParser parser, String fixture, String recipient, String action,
                                       String status, String command, String remoteMta, String diagnosticPart) {
        List<DeliveryStatus> all = parse(parser, fixture);
        DeliveryStatus d = all.stream().filter(x -> x.recipient().equalsIgnoreCase(recipient)).findFirst()
                .orElseThrow(() -> new AssertionError(fixture + ": no recipient " + recipient + " in " + all));
        if (action != null) assertThat(d.action()).as("action").isEqualTo(action);
        if (status != null) assertThat(d.status()).as("status").isEqualTo(status);
        if (command != null) assertThat(d.command()).as("command").isEqualTo(command);
        if (remoteMta != null) assertThat(d.remoteMta()).as("remote MTA").isEqualTo(remoteMta);
        if (diagnosticPart != null) assertThat(d.diagnostic()).as("diagnostic").contains(diagnosticPart);
        assertThat(d.diagnostic()).as("diagnostic is one line").doesNotContain("\n");
    }

    /** Asserts that the parser declines each fixture (does not apply, or finds nothing). */
    public static void assertDeclines(BounceParser parser, String... fixtures) {
        for (String f : fixtures) {
            ParsedMessage m = read(f, LineEnding.LF);
            boolean taken = parser.appliesTo(m) && parser.parse(m).map(r -> !r.recipients().isEmpty()).orElse(false);
            assertThat(taken).as("%s must decline %s", parser.name(), f).isFalse();
        }
    }
}
