package io.scatterguard.tools.logaudit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LineHeadersTest {
    private final LineHeaders h = new LineHeaders(ZoneId.of("Europe/Berlin"), Instant.parse("2026-11-22T12:00:00Z"), null);

    @Test
    void traditionalSyslogAsPostfixMaillogFileWritesIt() {
        LogLine l = h.parse("Nov 22 09:05:55 mx postfix/smtpd[11761]: 412FD20C456: client=localhost[127.0.0.1]");
        assertThat(l.time()).isEqualTo(Instant.parse("2026-11-22T08:05:55Z"));
        assertThat(l.host()).isEqualTo("mx");
        assertThat(l.program()).isEqualTo("postfix/smtpd");
        assertThat(l.daemon()).isEqualTo("smtpd");
        assertThat(l.message()).isEqualTo("412FD20C456: client=localhost[127.0.0.1]");
    }

    @Test
    void aSpacePaddedDayAndAServiceNameInTheTag() {
        LogLine l = h.parse("Nov  2 09:05:55 mx postfix/submission/smtpd[7]: connect from x[192.0.2.1]");
        assertThat(l.time()).isEqualTo(Instant.parse("2026-11-02T08:05:55Z"));
        assertThat(l.daemon()).isEqualTo("smtpd");
    }

    @Test
    void aDateLaterThanTheFileIsFromTheYearBefore() {
        LogLine l = h.parse("Dec 24 18:00:00 mx sm-mta[1]: x: from=<a@b>");
        assertThat(l.time()).isEqualTo(Instant.parse("2025-12-24T17:00:00Z"));
    }

    @Test
    void rfc3339AsRsyslogAndJournalctlWriteIt() {
        assertThat(h.parse("2026-11-22T09:07:50.123456+01:00 mx postfix/qmgr[9]: ABC: removed").time())
                .isEqualTo(Instant.parse("2026-11-22T08:07:50.123456Z"));
        assertThat(h.parse("2026-11-22T09:07:50+0100 mx postfix/qmgr[9]: ABC: removed").time())
                .isEqualTo(Instant.parse("2026-11-22T08:07:50Z"));
        assertThat(h.parse("2026-11-22T08:07:50Z mx postfix/qmgr[9]: ABC: removed").time())
                .isEqualTo(Instant.parse("2026-11-22T08:07:50Z"));
    }

    @Test
    void eximsOwnFormatWithAndWithoutPidAndOffset() {
        LogLine plain = h.parse("2026-11-20 10:00:00 1rAbCd-000Xyz-Ef Completed");
        assertThat(plain.program()).isEqualTo("exim");
        assertThat(plain.time()).isEqualTo(Instant.parse("2026-11-20T09:00:00Z"));
        assertThat(plain.message()).isEqualTo("1rAbCd-000Xyz-Ef Completed");
        LogLine full = h.parse("2026-11-20 10:00:00.250 -0500 [4242] 1rAbCd-000Xyz-Ef Completed");
        assertThat(full.time()).isEqualTo(Instant.parse("2026-11-20T15:00:00.250Z"));
        assertThat(full.message()).isEqualTo("1rAbCd-000Xyz-Ef Completed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "# a comment line in a fixture that is long enough", "Foo 22 09:05:55 mx postfix/smtpd[1]: x",
            "Nov 32 09:05:55 mx postfix/smtpd[1]: x", "Nov 22 25:05:55 mx postfix/smtpd[1]: x", "Nov 22 09:05:55 mx",
            "2026-13-22T09:07:50+01:00 mx postfix/qmgr[9]: ABC: removed", "2026-11-22T09:07:50 mx no offset: x",
            "2026-11-22 09:07:50", "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000b\u000c\u000e\u000f\u0010\u0011\u0012\u0013"})
    void whatIsNotALogLineIsNull(String s) {
        assertThat(h.parse(s)).isNull();
    }
}
