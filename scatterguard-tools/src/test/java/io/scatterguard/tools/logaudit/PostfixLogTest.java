package io.scatterguard.tools.logaudit;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.mail.bounce.Reason;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Postfix reader over {@code logs/postfix/rfc3339-mail.log}: each numbered scenario of the
 * fixture has its expectation here. (The integration test runs the same reader over a log written
 * by a real Postfix.)
 */
class PostfixLogTest {
    private static AuditReport r;

    @BeforeAll
    static void read() throws Exception {
        r = Fixtures.audit("postfix/rfc3339-mail.log");
    }

    @Test
    void everyNumberedScenarioIsCountedWhereItBelongs() {
        AuditReport.KindCount bounces = r.kind(NotificationKind.BOUNCE);
        // 1, 2, 4, 5, 6 went to remote servers; 3 to alice's local mailbox; the postmaster copy in 1 is not a notice
        assertThat(bounces.total()).isEqualTo(6);
        assertThat(bounces.remote()).isEqualTo(5);
        assertThat(bounces.local()).isEqualTo(1);
        // 1, 2, 4 (XFORWARD's real client), 5 (through the content filter); 6's original is before the log
        assertThat(bounces.acceptThenBounce()).isEqualTo(4);
        assertThat(bounces.remoteSources()).containsEntry(OriginalSource.OUTSIDE, 4L).containsEntry(OriginalSource.UNKNOWN, 1L);
        assertThat(bounces.remoteOutcomes()).containsEntry(Outcome.SENT, 3L).containsEntry(Outcome.BOUNCED, 1L)
                .containsEntry(Outcome.DEFERRED, 1L);
        assertThat(r.kind(NotificationKind.DELAY_WARNING).acceptThenBounce()).isEqualTo(1);
        assertThat(r.kind(NotificationKind.AUTOREPLY).remote()).isEqualTo(1);
        assertThat(r.kind(NotificationKind.DOUBLE_BOUNCE).total()).isZero(); // 1's postmaster copy is not one
        assertThat(r.acceptThenBounce()).isEqualTo(5);
        assertThat(r.verdict()).isEqualTo(Verdict.BACKSCATTER);
        assertThat(r.verdict().exitCode()).isEqualTo(1);
    }

    @Test
    void aReusedQueueIdStartsANewMessage() {
        List<Notification> s = r.samples(NotificationKind.BOUNCE);
        assertThat(s).extracting(Notification::originalQueueId).containsSubsequence("3F2A11A0", "3F2A11A0");
        assertThat(s.get(0).causes()).extracting(Failure::recipient).containsExactly("nosuch@example.com");
        assertThat(s.get(1).causes()).extracting(Failure::recipient).containsExactly("ghost@example.com");
        assertThat(s.get(1).originalClient()).isEqualTo("unknown[192.0.2.44]");
    }

    @Test
    void theContentFilterHandOffCarriesTheOutsideOriginToTheRequeuedMessage() {
        Notification viaFilter = r.samples(NotificationKind.BOUNCE).get(2);
        assertThat(viaFilter.queueId()).isEqualTo("2A3B4C7F");
        assertThat(viaFilter.originalQueueId()).isEqualTo("2A3B4C6E");
        assertThat(viaFilter.originalClient()).isEqualTo("mail.outside.example[192.0.2.150]");
        assertThat(viaFilter.acceptThenBounce()).isTrue();
    }

    @Test
    void reasonsSayWhoDecided() {
        assertThat(r.topReasons(10)).anySatisfy(c -> {
            assertThat(c.reason()).isEqualTo(Reason.USERUNKNOWN);
            assertThat(c.nextHop()).isFalse();
            assertThat(c.agent()).isEqualTo("local");
            assertThat(c.text()).isEqualTo("unknown user: \"…\"");
            assertThat(c.count()).isEqualTo(3);
        }).anySatisfy(c -> {
            assertThat(c.reason()).isEqualTo(Reason.USERUNKNOWN);
            assertThat(c.nextHop()).isTrue();
            assertThat(c.text()).contains("User unknown in local recipient table").doesNotContain("nobody@example.com");
        }).anySatisfy(c -> assertThat(c.reason()).isEqualTo(Reason.EXPIRED))
                .anySatisfy(c -> assertThat(c.reason()).isEqualTo(Reason.MAILBOXFULL));
    }

    @Test
    void refusalsInTheSessionAreCountedForContrast() {
        assertThat(r.refusals()).isEqualTo(3);
        assertThat(r.unknownUserRefusals()).isEqualTo(1);
        assertThat(r.refusalsByStage()).containsEntry("RCPT", 2L).containsEntry("END-OF-DATA", 1L);
        assertThat(r.autoresponderDeliveries()).isEqualTo(1);
    }

    @Test
    void recipientDomainsAndTheHourlyHistogram() {
        assertThat(r.topDomains(1)).containsExactly(new AuditReport.DomainCount("remote.example.net", 2));
        assertThat(r.hourly()).hasSize(7);
        assertThat(r.hourly().stream().mapToLong(AuditReport.Bucket::total).sum()).isEqualTo(r.remoteTotal());
        assertThat(r.daily()).extracting(b -> b.start().atZone(Fixtures.ZONE).getDayOfMonth()).containsExactly(20, 21);
    }

    @Test
    void theAdviceNamesThePostfixSettingsForEachCause() {
        assertThat(r.advice()).extracting(AdviceItem::id).containsExactly("accept-then-bounce",
                "postfix-local-recipient-maps", "postfix-relay-recipient-maps", "postfix-quota-at-rcpt", "postfix-expired",
                "postfix-delay-warnings", "autoreplies", "undeliverable-notices");
        assertThat(r.advice().get(1).text()).contains("local_recipient_maps = proxy:unix:passwd.byname $alias_maps")
                .contains("smtpd_reject_unlisted_recipient = yes").startsWith("3 bounce(s)");
        assertThat(r.advice().get(2).text()).contains("relay_recipient_maps").contains("reject_unverified_recipient");
    }
}
