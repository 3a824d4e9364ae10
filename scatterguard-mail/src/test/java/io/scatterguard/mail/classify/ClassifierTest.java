package io.scatterguard.mail.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.mail.Analysis;
import io.scatterguard.mail.MessageAnalyzer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each fixture under {@code classify/} is one kind of message; hard negatives live in {@code ordinary/}. */
class ClassifierTest {
    private static final MessageAnalyzer ANALYZER = new MessageAnalyzer();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "dsn-postfix.eml, dsn, DSN_REPORT_TYPE",
        "dsn-qmail-plain.eml, dsn, FROM_MAILER_DAEMON",
        "autoreply-rfc3834.eml, autoreply, AUTO_SUBMITTED_REPLIED",
        "autoreply-exchange-oof.eml, autoreply, OOF_SUBJECT_PREFIX",
        "autoreply-notes-list.eml, autoreply, AUTOREPLY_SUBJECT",
        "virus-notice.eml, virus-notice, VIRUS_SUBJECT",
        "virus-notice-amavis-style.eml, virus-notice, VIRUS_SUBJECT",
        "virus-notice-mailscanner.eml, virus-notice, VIRUS_SCANNER_MAILER",
        "subscription-ezmlm.eml, subscription-confirm, EZMLM_CONFIRM_ADDRESS",
        "challenge-tmda.eml, challenge-response, CR_TMDA_MSGID",
        "challenge-boxtrapper.eml, challenge-response, CR_HEADER",
        "subscription-mailman2.eml, subscription-confirm, LIST_ADMINISTRIVIA",
        "subscription-mailman3.eml, subscription-confirm, CONFIRM_SUBJECT",
        "feedback-arf.eml, feedback-report, ARF_REPORT_TYPE",
        "read-receipt.eml, read-receipt, MDN_REPORT_TYPE",
        "ordinary/newsletter.eml, ordinary, ",
        "ordinary/bugzilla.eml, ordinary, ",
        "ordinary/cron.eml, ordinary, ",
        "ordinary/forwarded-bounce.eml, ordinary, FORWARDED_BY_PERSON",
        "ordinary/calendar.eml, ordinary, ",
        "ordinary/person-on-vacation-topic.eml, ordinary, ",
    })
    void classifiesFixture(String file, String category, String symbol) throws IOException {
        for (String ending : new String[] {"\n", "\r\n", "\r"}) {
            Analysis a = ANALYZER.analyze(fixture(file, ending));
            assertThat(a.category().id()).as(file + " with line ending " + ending.replace("\r", "CR").replace("\n", "LF"))
                    .isEqualTo(category);
            if (symbol != null) assertThat(a.classification().hasSymbol(symbol)).as(symbol).isTrue();
        }
    }

    @ParameterizedTest
    @CsvSource({"dsn-postfix.eml", "ordinary/forwarded-bounce.eml"})
    void evidenceExplainsTheDecision(String file) throws IOException {
        Analysis a = ANALYZER.analyze(fixture(file, "\n"));
        assertThat(a.classification().evidence()).isNotEmpty().allSatisfy(e -> {
            assertThat(e.symbol()).matches("[A-Z0-9_]+");
            assertThat(e.detail()).isNotBlank();
        });
    }

    static byte[] fixture(String name, String lineEnding) throws IOException {
        try (InputStream in = ClassifierTest.class.getResourceAsStream("/classify/" + name)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.replace("\r\n", "\n").replace("\n", lineEnding).getBytes(StandardCharsets.UTF_8);
        }
    }
}
