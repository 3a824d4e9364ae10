package io.scatterguard.gateway.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What every {@link GuardState} promises, run against each implementation. Periods are seconds long
 * so that real time (Redis) leaves wide margins; the memory state runs on a clock the test moves.
 */
abstract class GuardStateContract {
    /** The state under test, fresh for each test. */
    abstract GuardState state();

    /** Lets {@code d} pass. */
    abstract void pass(Duration d) throws InterruptedException;

    private static GuardState.Charge charge(String key, long capacity, Duration period, long cost) {
        return new GuardState.Charge(key, capacity, period, cost);
    }

    @Test
    void aNewBucketIsFullAndEmpties() {
        GuardState s = state();
        GuardState.Charge c = charge("b", 3, Duration.ofHours(1), 1);
        for (int i = 0; i < 3; i++) assertThat(s.take(List.of(c))).as("take " + i).isEmpty();
        assertThat(s.take(List.of(c))).contains(c);
    }

    @Test
    void aBucketRefillsAtItsRate() throws InterruptedException {
        GuardState s = state();
        GuardState.Charge c = charge("refill", 2, Duration.ofSeconds(2), 1);
        assertThat(s.take(List.of(c, c))).isEmpty();
        assertThat(s.take(List.of(c))).contains(c);
        pass(Duration.ofMillis(1200)); // 1.2 tokens back
        assertThat(s.take(List.of(c))).isEmpty();
        assertThat(s.take(List.of(c))).contains(c);
    }

    @Test
    void takingIsAllOrNothing() {
        GuardState s = state();
        GuardState.Charge wide = charge("wide", 5, Duration.ofHours(1), 1);
        GuardState.Charge narrow = charge("narrow", 1, Duration.ofHours(1), 1);
        assertThat(s.take(List.of(wide, narrow))).isEmpty();
        for (int i = 0; i < 3; i++) assertThat(s.take(List.of(wide, narrow))).contains(narrow);
        // the refusals took nothing from the wide bucket: 4 of 5 are left
        for (int i = 0; i < 4; i++) assertThat(s.take(List.of(wide))).isEmpty();
        assertThat(s.take(List.of(wide))).contains(wide);
    }

    @Test
    void theFirstUnpaidChargeIsNamed() {
        GuardState s = state();
        GuardState.Charge a = charge("a", 1, Duration.ofHours(1), 1);
        GuardState.Charge b = charge("b2", 1, Duration.ofHours(1), 1);
        assertThat(s.take(List.of(a, b))).isEmpty();
        assertThat(s.take(List.of(a, b))).contains(a);
        assertThat(s.take(List.of(b, a))).contains(b);
    }

    @Test
    void aCostAboveTheCapacityIsNeverPaid() {
        GuardState s = state();
        GuardState.Charge big = charge("big", 3, Duration.ofSeconds(1), 4);
        assertThat(s.take(List.of(big))).contains(big);
        GuardState.Charge exact = charge("big", 3, Duration.ofSeconds(1), 3);
        assertThat(s.take(List.of(exact))).isEmpty();
    }

    private static long members(GuardState s, String key, String member, Duration window) {
        return s.admit(new GuardState.Members(key, member, window, 100), List.of()).members();
    }

    @Test
    void distinctMembersAreCountedWithinTheWindow() throws InterruptedException {
        GuardState s = state();
        Duration window = Duration.ofSeconds(2);
        assertThat(members(s, "senders", "a@example.com", window)).isEqualTo(1);
        assertThat(members(s, "senders", "b@example.com", window)).isEqualTo(2);
        assertThat(members(s, "senders", "a@example.com", window)).isEqualTo(2);
        assertThat(members(s, "other", "a@example.com", window)).isEqualTo(1);
        pass(Duration.ofMillis(2500));
        assertThat(members(s, "senders", "c@example.com", window)).isEqualTo(1);
    }

    @Test
    void aSetOverItsLimitTakesNothing() {
        GuardState s = state();
        GuardState.Charge c = charge("admitted", 10, Duration.ofHours(1), 1);
        Duration hour = Duration.ofHours(1);
        GuardState.Admission first = s.admit(new GuardState.Members("set", "a", hour, 2), List.of(c));
        assertThat(first.admitted()).isTrue();
        assertThat(first.members()).isEqualTo(1);
        assertThat(s.admit(new GuardState.Members("set", "b", hour, 2), List.of(c)).admitted()).isTrue();
        GuardState.Admission third = s.admit(new GuardState.Members("set", "c", hour, 2), List.of(c));
        assertThat(third.overLimit()).isTrue();
        assertThat(third.members()).isEqualTo(3);
        assertThat(third.unpaid()).isEmpty();
        // 2 of 10 were taken: 8 are left
        for (int i = 0; i < 8; i++) assertThat(s.take(List.of(c))).isEmpty();
        assertThat(s.take(List.of(c))).contains(c);
        // an unpaid charge is named while the set is within its limit
        GuardState.Admission broke = s.admit(new GuardState.Members("set2", "a", hour, 5), List.of(c));
        assertThat(broke.admitted()).isFalse();
        assertThat(broke.overLimit()).isFalse();
        assertThat(broke.unpaid()).contains(c);
    }

    @Test
    void firstWithinMarksOncePerPeriod() throws InterruptedException {
        GuardState s = state();
        assertThat(s.firstWithin("reply:alice>bob", Duration.ofSeconds(2))).isTrue();
        assertThat(s.firstWithin("reply:alice>bob", Duration.ofSeconds(2))).isFalse();
        assertThat(s.firstWithin("reply:alice>carol", Duration.ofSeconds(2))).isTrue();
        pass(Duration.ofMillis(2500));
        assertThat(s.firstWithin("reply:alice>bob", Duration.ofSeconds(2))).isTrue();
    }

    @Test
    void rememberedValuesAreRecalledUntilTheyExpire() throws InterruptedException {
        GuardState s = state();
        assertThat(s.recall(List.of("in:mid:1"))).isEmpty();
        s.remember(List.of("in:mid:1", "in:from:x@example.net"), "v1 n=0", Duration.ofSeconds(2));
        assertThat(s.recall(List.of("in:mid:nope", "in:from:x@example.net"))).contains("v1 n=0");
        s.remember(List.of("in:mid:1"), "v1 n=1", Duration.ofSeconds(2));
        assertThat(s.recall(List.of("in:mid:1", "in:from:x@example.net"))).contains("v1 n=1");
        pass(Duration.ofMillis(2500));
        assertThat(s.recall(List.of("in:mid:1", "in:from:x@example.net"))).isEmpty();
    }

    @Test
    void concurrentTakersNeverGetMoreThanTheCapacity() throws InterruptedException {
        GuardState s = state();
        GuardState.Charge c = charge("shared", 100, Duration.ofHours(1), 1);
        AtomicInteger granted = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(20);
        for (int t = 0; t < 20; t++) {
            Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < 10; i++) if (s.take(List.of(c)).isEmpty()) granted.incrementAndGet();
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        assertThat(granted).hasValue(100);
        assertThat(s.take(List.of(c))).isEqualTo(Optional.of(c));
    }
}
