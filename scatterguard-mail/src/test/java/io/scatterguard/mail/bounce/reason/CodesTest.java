package io.scatterguard.mail.bounce.reason;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.mail.bounce.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Status, reply and command detection in free text. */
class CodesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "550 5.1.1 <neko@example.org>: User unknown | 5.1.1",
        "said: 550-5.7.26 blocked 550 5.7.26 details | 5.7.26",
        "550 5.7.606 Access denied, banned sending IP [192.0.2.1] | 5.7.606",
        "host 192.0.2.5 said: 550 user unknown | ''",
        "Sendmail v8.14.4 failed: 550 user unknown | ''",
        "550 5.0.0 see 5.2.2 Mailbox full | 5.2.2",
        "451 4.4.7 queue expired | 4.4.7",
        "Version 1.2.3.4 only | ''",
        "smtp; 554 5.9.1 bogus | ''",
    })
    void findsStatusCodes(String text, String want) {
        assertThat(StatusCodes.find(text, ' ')).isEqualTo(want);
    }

    @Test
    void prefersTheSpecificCode() {
        assertThat(StatusCodes.prefer("5.0.0", "5.1.1", "550")).isEqualTo("5.1.1");
        assertThat(StatusCodes.prefer("5.1.1", "5.0.0", "550")).isEqualTo("5.1.1");
        assertThat(StatusCodes.prefer("4.4.7", "5.1.1", "550")).isEqualTo("5.1.1");
        assertThat(StatusCodes.prefer("5.2.2", "4.2.2", "452")).isEqualTo("4.2.2");
        assertThat(StatusCodes.prefer("", "5.1.1", "")).isEqualTo("5.1.1");
    }

    @Test
    void validatesStatusCodes() {
        assertThat(StatusCodes.isValid("5.1.1")).isTrue();
        assertThat(StatusCodes.isValid("5.7.606")).isTrue();
        assertThat(StatusCodes.isValid("3.1.1")).isFalse();
        assertThat(StatusCodes.isValid("5.8.1")).isFalse();
        assertThat(StatusCodes.isValid("5.1")).isFalse();
        assertThat(StatusCodes.reasonOf("5.2.2")).isEqualTo(Reason.MAILBOXFULL);
        assertThat(StatusCodes.reasonOf("5.0.0")).isNull();
        assertThat(StatusCodes.pseudo(Reason.USERUNKNOWN, false)).isEqualTo("5.0.911");
        assertThat(StatusCodes.pseudo(Reason.USERUNKNOWN, true)).isEmpty();
        assertThat(StatusCodes.pseudo(Reason.MAILBOXFULL, true)).isEqualTo("4.0.922");
        assertThat(StatusCodes.pseudo(Reason.FEEDBACK, false)).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "550 5.1.1 User unknown | 550",
        "host said: 554 5.7.1 rejected, see 550 below | 550",
        "421 4.7.0 try later | 421",
        "error 5550 and 1550 | ''",
        "X-Unix; 550 | ''",
        "path /var/550/x | ''",
    })
    void findsReplyCodes(String text, String want) {
        assertThat(ReplyCodes.find(text, ' ')).isEqualTo(want);
    }

    @Test
    void validatesReplyCodes() {
        assertThat(ReplyCodes.isValid("550")).isTrue();
        assertThat(ReplyCodes.isValid("354")).isTrue();
        assertThat(ReplyCodes.isValid("499")).isFalse();
        assertThat(ReplyCodes.isValid("557")).isFalse();
        assertThat(ReplyCodes.isValid("230")).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "550 user unknown (in reply to RCPT TO command) | RCPT",
        "SMTP error from remote mail server after MAIL FROM:<a@b> SIZE=1234 | MAIL",
        ">>> DATA <<< 554 rejected | DATA",
        "mail for DATABASE@EXAMPLE.JP failed | ''",
        "550 5.7.1 rejected | ''",
    })
    void findsCommands(String text, String want) {
        assertThat(SmtpCommands.find(text)).isEqualTo(want);
    }

    @Test
    void hardAndSoft() {
        assertThat(HardBounce.isHard(Reason.USERUNKNOWN, "")).isTrue();
        assertThat(HardBounce.isHard(Reason.MAILBOXFULL, "5.2.2 mailbox full")).isFalse();
        assertThat(HardBounce.isHard(Reason.NOTACCEPT, "5.3.2 not accepting")).isTrue();
        assertThat(HardBounce.isHard(Reason.NOTACCEPT, "4.3.2 not accepting")).isFalse();
        assertThat(HardBounce.isTemporary("450 try again")).isTrue();
        assertThat(HardBounce.isTemporary("a temporary failure")).isTrue();
        assertThat(HardBounce.isPermanent("550 no")).isTrue();
    }
}
