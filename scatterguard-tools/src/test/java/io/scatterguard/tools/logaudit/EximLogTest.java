package io.scatterguard.tools.logaudit;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.mail.bounce.Reason;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Exim reader over {@code logs/exim/mainlog}, scenario by scenario. */
class EximLogTest {
    private static AuditReport r;

    @BeforeAll
    static void read() throws Exception {
        r = Fixtures.audit("exim/mainlog");
    }

    @Test
    void bouncesAreLinkedToTheirOriginalsByR() {
        AuditReport.KindCount b = r.kind(NotificationKind.BOUNCE);
        assertThat(b.total()).isEqualTo(2); // 1 and 5; 3 is someone else's bounce arriving
        assertThat(b.remote()).isEqualTo(2);
        assertThat(b.acceptThenBounce()).isEqualTo(2);
        assertThat(b.remoteOutcomes()).containsEntry(Outcome.SENT, 1L).containsEntry(Outcome.BOUNCED, 1L);
        assertThat(r.samples(NotificationKind.BOUNCE)).extracting(Notification::originalQueueId)
                .containsExactly("1rAbCd-000Xyz-Ef", "1rAbGa-000Y30-Ff");
    }

    @Test
    void theAutoreplyTransportMakesTheNullSenderMessageAnAutoreply() {
        AuditReport.KindCount a = r.kind(NotificationKind.AUTOREPLY);
        assertThat(a.remote()).isEqualTo(1);
        assertThat(a.remoteSources()).containsEntry(OriginalSource.OUTSIDE, 1L);
        assertThat(r.samples(NotificationKind.AUTOREPLY).get(0).recipient()).isEqualTo("friend@remote.example.net");
        assertThat(r.autoresponderDeliveries()).isEqualTo(1);
    }

    @Test
    void aWarningAboutDeferredMailIsADelayWarning_withLongIdsPidsAndOffsets() {
        AuditReport.KindCount d = r.kind(NotificationKind.DELAY_WARNING);
        assertThat(d.remote()).isEqualTo(1);
        assertThat(d.acceptThenBounce()).isEqualTo(1);
        Notification n = r.samples(NotificationKind.DELAY_WARNING).get(0);
        assertThat(n.queueId()).isEqualTo("1rAbFb-00000000Y21-Eeee");
        assertThat(n.time().toString()).isEqualTo("2026-11-21T12:00:00Z"); // +0100 in the line
    }

    @Test
    void reasonsRefusalsAndAdvice() {
        assertThat(r.topReasons(5)).anySatisfy(c -> {
            assertThat(c.reason()).isEqualTo(Reason.USERUNKNOWN);
            assertThat(c.nextHop()).isTrue();
            assertThat(c.agent()).isEqualTo("remote_smtp_smarthost");
        }).anySatisfy(c -> assertThat(c.text()).isEqualTo("Unrouteable address"));
        assertThat(r.refusalsByStage()).containsEntry("RCPT", 2L);
        assertThat(r.unknownUserRefusals()).isEqualTo(1);
        assertThat(r.advice()).extracting(AdviceItem::id).contains("accept-then-bounce", "exim-verify-recipient",
                "exim-recipient-callout", "exim-delay-warnings", "autoreplies", "undeliverable-notices");
    }
}
