package io.scatterguard.tools.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.mail.bounce.Reason;
import io.scatterguard.tools.logaudit.AdviceItem;
import io.scatterguard.tools.logaudit.AuditReport;
import io.scatterguard.tools.logaudit.AuditText;
import io.scatterguard.tools.logaudit.LogAudit;
import io.scatterguard.tools.logaudit.LogInput;
import io.scatterguard.tools.logaudit.Notification;
import io.scatterguard.tools.logaudit.NotificationKind;
import io.scatterguard.tools.logaudit.OriginalSource;
import io.scatterguard.tools.logaudit.Outcome;
import io.scatterguard.tools.logaudit.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The log audit over a log written by a real Postfix that the test drives into backscatter: a
 * private instance with one smtpd that knows its users (default local_recipient_maps) and one that
 * does not ({@code -o local_recipient_maps=}: accepts everything, local(8) bounces later). Mail
 * comes from "outside" through XCLIENT (Postfix logs the remote-looking client; the traffic stays
 * on loopback); every remote domain is an smtp-sink on loopback, one of which refuses recipients
 * (the forged sender's domain), which makes a double bounce. A vacation pipe answers with the null
 * sender. Half-way the log is rotated with {@code postfix logrotate} (gzip), so the audit reads a
 * compressed and a plain file — given newest first.
 */
@Timeout(300)
class LogauditPostfixIT {
    private static SmtpSink sink;
    private static SmtpSink refusing;
    private static PrivatePostfix postfix;
    private static int strict;
    private static int lax;
    private static AuditReport report;
    private static Path rotated;

    @BeforeAll
    static void driveAPostfixIntoBackscatter() throws Exception {
        Path swaks = Swaks.path();
        sink = SmtpSink.start();
        refusing = SmtpSink.start("-f", "RCPT");
        strict = RealServers.freePort();
        lax = RealServers.freePort();
        postfix = new PrivatePostfix("sg-logaudit-");
        Path vacation = postfix.dir.resolve("vacation.sh");
        Files.writeString(vacation, String.join("\n",
                "#!/bin/sh",
                "# vacation program: reads the message, answers its sender with the null sender",
                "cat >/dev/null",
                "exec " + swaks + " --server 127.0.0.1:" + strict + " --from '<>' --to \"$1\""
                        + " --header 'Subject: Out of office' --header 'Auto-Submitted: auto-replied' --body 'I am away'"
                        + " >/dev/null 2>&1", ""));
        Files.setPosixFilePermissions(vacation, PosixFilePermissions.fromString("rwxr-xr-x"));
        postfix.main(
                        "mydestination = example.com away.example.com",
                        "relayhost = [127.0.0.1]:" + sink.port,
                        "transport_maps = inline:{ forged.example=smtp:[127.0.0.1]:" + refusing.port
                                + ", away.example.com=vacation: }",
                        "smtpd_authorized_xclient_hosts = 127.0.0.0/8",
                        "notify_classes = resource, software, 2bounce",
                        "2bounce_notice_recipient = postmaster@admin.example",
                        "queue_run_delay = 5s", "minimal_backoff_time = 5s", "maximal_backoff_time = 10s")
                .master("127.0.0.1:" + strict + " inet n - n - - smtpd",
                        "127.0.0.1:" + lax + " inet n - n - - smtpd -o local_recipient_maps=",
                        "vacation unix - n n - - pipe flags=q user=nobody argv=" + vacation + " ${sender} ${recipient}")
                .start(strict, lax);

        // Before the rotation: two accept-then-bounces (one to a forged sender whose server refuses
        // it: a double bounce follows) and one refusal at RCPT by the smtpd that knows its users.
        assertThat(fromOutside(lax, "victim@forged.example", "no-such-user-1@example.com")).contains("queued as");
        assertThat(fromOutside(lax, "info@remote.example.net", "no-such-user-2@example.com")).contains("queued as");
        assertThat(fromOutside(strict, "spam@remote.example.net", "no-such-user-3@example.com"))
                .contains("550 5.1.1 <no-such-user-3@example.com>: Recipient address rejected: User unknown in local recipient table");
        PrivatePostfix.await("the bounces and the double bounce", 120, () -> quiet()
                && count(log(), "sender non-delivery notification") == 2 && log().contains("postmaster non-delivery notification"));
        postfix.logrotate();
        PrivatePostfix.await("the rotated log", 30, () -> rotated() != null);
        rotated = rotated();

        // After it: an autoreply from the vacation pipe, and a bounce about our own user's mail.
        assertThat(fromOutside(lax, "friend@remote.example.net", "carol@away.example.com")).contains("queued as");
        assertThat(Swaks.send("--server", "127.0.0.1:" + lax, "--from", "clerk@example.org", "--to", "no-such-user-4@example.com"))
                .contains("queued as");
        PrivatePostfix.await("the autoreply and the last bounce", 120, () -> quiet()
                && log().contains("delivered via vacation service") && log().contains("sender non-delivery notification"));

        report = LogAudit.run(List.of(LogInput.file(postfix.log.toString()), LogInput.file(rotated.toString())),
                LogAudit.Options.defaults());
        AuditText.write(report, 10, System.out);
    }

    private static String fromOutside(int port, String from, String to) throws Exception {
        return Swaks.send("--server", "127.0.0.1:" + port, "--xclient-addr", "203.0.113.7", "--xclient-name",
                "mail.spammer.example", "--from", from, "--to", to);
    }

    private static boolean quiet() {
        try {
            return postfix.queueEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    private static String log() {
        try {
            return postfix.logText();
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static Path rotated() {
        try (Stream<Path> files = Files.list(postfix.dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("maillog.") && p.toString().endsWith(".gz"))
                    .findFirst().orElse(null);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) n++;
        return n;
    }

    @AfterAll
    static void stop() throws Exception {
        if (postfix != null) postfix.close();
        if (sink != null) sink.close();
        if (refusing != null) refusing.close();
    }

    @Test
    void bothFilesAreReadOldestFirstTheRotatedOneThroughGzip() {
        assertThat(report.inputs()).hasSize(2);
        AuditReport.InputSummary first = report.inputs().get(0);
        assertThat(first.name()).isEqualTo(rotated.toString());
        assertThat(first.problem()).isNull();
        assertThat(first.recognised().values().stream().mapToLong(Long::longValue).sum()).isGreaterThan(20);
        assertThat(report.inputs().get(1).name()).isEqualTo(postfix.log.toString());
    }

    @Test
    void theAcceptThenBouncesFromOutsideAreFoundAndTheOwnUsersBounceIsNot() {
        AuditReport.KindCount b = report.kind(NotificationKind.BOUNCE);
        assertThat(b.total()).isEqualTo(3);
        assertThat(b.remote()).isEqualTo(3);
        assertThat(b.acceptThenBounce()).isEqualTo(2);
        assertThat(b.remoteSources()).containsEntry(OriginalSource.OUTSIDE, 2L).containsEntry(OriginalSource.OWN_USERS, 1L);
        assertThat(b.remoteOutcomes()).containsEntry(Outcome.BOUNCED, 1L).containsEntry(Outcome.SENT, 2L);
        List<Notification> samples = report.samples(NotificationKind.BOUNCE);
        assertThat(samples).extracting(Notification::recipient)
                .containsExactly("victim@forged.example", "info@remote.example.net", "clerk@example.org");
        assertThat(samples.get(0).originalClient()).isEqualTo("mail.spammer.example[203.0.113.7]");
        assertThat(samples.get(0).causes().get(0).text()).isEqualTo("unknown user: \"no-such-user-1\"");
        assertThat(samples.get(0).deliveryText()).contains("said: 500 5.3.0");
    }

    @Test
    void theBounceToTheForgedSenderCameBackAsADoubleBounce() {
        assertThat(report.kind(NotificationKind.DOUBLE_BOUNCE).total()).isEqualTo(1);
        Notification doubleBounce = report.samples(NotificationKind.DOUBLE_BOUNCE).get(0);
        assertThat(doubleBounce.recipient()).isEqualTo("postmaster@admin.example");
        assertThat(doubleBounce.original()).isEqualTo(OriginalSource.OUTSIDE); // the bounced original's origin
        assertThat(doubleBounce.originalClient()).isEqualTo("mail.spammer.example[203.0.113.7]");
    }

    @Test
    void theVacationReplyIsAnAutoreply() {
        assertThat(report.kind(NotificationKind.AUTOREPLY).remote()).isEqualTo(1);
        assertThat(report.samples(NotificationKind.AUTOREPLY).get(0).recipient()).isEqualTo("friend@remote.example.net");
        assertThat(report.autoresponderDeliveries()).isEqualTo(1);
    }

    @Test
    void whyToWhomAndWhatToChange() {
        assertThat(report.refusalsByStage()).containsEntry("RCPT", 1L);
        assertThat(report.unknownUserRefusals()).isEqualTo(1);
        assertThat(report.topReasons(1).get(0)).satisfies(c -> {
            assertThat(c.reason()).isEqualTo(Reason.USERUNKNOWN);
            assertThat(c.nextHop()).isFalse();
            assertThat(c.agent()).isEqualTo("local");
            assertThat(c.count()).isEqualTo(3);
        });
        assertThat(report.topDomains(10)).extracting(AuditReport.DomainCount::domain)
                .contains("forged.example", "remote.example.net", "example.org", "admin.example");
        assertThat(report.verdict()).isEqualTo(Verdict.BACKSCATTER);
        assertThat(report.advice()).extracting(AdviceItem::id).startsWith("accept-then-bounce", "postfix-local-recipient-maps")
                .contains("autoreplies", "undeliverable-notices");
        assertThat(report.hourly()).isNotEmpty();
    }
}
