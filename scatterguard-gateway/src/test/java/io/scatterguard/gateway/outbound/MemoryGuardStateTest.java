package io.scatterguard.gateway.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-memory state against the contract, on a clock the test moves; and its memory stays bounded. */
class MemoryGuardStateTest extends GuardStateContract {
    private final OutboundGuardTest.TestClock clock = new OutboundGuardTest.TestClock();

    @Override
    GuardState state() {
        return new MemoryGuardState(clock);
    }

    @Override
    void pass(Duration d) {
        clock.advance(d);
    }

    @Test
    void entriesPastTheirTimeAreSweptOut() {
        MemoryGuardState s = new MemoryGuardState(clock);
        for (int i = 0; i < 50_000; i++) {
            s.take(List.of(new GuardState.Charge("rate:ip:" + i, 10, Duration.ofMinutes(1), 1)));
            s.firstWithin("autoreply:" + i, Duration.ofMinutes(1));
            s.admit(new GuardState.Members("senders:ip:" + i, "a@example.com", Duration.ofMinutes(1), 10), List.of());
            s.remember(List.of("in:mid:" + i), "v1", Duration.ofMinutes(1));
            if (i % 1000 == 0) clock.advance(Duration.ofSeconds(10));
        }
        // 50 batches of 1,000 over 500 s: only the last minute's entries may remain
        assertThat(s.size()).isLessThan(4 * 8 * 1000 + 4 * 4096);
    }
}
