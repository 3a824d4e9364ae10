package io.scatterguard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class QuarantineStoreTest extends StoreTestBase {
    static final String MESSAGE = "Received: from mx.example.net\r\nFrom: \"Spam\" <spam@example.net>\r\nTo: alice@example.com\r\n"
            + "Subject: =?UTF-8?B?R3LDvMOfZQ==?= \u001b[31mred\r\nMessage-ID: <q1@example.net>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
            + "<p>Buy <b>now</b><script>alert(1)</script>\u001b]0;x\u0007</p>\r\n--b\r\nContent-Type: application/pdf\r\n"
            + "Content-Disposition: attachment; filename=\"invoice.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0=\r\n--b--\r\n";

    @Override
    StoreSettings configure(StoreSettings s) {
        return s.withRetention(Duration.ofDays(30), Map.of("virus", Duration.ofDays(7)), Duration.ofDays(90), Duration.ofDays(30));
    }

    QuarantineRequest request(Instant at, String category, String sender, String... rcpts) {
        return new QuarantineRequest(at, "sess-1", "192.0.2.7", "mx.example.net", "mx.example.net", true, sender, List.of(rcpts),
                category, "spamd", "SPAMD_SPAM", List.of("RCPT_OK", "SPAMD_SPAM"), "spam score 12.0 of 5.0", "Buy now",
                "<q1@example.net>", MESSAGE.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void putKeepsTheMessageAndItsRecord() {
        long id = store.quarantine().put(request(now.get(), "spam", "Spam@Example.NET", "alice@example.com", "bob@example.com"));
        QuarantinedMessage m = store.quarantine().get(id).orElseThrow();
        assertThat(m.state()).isEqualTo(QuarantineState.HELD);
        assertThat(m.node()).isEqualTo("test-node");
        assertThat(m.sender()).isEqualTo("Spam@Example.NET");
        assertThat(m.recipients()).containsExactly("alice@example.com", "bob@example.com");
        assertThat(m.clientIp()).isEqualTo("192.0.2.7");
        assertThat(m.tls()).isTrue();
        assertThat(m.symbols()).containsExactly("RCPT_OK", "SPAMD_SPAM");
        assertThat(m.size()).isEqualTo(MESSAGE.getBytes(StandardCharsets.UTF_8).length);
        assertThat(m.receivedAt()).isEqualTo(now.get());
        assertThat(m.expiresAt()).isEqualTo(now.get().plus(Duration.ofDays(30)));
        assertThat(store.quarantine().raw(id).orElseThrow()).isEqualTo(MESSAGE.getBytes(StandardCharsets.UTF_8));
        assertThat(store.quarantine().get(id + 1000)).isEmpty();
    }

    @Test
    void theViewIsSafeText() {
        long id = store.quarantine().put(request(now.get(), "spam", "spam@example.net", "alice@example.com"));
        MessageView v = store.quarantine().view(id, 10_000).orElseThrow();
        assertThat(v.headers()).anySatisfy(h -> {
            assertThat(h.name()).isEqualTo("Subject");
            assertThat(h.value()).startsWith("Grüße").doesNotContain("\u001b");
        });
        assertThat(v.text()).contains("Buy").contains("now").doesNotContain("<script>").doesNotContain("<b>")
                .doesNotContain("\u001b").doesNotContain("\u0007");
        assertThat(v.attachments()).containsExactly("application/pdf \"invoice.pdf\"");
        assertThat(v.truncated()).isFalse();
        assertThat(store.quarantine().view(id, 3).orElseThrow().truncated()).isTrue();
    }

    @Test
    void listFiltersAndPagesNewestFirst() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(store.quarantine().put(request(now.get().plusSeconds(i), i % 2 == 0 ? "spam" : "virus",
                    "s" + i + "@example.net", i == 3 ? "Carol@Example.com" : "alice@example.com")));
        }
        Page<QuarantinedMessage> p1 = store.quarantine().list(QuarantineQuery.all().limit(3));
        assertThat(p1.items()).extracting(QuarantinedMessage::id).containsExactly(ids.get(6), ids.get(5), ids.get(4));
        Page<QuarantinedMessage> p2 = store.quarantine().list(QuarantineQuery.all().limit(3).after(p1.next().orElseThrow()));
        assertThat(p2.items()).extracting(QuarantinedMessage::id).containsExactly(ids.get(3), ids.get(2), ids.get(1));
        Page<QuarantinedMessage> p3 = store.quarantine().list(QuarantineQuery.all().limit(3).after(p2.next().orElseThrow()));
        assertThat(p3.items()).extracting(QuarantinedMessage::id).containsExactly(ids.get(0));
        assertThat(p3.next()).isEmpty();
        assertThat(p2.items().get(0).recipients()).containsExactly("Carol@Example.com");

        assertThat(store.quarantine().list(QuarantineQuery.all().category("virus")).items()).hasSize(3);
        assertThat(store.quarantine().list(QuarantineQuery.all().address("carol@example.COM")).items())
                .extracting(QuarantinedMessage::id).containsExactly(ids.get(3));
        assertThat(store.quarantine().list(QuarantineQuery.all().address("S5@example.net")).items())
                .extracting(QuarantinedMessage::id).containsExactly(ids.get(5));
        assertThat(store.quarantine().list(QuarantineQuery.all().between(now.get().plusSeconds(2), now.get().plusSeconds(4)))
                .items()).extracting(QuarantinedMessage::id).containsExactly(ids.get(3), ids.get(2));
        assertThat(store.quarantine().list(QuarantineQuery.all().symbol("SPAMD_SPAM")).items()).hasSize(7);
        assertThat(store.quarantine().list(QuarantineQuery.all().symbol("OTHER")).items()).isEmpty();
        assertThatThrownBy(() -> store.quarantine().list(QuarantineQuery.all().after("nonsense!")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a page cursor");
    }

    @Test
    void retentionPerCategoryExpiresOnPurge() {
        long spam = store.quarantine().put(request(now.get(), "spam", "a@example.net", "alice@example.com"));
        long virus = store.quarantine().put(request(now.get(), "Virus", "b@example.net", "alice@example.com"));
        assertThat(store.quarantine().get(virus).orElseThrow().expiresAt()).isEqualTo(now.get().plus(Duration.ofDays(7)));
        assertThat(store.quarantine().purgeExpired(now.get().plus(Duration.ofDays(8)))).isEqualTo(1);
        assertThat(store.quarantine().get(virus)).isEmpty();
        assertThat(store.quarantine().raw(virus)).isEmpty();
        assertThat(store.quarantine().get(spam)).isPresent();
        now.set(now.get().plus(Duration.ofDays(31)));
        assertThat(store.purgeExpired().quarantined()).isEqualTo(1);
        assertThat(store.quarantine().get(spam)).isEmpty();
    }

    @Test
    void releaseDeliversOnceAndRecordsIt() throws Exception {
        long id = store.quarantine().put(request(now.get(), "spam", "a@example.net", "alice@example.com"));
        List<byte[]> delivered = new ArrayList<>();
        QuarantinedMessage r = store.quarantine().release(id, "admin", "maildir /srv/mail", (m, raw) -> delivered.add(raw));
        assertThat(delivered).hasSize(1);
        assertThat(delivered.get(0)).isEqualTo(MESSAGE.getBytes(StandardCharsets.UTF_8));
        assertThat(r.state()).isEqualTo(QuarantineState.RELEASED);
        assertThat(r.releasedBy()).contains("admin");
        assertThat(r.releasedTo()).contains("maildir /srv/mail");
        assertThat(r.releasedAt()).contains(now.get());
        assertThatThrownBy(() -> store.quarantine().release(id, "someone-else", "x", (m, raw) -> delivered.add(raw)))
                .isInstanceOfSatisfying(ReleaseRefusedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ReleaseRefusedException.Reason.ALREADY_RELEASED);
                    assertThat(e.getMessage()).contains("already released by admin");
                });
        assertThat(delivered).hasSize(1);
        assertThatThrownBy(() -> store.quarantine().release(id + 99, "admin", "x", (m, raw) -> {}))
                .isInstanceOfSatisfying(ReleaseRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(ReleaseRefusedException.Reason.NOT_FOUND));
    }

    @Test
    void aFailedDeliveryLeavesTheMessageHeld() throws Exception {
        long id = store.quarantine().put(request(now.get(), "spam", "a@example.net", "alice@example.com"));
        assertThatThrownBy(() -> store.quarantine().release(id, "admin", "proxy", (m, raw) -> {
            throw new java.io.IOException("backend said 451 4.3.0 try later");
        })).isInstanceOfSatisfying(ReleaseRefusedException.class,
                e -> assertThat(e.reason()).isEqualTo(ReleaseRefusedException.Reason.DELIVERY_FAILED));
        QuarantinedMessage m = store.quarantine().get(id).orElseThrow();
        assertThat(m.state()).isEqualTo(QuarantineState.HELD);
        assertThat(m.releaseError()).contains("backend said 451 4.3.0 try later");
        AtomicInteger n = new AtomicInteger();
        assertThat(store.quarantine().release(id, "admin", "proxy", (x, raw) -> n.incrementAndGet()).state())
                .isEqualTo(QuarantineState.RELEASED);
        assertThat(n).hasValue(1);
    }

    @Test
    void twoConcurrentReleasesDeliverOnce() throws Exception {
        for (int round = 0; round < 5; round++) {
            long id = store.quarantine().put(request(now.get(), "spam", "a@example.net", "alice@example.com"));
            AtomicInteger deliveries = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String who = "node-" + t;
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        store.quarantine().release(id, who, "proxy", (m, raw) -> {
                            deliveries.incrementAndGet();
                            Thread.sleep(50); // keep the claim while the others try
                        });
                        return true;
                    } catch (ReleaseRefusedException e) {
                        assertThat(e.reason()).isIn(ReleaseRefusedException.Reason.IN_PROGRESS,
                                ReleaseRefusedException.Reason.ALREADY_RELEASED);
                        return false;
                    }
                }));
            }
            start.countDown();
            int won = 0;
            for (Future<Boolean> f : results) won += f.get() ? 1 : 0;
            pool.shutdown();
            assertThat(won).isEqualTo(1);
            assertThat(deliveries).hasValue(1);
            assertThat(store.quarantine().get(id).orElseThrow().state()).isEqualTo(QuarantineState.RELEASED);
        }
    }

    @Test
    void deleteRemovesTheContentAndBlocksRelease() throws Exception {
        long id = store.quarantine().put(request(now.get(), "spam", "a@example.net", "alice@example.com"));
        store.quarantine().delete(id, "admin");
        QuarantinedMessage m = store.quarantine().get(id).orElseThrow();
        assertThat(m.state()).isEqualTo(QuarantineState.DELETED);
        assertThat(m.deletedBy()).contains("admin");
        assertThat(store.quarantine().raw(id)).isEmpty();
        assertThat(store.quarantine().view(id, 100)).isEmpty();
        assertThat(store.quarantine().list(QuarantineQuery.all()).items()).isEmpty();
        assertThat(store.quarantine().list(QuarantineQuery.all().state(QuarantineState.DELETED)).items()).hasSize(1);
        assertThat(store.quarantine().countByState()).containsEntry(QuarantineState.DELETED, 1L)
                .containsEntry(QuarantineState.HELD, 0L);
        assertThatThrownBy(() -> store.quarantine().release(id, "admin", "x", (x, raw) -> {}))
                .isInstanceOfSatisfying(ReleaseRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(ReleaseRefusedException.Reason.DELETED));
        assertThatThrownBy(() -> store.quarantine().delete(id, "admin"))
                .isInstanceOfSatisfying(ReleaseRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(ReleaseRefusedException.Reason.DELETED));
    }

    @Test
    void badRequestsAreRefusedClearly() {
        assertThatThrownBy(() -> request(now.get(), "spam", "a@example.net"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one recipient");
        assertThatThrownBy(() -> QuarantineQuery.all().limit(0)).hasMessageContaining("between 1 and 1000");
    }
}
