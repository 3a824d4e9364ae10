package io.scatterguard.mail.bounce.mta;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.mail.bounce.BounceAnalyzer;
import io.scatterguard.mail.bounce.BounceParser;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The last-resort free-text heuristics: what they find, and what they must never report. */
class FreeTextBounceParserTest {
    private final BounceParser parser = new FreeTextBounceParser();

    static Stream<Arguments> bounces() {
        return LegacyFixtures.withEndings(new Object[][] {
            {"freetext/list-after-intro.eml", "reader.one@example.org,reader.two@example.org", "failed", "550 5.1.1 user unknown"},
            {"freetext/inline-unknown-user.eml", "lost.reader@example.net", "failed", "Unable to find user"},
            {"freetext/delay-warning.eml", "slow.reader@example.org", "delayed", ""},
            {"freetext/spanish-qmail.eml", "cliente@example.com.ar", "failed", "no mailbox here"},
            {"freetext/labelled-pmdf.eml", "subscriber@example.com", "failed", "Over quota"},
            {"freetext/french-inline.eml", "adherent@example.fr", "failed", ""},
            {"freetext/warning-advisory.eml", "full.box@example.com", "delayed", ""},
            {"freetext/exchange2000-smtp-prefix.eml", "staff.member@corp.example.com", "failed", "not recognized"},
            {"freetext/interscan-rcpt.eml", "leden@example.be", "failed", "550 5.1.1 unknown user"},
            {"freetext/bare-address-unknown-language.eml", "melos@example.gr", "failed", "επιστράφηκε"},
            {"freetext/pasted-original.eml", "target@example.net", "failed", ""},
            {"freetext/dsn-fields-in-text.eml", "alias.target@mx.example.net", "delayed", "Final-Recipient"},
            {"freetext/failed-recipients-header.eml", "quiet.user@example.net", "failed", ""},
            {"freetext/url-in-reason.eml", "waiting@example.net", "delayed", "421 4.7.0"},
            {"freetext/gateway-forwarded-report.eml", "left.company@example.com", "failed", ""},
            {"freetext/expanded-alias.eml", "final.box@mail.example.org", "failed", "550 5.1.1"},
            {"freetext/named-recipient.eml", "pat.reader@example.com", "failed", ""},
            {"freetext/bracketed-preferred.eml", "nobody.there@example.net", "failed", "550 5.1.1"},
            {"smtp32/unknown-user.eml", "gone.person@example.org,moved.away@example.org", "failed", "550 5.1.1"},
            {"groupwise/exchange55.eml", "LEFT.USER@corp.example.net", "failed", "not recognized"},
            {"yahooclassic/disabled-accounts.eml", "old.member@yahoo.com,nobody.here@yahoo.com", "failed", "disabled"},
        });
    }

    @ParameterizedTest
    @MethodSource("bounces")
    void findsFailedRecipients(String fixture, String recipients, String action, String diag, String ending) {
        LegacyFixtures.check(parser, fixture, recipients, action, diag, ending);
    }

    @ParameterizedTest
    @ValueSource(strings = {"freetext/negative-forwarded-discussion.eml", "freetext/negative-newsletter.eml",
        "freetext/negative-system-addresses.eml", "freetext/negative-person-reply.eml"})
    void reportsNothingForNonBouncesAndOwnAddresses(String fixture) {
        LegacyFixtures.assertNoReport(parser, fixture);
    }

    @Test
    void locatorSuggestionsAreNotRecipients() {
        var report = LegacyFixtures.run(parser, LegacyFixtures.load("llnl/no-match.eml", "\n"));
        report.ifPresent(r -> assertThat(r.recipients()).noneMatch(d -> d.recipient().startsWith("doe4")));
    }

    @Test
    void ignoresTheQuotedOriginalsHeaders() {
        var report = LegacyFixtures.run(parser, LegacyFixtures.load("freetext/spanish-qmail.eml", "\n"));
        assertThat(report).isPresent();
        assertThat(report.get().recipients()).noneMatch(d -> d.recipient().startsWith("otra"));
    }

    @Test
    void hugeLinesCostLinearTime() {
        String junk = "A".repeat(20_000) + "@example.org " + "b".repeat(20_000) + "@ unknown user";
        String raw = "From: MAILER-DAEMON@mx.example.net\nTo: me@example.com\nSubject: Undelivered Mail\n\n"
                + "Your message could not be delivered.\n" + junk + "\n";
        long t0 = System.nanoTime();
        new FreeTextBounceParser().parse(new io.scatterguard.mail.parse.MessageReader()
                .read(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(System.nanoTime() - t0).isLessThan(2_000_000_000L);
    }

    @Test
    void theAnalyzerReachesTheFallbackLast() {
        var report = new BounceAnalyzer().analyze(LegacyFixtures.load("freetext/french-inline.eml", "\r\n"));
        assertThat(report).isPresent();
        assertThat(report.get().recipients()).extracting(d -> d.recipient()).containsExactly("adherent@example.fr");
    }
}
