package io.scatterguard.gateway.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scatterguard.gateway.it.PrivateRedis;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Redis state against the contract, on a real redis-server the test starts; and what only Redis can show. */
@Timeout(120)
class RedisGuardStateIT extends GuardStateContract {
    private static PrivateRedis redis;
    private static int prefixes;
    private final List<GuardState> opened = new ArrayList<>();

    @BeforeAll
    static void startRedis() throws IOException {
        redis = PrivateRedis.start();
    }

    @AfterAll
    static void stopRedis() throws IOException {
        if (redis != null) redis.close();
    }

    @AfterEach
    void closeStates() {
        opened.forEach(GuardState::close);
    }

    private RedisGuardState open(String prefix) {
        RedisGuardState s = new RedisGuardState(redis.url(), Duration.ofMillis(500), prefix);
        opened.add(s);
        return s;
    }

    @Override
    GuardState state() {
        return open("test" + (++prefixes) + ":"); // a fresh key space per test
    }

    @Override
    void pass(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    @Test
    void twoNodesShareOneBucket() throws InterruptedException {
        String prefix = "nodes" + (++prefixes) + ":";
        GuardState a = open(prefix), b = open(prefix);
        GuardState.Charge c = new GuardState.Charge("rate:user:alice:msg:50/1h", 50, Duration.ofHours(1), 1);
        AtomicInteger granted = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(2);
        for (GuardState node : List.of(a, b)) {
            Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 40; i++) if (node.take(List.of(c)).isEmpty()) granted.incrementAndGet();
                done.countDown();
            });
        }
        done.await();
        assertThat(granted).hasValue(50);
        // what one node remembers, the other recalls
        a.remember(List.of("in:mid:x"), "v1 n=0 o=1 spf=pass a=0 l=0", Duration.ofMinutes(1));
        assertThat(b.recall(List.of("in:mid:x"))).contains("v1 n=0 o=1 spf=pass a=0 l=0");
    }

    @Test
    void anOutageIsReportedQuicklyAndRecoveredFrom() throws Exception {
        GuardState s = state();
        GuardState.Charge c = new GuardState.Charge("outage", 1000, Duration.ofHours(1), 1);
        assertThat(s.take(List.of(c))).isEmpty();
        redis.kill();
        try {
            long start = System.nanoTime();
            assertThatThrownBy(() -> s.take(List.of(c))).isInstanceOf(GuardState.UnavailableException.class)
                    .hasMessageContaining("127.0.0.1:" + redis.port());
            assertThatThrownBy(() -> s.recall(List.of("k"))).isInstanceOf(GuardState.UnavailableException.class);
            assertThatThrownBy(() -> s.firstWithin("k", Duration.ofSeconds(1))).isInstanceOf(GuardState.UnavailableException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        } finally {
            redis.run(); // same port, empty: the scripts must be loaded again
        }
        long end = System.nanoTime() + 20_000_000_000L;
        while (true) {
            try {
                assertThat(s.take(List.of(c))).isEmpty();
                break;
            } catch (GuardState.UnavailableException notYet) {
                if (System.nanoTime() > end) throw notYet;
                Thread.sleep(100); // reconnecting
            }
        }
        assertThat(s.admit(new GuardState.Members("after", "m", Duration.ofSeconds(5), 9), List.of()).members()).isEqualTo(1);
    }

    @Test
    void aRedisThatWasNeverReachableIsUnavailableNotAHang() {
        RedisGuardState s = new RedisGuardState("redis://127.0.0.1:1/0", Duration.ofMillis(300), "x:");
        opened.add(s);
        assertThatThrownBy(() -> s.take(List.of(new GuardState.Charge("k", 1, Duration.ofSeconds(1), 1))))
                .isInstanceOf(GuardState.UnavailableException.class).hasMessageContaining("cannot connect");
        assertThat(s.toString()).isEqualTo("redis://127.0.0.1:1/0");
    }

    @Test
    void thePasswordIsNotShown() {
        RedisGuardState s = new RedisGuardState("redis://:s3cret@127.0.0.1:6390/2", Duration.ofMillis(300), "x:");
        opened.add(s);
        assertThat(s.toString()).doesNotContain("s3cret").isEqualTo("redis://127.0.0.1:6390/2");
    }
}
