package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One expectations table per legacy format parser (fixture, recipients, action, diagnostic fragment),
 * each row checked with LF, CRLF and CR-only line endings, plus negatives: another format's bounce
 * and an ordinary message give no report.
 */
class LegacyFormatParsersTest {

    static Stream<Arguments> smtp32() {
        return LegacyFixtures.withEndings(new Object[][] {
            {"smtp32/unknown-user.eml", "gone.person@example.org,moved.away@example.org", "failed", "550 5.1.1"},
            {"smtp32/delivery-failed.eml", "far.away@example.org", "failed", "Delivery failed 20 attempts"},
        });
    }

    @ParameterizedTest
    @MethodSource("smtp32")
    void smtp32(String fixture, String recipients, String action, String diag, String ending) {
        LegacyFixtures.check(new Smtp32Parser(), fixture, recipients, action, diag, ending);
    }

    static Stream<Arguments> sina() {
        return LegacyFixtures.withEndings(new Object[][] {
            {"sina/two-recipients.eml", "first.user@sina.com,second.user@sina.com", "failed", ""},
        });
    }

    @ParameterizedTest
    @MethodSource("sina")
    void sina(String fixture, String recipients, String action, String diag, String ending) {
        LegacyFixtures.check(new SinaParser(), fixture, recipients, action, diag, ending);
    }

    static Stream<Arguments> llnl() {
        return LegacyFixtures.withEndings(new Object[][] {
            {"llnl/no-match.eml", "jdoe9@llnl.gov", "failed", "did not exactly match"},
        });
    }

    @ParameterizedTest
    @MethodSource("llnl")
    void llnl(String fixture, String recipients, String action, String diag, String ending) {
        LegacyFixtures.check(new LlnlParser(), fixture, recipients, action, diag, ending);
    }

    static Stream<Arguments> phquery() {
        return LegacyFixtures.withEndings(new Object[][] {
            {"phquery/bare-name.eml", "pat.smith@example.edu", "failed", "No matches to nameserver query"},
            {"phquery/full-address.eml", "user.one@example.edu", "failed", "final email delivery point"},
        });
    }

    @ParameterizedTest
    @MethodSource("phquery")
    void phquery(String fixture, String recipients, String action, String diag, String ending) {
        LegacyFixtures.check(new PhQueryParser(), fixture, recipients, action, diag, ending);
    }

    static Stream<Arguments> groupwise() {
        return LegacyFixtures.withEndings(new Object[][] {
            {"groupwise/exchange55.eml", "LEFT.USER@corp.example.net", "failed", "The recipient name is not recognized"},
            {"freetext/exchange2000-smtp-prefix.eml", "staff.member@corp.example.com", "failed", "not recognized"},
        });
    }

    @ParameterizedTest
    @MethodSource("groupwise")
    void groupwise(String fixture, String recipients, String action, String diag, String ending) {
        LegacyFixtures.check(new GroupWiseParser(), fixture, recipients, action, diag, ending);
    }

    static Stream<Arguments> netscape() {
        return LegacyFixtures.withEndings(new Object[][] {
            {"netscape/two-recipients.eml", "one@example.com,two@example.com", "failed", "not reachable"},
        });
    }

    @ParameterizedTest
    @MethodSource("netscape")
    void netscape(String fixture, String recipients, String action, String diag, String ending) {
        LegacyFixtures.check(new NetscapeParser(), fixture, recipients, action, diag, ending);
    }

    static Stream<Arguments> yahooClassic() {
        return LegacyFixtures.withEndings(new Object[][] {
            {"yahooclassic/disabled-accounts.eml", "old.member@yahoo.com,nobody.here@yahoo.com", "failed",
                "disabled or discontinued"},
        });
    }

    @ParameterizedTest
    @MethodSource("yahooClassic")
    void yahooClassic(String fixture, String recipients, String action, String diag, String ending) {
        LegacyFixtures.check(new YahooClassicParser(), fixture, recipients, action, diag, ending);
    }

    static Stream<Arguments> lsmtp() {
        return LegacyFixtures.withEndings(new Object[][] {
            {"lsmtp/looping.eml", "buyer@shop.example.com", "failed", "554 Message looping (received 6 times)"},
        });
    }

    @ParameterizedTest
    @MethodSource("lsmtp")
    void lsmtp(String fixture, String recipients, String action, String diag, String ending) {
        LegacyFixtures.check(new LsmtpParser(), fixture, recipients, action, diag, ending);
    }

    static Stream<Arguments> aol() {
        return LegacyFixtures.withEndings(new Object[][] {
            {"aol/screen-name.eml", "SurferDude77@aol.com", "failed", "could not be delivered"},
        });
    }

    @ParameterizedTest
    @MethodSource("aol")
    void aol(String fixture, String recipients, String action, String diag, String ending) {
        LegacyFixtures.check(new AolScreenNameParser(), fixture, recipients, action, diag, ending);
    }

    /** Every format parser declines another format's bounce and ordinary mail. */
    @Test
    void declinesOtherFormatsAndOrdinaryMail() {
        BounceParser[] parsers = {new Smtp32Parser(), new SinaParser(), new LlnlParser(), new PhQueryParser(),
            new GroupWiseParser(), new NetscapeParser(), new YahooClassicParser(), new LsmtpParser(),
            new AolScreenNameParser()};
        for (BounceParser p : parsers) {
            LegacyFixtures.assertNoReport(p, "freetext/negative-newsletter.eml");
            LegacyFixtures.assertNoReport(p, "freetext/negative-forwarded-discussion.eml");
            LegacyFixtures.assertNoReport(p, "freetext/delay-warning.eml");
        }
        LegacyFixtures.assertNoReport(new Smtp32Parser(), "lsmtp/looping.eml");
        LegacyFixtures.assertNoReport(new LsmtpParser(), "smtp32/unknown-user.eml");
        LegacyFixtures.assertNoReport(new NetscapeParser(), "yahooclassic/disabled-accounts.eml");
        LegacyFixtures.assertNoReport(new YahooClassicParser(), "netscape/two-recipients.eml");
        LegacyFixtures.assertNoReport(new AolScreenNameParser(), "yahooclassic/disabled-accounts.eml");
    }
}
