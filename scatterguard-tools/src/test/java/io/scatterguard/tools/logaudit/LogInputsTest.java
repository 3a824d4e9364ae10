package io.scatterguard.tools.logaudit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the audit does with the inputs operators really have: rotated, compressed, broken, mixed. */
class LogInputsTest {
    @TempDir
    Path dir;

    private static byte[] fixture(String name) throws IOException {
        return Files.readAllBytes(Fixtures.path(name));
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(b)) {
            g.write(data);
        }
        return b.toByteArray();
    }

    @Test
    void gzipIsRecognisedByItsMagicBytesWhateverTheName() throws Exception {
        Path plain = Fixtures.path("postfix/rfc3339-mail.log");
        Path gz = Files.write(dir.resolve("mail.log.1"), gzip(fixture("postfix/rfc3339-mail.log")));
        AuditReport a = Fixtures.auditFiles(Fixtures.options(), plain);
        AuditReport b = Fixtures.auditFiles(Fixtures.options(), gz);
        assertThat(b.inputs().get(0).problem()).isNull();
        assertThat(b.inputs().get(0).lines()).isEqualTo(a.inputs().get(0).lines());
        assertThat(b.remoteTotal()).isEqualTo(a.remoteTotal()).isEqualTo(7);
        assertThat(b.acceptThenBounce()).isEqualTo(a.acceptThenBounce());
    }

    @Test
    void concatenatedGzipMembersAreReadAsOneStream() throws Exception {
        byte[] data = fixture("postfix/rfc3339-mail.log");
        int half = indexOfLineAfter(data, data.length / 2);
        byte[] twoMembers = concat(gzip(Arrays.copyOfRange(data, 0, half)), gzip(Arrays.copyOfRange(data, half, data.length)));
        AuditReport r = Fixtures.auditFiles(Fixtures.options(), Files.write(dir.resolve("mail.log.gz"), twoMembers));
        assertThat(r.remoteTotal()).isEqualTo(7);
    }

    @Test
    void aTruncatedGzipFileIsReportedAndWhatCameBeforeTheBreakCounts() throws Exception {
        byte[] gz = gzip(fixture("postfix/rfc3339-mail.log"));
        Path cut = Files.write(dir.resolve("mail.log.2.gz"), Arrays.copyOf(gz, gz.length * 2 / 3));
        AuditReport r = Fixtures.auditFiles(Fixtures.options(), cut);
        AuditReport.InputSummary s = r.inputs().get(0);
        assertThat(s.problem()).contains("ends early");
        assertThat(s.lines()).isPositive();
        assertThat(r.kind(NotificationKind.BOUNCE).total()).isPositive();
    }

    @Test
    void otherCompressionsAreRefusedWithTheCommandToUse() throws Exception {
        Path bz = Files.write(dir.resolve("mail.log.bz2"), "BZh91AY&SY garbage".getBytes(StandardCharsets.ISO_8859_1));
        Path xz = Files.write(dir.resolve("mail.log.xz"), new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0, 1, 2});
        Path zst = Files.write(dir.resolve("mail.log.zst"), new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 1, 2});
        AuditReport r = Fixtures.auditFiles(Fixtures.options(), bz, xz, zst);
        assertThat(r.inputs()).extracting(AuditReport.InputSummary::problem).containsExactlyInAnyOrder(
                bz + ": bzip2-compressed; decompress it first, for example: bzcat " + bz + " | scatterguard logaudit -",
                xz + ": xz-compressed; decompress it first, for example: xzcat " + xz + " | scatterguard logaudit -",
                zst + ": zstd-compressed; decompress it first, for example: zstdcat " + zst + " | scatterguard logaudit -");
        assertThat(r.verdict()).isEqualTo(Verdict.NO_MAIL_LOG);
    }

    @Test
    void garbageBinaryAndOverlongLinesCostNothingButUnrecognisedLines() throws Exception {
        byte[] noise = new byte[200_000];
        new Random(42).nextBytes(noise);
        byte[] longLine = ("Nov 20 09:00:00 mx postfix/smtpd[1]: " + "x".repeat(100_000) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] truncatedLine = "2026-11-20T09:59:59+01:00 mx postfix/sm".getBytes(StandardCharsets.UTF_8);
        Path mixed = Files.write(dir.resolve("mixed.log"),
                concat(noise, "\n".getBytes(StandardCharsets.UTF_8), longLine, truncatedLine, "\n".getBytes(StandardCharsets.UTF_8),
                        fixture("postfix/rfc3339-mail.log"), noise));
        AuditReport r = Fixtures.auditFiles(Fixtures.options(), mixed);
        AuditReport.InputSummary s = r.inputs().get(0);
        assertThat(s.problem()).isNull();
        assertThat(s.cutLines()).isEqualTo(1);
        assertThat(s.unrecognised()).isGreaterThan(31);
        assertThat(r.remoteTotal()).isEqualTo(7);
        assertThat(r.acceptThenBounce()).isEqualTo(5);
    }

    @Test
    void anEmptyFileAndAFileOfOtherProgramsAreNoMailLog() throws Exception {
        Path empty = Files.write(dir.resolve("empty.log"), new byte[0]);
        Path kern = Files.writeString(dir.resolve("kern.log"),
                "Nov 20 09:00:00 mx kernel: [    0.000000] Linux version 6.1.0\nNov 20 09:00:01 mx sshd[12]: Accepted key\n");
        AuditReport r = Fixtures.auditFiles(Fixtures.options(), empty, kern);
        assertThat(r.verdict()).isEqualTo(Verdict.NO_MAIL_LOG);
        assertThat(r.verdict().exitCode()).isEqualTo(2);
        assertThat(r.advice()).extracting(AdviceItem::id).containsExactly("no-mail-log");
        assertThat(r.inputs().get(1).unrecognised()).isZero(); // syslog lines, just not mail
    }

    @Test
    void unreadableInputsAreNamedBeforeAnythingIsRead() {
        assertThatThrownBy(() -> LogInput.file(dir.resolve("nope.log").toString())).hasMessageEndingWith("nope.log: no such file");
        assertThatThrownBy(() -> LogInput.file(dir.toString())).hasMessageContaining("is a directory");
    }

    /**
     * A message accepted just before rotation and bounced just after: given newest first, the files
     * are still read oldest first and the bounce is linked to its outside origin across them.
     */
    @Test
    void rotatedFilesAreReadOldestFirstSoMessagesAreFollowedAcrossThem() throws Exception {
        Path older = Files.writeString(dir.resolve("mail.log.1"), String.join("\n",
                "Nov 20 23:59:58 mx postfix/smtpd[1]: AAAA1111: client=mail.spammer.example[198.51.100.7]",
                "Nov 20 23:59:59 mx postfix/qmgr[2]: AAAA1111: from=<victim@forged.example>, size=1, nrcpt=1 (queue active)", ""));
        Path newer = Files.writeString(dir.resolve("mail.log"), String.join("\n",
                "Nov 21 00:00:01 mx postfix/local[3]: AAAA1111: to=<nosuch@example.com>, relay=local, delay=1, delays=1/0/0/0, dsn=5.1.1, status=bounced (unknown user: \"nosuch\")",
                "Nov 21 00:00:01 mx postfix/bounce[4]: AAAA1111: sender non-delivery notification: BBBB2222",
                "Nov 21 00:00:01 mx postfix/qmgr[2]: BBBB2222: from=<>, size=2, nrcpt=1 (queue active)",
                "Nov 21 00:00:01 mx postfix/qmgr[2]: AAAA1111: removed",
                "Nov 21 00:00:02 mx postfix/smtp[5]: BBBB2222: to=<victim@forged.example>, relay=mx.forged.example[203.0.113.25]:25, delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (250 Ok)",
                "Nov 21 00:00:02 mx postfix/qmgr[2]: BBBB2222: removed", ""));
        AuditReport r = Fixtures.auditFiles(Fixtures.options(), newer, older);
        assertThat(r.inputs()).extracting(AuditReport.InputSummary::name).containsExactly(older.toString(), newer.toString());
        assertThat(r.acceptThenBounce()).isEqualTo(1);
    }

    @Test
    void filesBeginningInTheSameSecondAreOrderedByTheirModificationTime() throws Exception {
        Path rotated = Files.writeString(dir.resolve("maillog.20261122-093734.gz.txt"), String.join("\n",
                "Nov 21 09:37:34 mx postfix/smtpd[1]: DDDD4444: client=mail.spammer.example[198.51.100.7]",
                "Nov 21 09:37:34 mx postfix/qmgr[2]: DDDD4444: from=<victim@forged.example>, size=1, nrcpt=1 (queue active)", ""));
        Path live = Files.writeString(dir.resolve("maillog"), String.join("\n",
                "Nov 21 09:37:34 mx postfix/master[3]: reload -- version 3.7.11, configuration /etc/postfix", ""));
        Files.setLastModifiedTime(rotated, FileTime.from(Instant.parse("2026-11-21T08:37:34Z")));
        Files.setLastModifiedTime(live, FileTime.from(Instant.parse("2026-11-21T08:40:00Z")));
        AuditReport r = Fixtures.auditFiles(Fixtures.options(), live, rotated);
        assertThat(r.inputs()).extracting(AuditReport.InputSummary::name).containsExactly(rotated.toString(), live.toString());
    }

    @Test
    void theYearOfTraditionalLinesFollowsTheFileAndTurnsOverAtNewYear() throws Exception {
        Path log = Files.writeString(dir.resolve("mail.log"), String.join("\n",
                "Dec 31 23:59:59 mx postfix/smtpd[1]: CCCC3333: client=mail.spammer.example[198.51.100.7]",
                "Jan  1 00:00:01 mx postfix/qmgr[2]: CCCC3333: removed", ""));
        Files.setLastModifiedTime(log, FileTime.from(Instant.parse("2027-01-01T08:00:00Z")));
        AuditReport r = Fixtures.auditFiles(new LogAudit.Options(Fixtures.ZONE, null, Networks.of(List.of()), 100), log);
        assertThat(r.first()).isEqualTo(Instant.parse("2026-12-31T22:59:59Z"));
        assertThat(r.last()).isEqualTo(Instant.parse("2026-12-31T23:00:01Z"));
    }

    @Test
    void stdinIsReadLikeAFile() throws Exception {
        LogInput in = LogInput.stream("-", new ByteArrayInputStream(gzip(fixture("sendmail/maillog"))));
        AuditReport r = LogAudit.run(List.of(in), Fixtures.options());
        assertThat(r.inputs().get(0).name()).isEqualTo("-");
        assertThat(r.kind(NotificationKind.BOUNCE).total()).isEqualTo(3);
    }

    @Test
    void postfixSendmailAndEximLinesInOneInputAreEachReadByTheirOwnReader() throws Exception {
        Path all = Files.write(dir.resolve("all.log"), concat(fixture("postfix/rfc3339-mail.log"), fixture("sendmail/maillog"),
                fixture("exim/mainlog")));
        AuditReport r = Fixtures.auditFiles(Fixtures.options(), all);
        assertThat(r.mtas()).containsExactly(Mta.POSTFIX, Mta.EXIM, Mta.SENDMAIL);
        assertThat(r.acceptThenBounce()).isEqualTo(5 + 2 + 3);
    }

    private static int indexOfLineAfter(byte[] data, int from) {
        for (int i = from; i < data.length; i++) if (data[i] == '\n') return i + 1;
        return data.length;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) b.writeBytes(p);
        return b.toByteArray();
    }
}
