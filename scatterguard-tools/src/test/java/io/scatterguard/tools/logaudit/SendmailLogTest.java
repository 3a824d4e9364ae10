package io.scatterguard.tools.logaudit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Sendmail reader over {@code logs/sendmail/maillog}, scenario by scenario. */
class SendmailLogTest {
    private static AuditReport r;

    @BeforeAll
    static void read() throws Exception {
        r = Fixtures.audit("sendmail/maillog");
    }

    @Test
    void dsnLinesLinkBouncesAndTheHandOffToTheDaemonKeepsTheOrigin() {
        AuditReport.KindCount b = r.kind(NotificationKind.BOUNCE);
        assertThat(b.total()).isEqualTo(3);
        assertThat(b.remote()).isEqualTo(2); // 1 and 3
        assertThat(b.local()).isEqualTo(1); // 2: the web application's own bounce
        assertThat(b.acceptThenBounce()).isEqualTo(2);
        assertThat(b.remoteOutcomes()).containsEntry(Outcome.SENT, 1L).containsEntry(Outcome.BOUNCED, 1L);
    }

    @Test
    void postmasterNotifyAboutAFailedDsnIsADoubleBounce() {
        AuditReport.KindCount d = r.kind(NotificationKind.DOUBLE_BOUNCE);
        assertThat(d.total()).isEqualTo(1);
        assertThat(d.local()).isEqualTo(1);
        Notification n = r.samples(NotificationKind.DOUBLE_BOUNCE).get(0);
        assertThat(n.originalQueueId()).isEqualTo("5AKC00c2003021");
        assertThat(n.original()).isEqualTo(OriginalSource.OUTSIDE);
        assertThat(n.originalClient()).isEqualTo("bot.example [198.51.100.50]");
    }

    @Test
    void vacationsNullSenderReplyThroughTheDaemonIsAnAutoreply() {
        assertThat(r.kind(NotificationKind.AUTOREPLY).remote()).isEqualTo(1);
        assertThat(r.samples(NotificationKind.AUTOREPLY).get(0).queueId()).isEqualTo("5AKD00d3003033");
        assertThat(r.autoresponderDeliveries()).isEqualTo(1);
    }

    @Test
    void refusalsAndAdvice() {
        assertThat(r.refusalsByStage()).containsEntry("RCPT", 1L).containsEntry("CONNECT", 1L);
        assertThat(r.unknownUserRefusals()).isEqualTo(1);
        assertThat(r.advice()).extracting(AdviceItem::id).contains("accept-then-bounce", "sendmail-virtusertable",
                "autoreplies", "undeliverable-notices");
    }
}
