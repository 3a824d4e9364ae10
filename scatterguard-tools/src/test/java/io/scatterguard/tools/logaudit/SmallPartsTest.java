package io.scatterguard.tools.logaudit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Networks, the bounded counter, reason normalisation and the message table's bounds. */
class SmallPartsTest {
    @Test
    void internalNetworksAreLoopbackPrivateAndConfigured() {
        Networks n = Networks.of(List.of("192.0.2.0/24", "2001:db8::/32"));
        assertThat(n.internal("127.0.0.1")).isTrue();
        assertThat(n.internal("10.1.2.3")).isTrue();
        assertThat(n.internal("172.31.0.1")).isTrue();
        assertThat(n.internal("172.32.0.1")).isFalse();
        assertThat(n.internal("::1")).isTrue();
        assertThat(n.internal("IPv6:::ffff:192.168.1.1")).isTrue();
        assertThat(n.internal("192.0.2.77")).isTrue();
        assertThat(n.internal("2001:db8::25")).isTrue();
        assertThat(n.internal("198.51.100.7")).isFalse();
        assertThat(n.internal("unknown")).isFalse();
        assertThat(n.internal("mail.example.com")).isFalse(); // never a DNS look-up
        assertThatThrownBy(() -> Networks.of(List.of("192.0.2.0/33"))).hasMessageContaining("192.0.2.0/33");
        assertThatThrownBy(() -> Networks.of(List.of("example.com/24"))).hasMessageContaining("not an IP network");
    }

    @Test
    void theTopCounterIsExactWhileSmallAndBoundedWhenNot() {
        TopCounter c = new TopCounter(10);
        for (int i = 0; i < 100; i++) c.add("frequent");
        for (int i = 0; i < 5; i++) c.add("second");
        assertThat(c.approximate()).isFalse();
        for (int i = 0; i < 10_000; i++) c.add("rare-" + i);
        assertThat(c.approximate()).isTrue();
        assertThat(c.distinct()).isLessThanOrEqualTo(20);
        assertThat(c.top(2)).extracting(TopCounter.Entry::key).containsExactly("frequent", "second");
        assertThat(c.top(1).get(0).count()).isEqualTo(100);
        assertThat(c.total()).isEqualTo(10_105);
    }

    @Test
    void reasonTextsLoseWhatDiffersFromMessageToMessage() {
        assertThat(ReasonText.normalise("unknown user: \"nosuch\"")).isEqualTo("unknown user: \"…\"");
        assertThat(ReasonText.normalise("host mx.forged.example[203.0.113.25] said: 550 5.1.1 <victim@forged.example>: "
                + "Recipient address rejected: User unknown (in reply to RCPT TO command)"))
                .isEqualTo("remote server said: 550 5.1.1 <address>: Recipient address rejected: User unknown (in reply to RCPT TO command)");
        assertThat(ReasonText.normalise("connect to store.example.com[10.0.0.5]:25: Connection refused"))
                .isEqualTo("connect to host[ip]: Connection refused");
        assertThat(ReasonText.normalise("250 2.0.0 Ok: queued as 4F2A1B3C")).isEqualTo("250 2.0.0 Ok: queued as …");
        assertThat(ReasonText.normalise("x".repeat(500))).hasSize(160);
    }

    @Test
    void theMessageTableFinishesTheLeastRecentlySeenWhenFull() {
        List<String> finished = new ArrayList<>();
        MessageTable t = new MessageTable(3, m -> finished.add(m.queueId));
        Instant now = Instant.EPOCH;
        for (int i = 1; i <= 5; i++) t.start("h/Q" + i, "Q" + i, now, i);
        assertThat(finished).containsExactly("Q1", "Q2");
        assertThat(t.evicted()).isEqualTo(2);
        assertThat(t.openCount()).isEqualTo(3);
        TrackedMessage q3 = t.get("h/Q3"); // touching Q3 makes Q4 the eldest
        t.close(q3, 10);
        assertThat(t.find("h/Q3")).isSameAs(q3); // still findable while it settles
        t.tick(10 + MessageTable.SETTLE_LINES + 1);
        assertThat(finished).containsExactly("Q1", "Q2", "Q3");
        assertThat(t.find("h/Q3")).isNull();
        t.finishAll();
        assertThat(finished).containsExactly("Q1", "Q2", "Q3", "Q4", "Q5");
    }
}
