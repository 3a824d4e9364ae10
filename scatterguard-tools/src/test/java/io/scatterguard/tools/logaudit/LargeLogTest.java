package io.scatterguard.tools.logaudit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Logs of any size in bounded memory (the module's tests run in a 256 MB heap): a generated
 * Postfix log of 200,000 accept-then-bounce stories to 180,001 forged domains — 1.6 million
 * lines, 190 MB — streamed through the audit, and one whose messages never end.
 */
class LargeLogTest {
    /** Postfix lines generated on demand: nothing of the log is ever in memory as a whole. */
    static final class SyntheticPostfixLog extends InputStream {
        private final int stories;
        private final boolean withEnds;
        private int next;
        private byte[] buf = new byte[0];
        private int pos;

        SyntheticPostfixLog(int stories, boolean withEnds) {
            this.stories = stories;
            this.withEnds = withEnds;
        }

        @Override
        public int read() {
            if (pos >= buf.length && !refill()) return -1;
            return buf[pos++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= buf.length && !refill()) return -1;
            int n = Math.min(len, buf.length - pos);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }

        private boolean refill() {
            if (next >= stories) return false;
            int i = next++;
            String t = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i).toString().replace("Z", "+00:00");
            String orig = String.format("%010X", 2L * i + 0x100000);
            String bounce = String.format("%010X", 2L * i + 0x100001);
            // every tenth story to one frequent domain, the rest each to its own
            String domain = i % 10 == 0 ? "often.example" : "d" + i + ".example";
            StringBuilder sb = new StringBuilder(1600);
            sb.append(t).append(" mx postfix/smtpd[1]: ").append(orig).append(": client=bot").append(i % 250)
                    .append(".example[198.51.100.").append(i % 250).append("]\n");
            sb.append(t).append(" mx postfix/qmgr[2]: ").append(orig).append(": from=<victim").append(i).append('@')
                    .append(domain).append(">, size=2000, nrcpt=1 (queue active)\n");
            sb.append(t).append(" mx postfix/local[3]: ").append(orig).append(": to=<nobody").append(i)
                    .append("@example.com>, relay=local, delay=0.1, delays=0/0/0/0.1, dsn=5.1.1, status=bounced (unknown user: \"nobody")
                    .append(i).append("\")\n");
            sb.append(t).append(" mx postfix/bounce[4]: ").append(orig).append(": sender non-delivery notification: ").append(bounce).append('\n');
            sb.append(t).append(" mx postfix/qmgr[2]: ").append(bounce).append(": from=<>, size=3000, nrcpt=1 (queue active)\n");
            if (withEnds) sb.append(t).append(" mx postfix/qmgr[2]: ").append(orig).append(": removed\n");
            sb.append(t).append(" mx postfix/smtp[5]: ").append(bounce).append(": to=<victim").append(i).append('@').append(domain)
                    .append(">, relay=mx.").append(domain).append("[203.0.113.25]:25, delay=1, delays=0/0/0.5/0.5, dsn=2.0.0, status=sent (250 2.0.0 Ok)\n");
            if (withEnds) sb.append(t).append(" mx postfix/qmgr[2]: ").append(bounce).append(": removed\n");
            buf = sb.toString().getBytes(StandardCharsets.UTF_8);
            pos = 0;
            return true;
        }
    }

    @Test
    @Timeout(180)
    void aLargeLogIsReadInBoundedMemory() {
        int stories = 200_000;
        AuditReport r = LogAudit.run(List.of(LogInput.stream("generated", new SyntheticPostfixLog(stories, true))),
                Fixtures.options());
        assertThat(r.inputs().get(0).lines()).isEqualTo(8L * stories);
        assertThat(r.inputs().get(0).bytes()).isGreaterThan(180_000_000L);
        assertThat(r.kind(NotificationKind.BOUNCE).remote()).isEqualTo(stories);
        assertThat(r.acceptThenBounce()).isEqualTo(stories);
        assertThat(r.evicted()).isZero();
        // 180,001 distinct domains do not fit the counter: the frequent one keeps its place and count
        assertThat(r.domainsApproximate()).isTrue();
        assertThat(r.topDomains(1)).containsExactly(new AuditReport.DomainCount("often.example", stories / 10));
        assertThat(r.topReasons(5)).hasSize(1);
        assertThat(r.topReasons(1).get(0).count()).isEqualTo(stories);
    }

    @Test
    @Timeout(120)
    void messagesWhoseEndIsNotInTheLogAreFinishedWhenTheTableIsFull() {
        int stories = 20_000;
        LogAudit.Options small = new LogAudit.Options(Fixtures.ZONE, null, Networks.of(List.of()), 1_000);
        AuditReport r = LogAudit.run(List.of(LogInput.stream("generated", new SyntheticPostfixLog(stories, false))), small);
        assertThat(r.evicted()).isGreaterThan(stories); // originals and bounces, all but the last 1,000 of each
        assertThat(r.kind(NotificationKind.BOUNCE).remote()).isEqualTo(stories);
        assertThat(r.advice()).extracting(AdviceItem::id).contains("too-many-open");
    }
}
