package io.scatterguard.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class AuditTrailTest extends StoreTestBase {
    final Instant t0 = Instant.parse("2026-11-20T10:00:00Z");

    @Override
    StoreSettings configure(StoreSettings s) {
        return s.withAuditWriter(1000, 7, Duration.ofMillis(20));
    }

    /** 40 transactions, one a minute; every 10th from 203.0.113.9 and rejected with BATV_INVALID. */
    List<AuditRecord> sample() {
        List<AuditRecord> out = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            boolean bad = i % 10 == 0;
            out.add(audit(t0.plusSeconds(60L * i), bad ? "203.0.113.9" : "198.51.100." + (i % 3),
                    bad ? "" : "sender" + (i % 4) + "@example.net",
                    bad ? List.of("Alice@Example.com") : List.of("bob@example.com", "carol@example.com"),
                    bad ? Outcome.REJECTED : Outcome.ACCEPTED, bad ? new String[] {"RCPT_OK", "BATV_INVALID"}
                            : new String[] {"RCPT_OK", "RCPT_OK", "SPF_PASS"}));
        }
        return out;
    }

    @Test
    void backgroundWriterStoresEverythingInBatches() {
        for (AuditRecord r : sample()) assertThat(store.audit().record(r)).isTrue();
        assertThat(store.audit().flush(Duration.ofSeconds(20))).isTrue();
        AuditTrail.WriterStats s = store.audit().writerStats();
        assertThat(s.written()).isEqualTo(40);
        assertThat(s.dropped()).isZero();
        assertThat(s.queued()).isZero();
        Page<AuditEntry> all = store.audit().search(AuditQuery.all().limit(1000));
        assertThat(all.items()).hasSize(40);
        assertThat(all.items().get(0).record().time()).isEqualTo(t0.plusSeconds(60L * 39));
    }

    @Test
    void aRecordComesBackAsWritten() {
        AuditRecord r = new AuditRecord(t0, "node-a", "sess-9", "192.0.2.1", "mail.example.org", "HELO.Example.org", true,
                "Sender@Example.net", List.of("alice@example.com", "bob@example.com"),
                List.of(new RefusedRecipient("nobody@example.com", "550 5.1.1 no such user")),
                List.of(new CheckResult("recipients", "continue", "RCPT_OK"), new CheckResult("recipients", "reject", "RCPT_UNKNOWN"),
                        new CheckResult("backscatter", "quarantine", "BOUNCE_NOT_OURS")),
                "END_OF_DATA", Outcome.QUARANTINED, 250, "250 2.0.0 Ok: held for review 7", 4321, "<m@example.org>", "dsn", true,
                OptionalLong.of(7));
        store.audit().writeNow(List.of(r));
        AuditEntry e = store.audit().search(AuditQuery.all()).items().get(0);
        assertThat(store.audit().get(e.id())).contains(e);
        AuditRecord back = e.record();
        assertThat(back.recipients()).containsExactly("alice@example.com", "bob@example.com");
        assertThat(back.refused()).containsExactly(new RefusedRecipient("nobody@example.com", "550 5.1.1 no such user"));
        assertThat(back.checks()).isEqualTo(r.checks());
        assertThat(back.clientName()).isEqualTo("mail.example.org");
        assertThat(back.helo()).isEqualTo("HELO.Example.org");
        assertThat(back.sender()).isEqualTo("Sender@Example.net");
        assertThat(back.quarantineId()).hasValue(7);
        assertThat(back.outcome()).isEqualTo(Outcome.QUARANTINED);
        assertThat(back.time()).isEqualTo(t0);
        assertThat(back.backscatter()).isTrue();
        assertThat(back).isEqualTo(new AuditRecord(r.time(), r.node(), r.sessionId(), r.clientIp(), "mail.example.org", r.helo(),
                r.tls(), r.sender(), r.recipients(), r.refused(), r.checks(), r.stage(), r.outcome(), r.replyCode(), r.reply(),
                r.size(), r.messageId(), r.category(), r.backscatter(), r.quarantineId()));
        // the refused recipient and the sender are searchable like the others
        assertThat(store.audit().search(AuditQuery.all().address("NOBODY@example.com")).items()).hasSize(1);
        assertThat(store.audit().search(AuditQuery.all().address("sender@example.NET")).items()).hasSize(1);
    }

    @Test
    void searchByEachCriterion() {
        store.audit().writeNow(sample());
        assertThat(store.audit().search(AuditQuery.all().address("alice@EXAMPLE.com").limit(100)).items()).hasSize(4)
                .allSatisfy(e -> assertThat(e.record().clientIp()).isEqualTo("203.0.113.9"));
        assertThat(store.audit().search(AuditQuery.all().address("sender1@example.net").limit(100)).items()).hasSize(10);
        assertThat(store.audit().search(AuditQuery.all().address("nobody@example.net")).items()).isEmpty();
        assertThat(store.audit().search(AuditQuery.all().client("203.0.113.9").limit(100)).items()).hasSize(4);
        assertThat(store.audit().search(AuditQuery.all().client("HELO.198.51.100.1").limit(100)).items())
                .allSatisfy(e -> assertThat(e.record().clientIp()).isEqualTo("198.51.100.1")).isNotEmpty();
        assertThat(store.audit().search(AuditQuery.all().symbol("BATV_INVALID").limit(100)).items()).hasSize(4);
        assertThat(store.audit().search(AuditQuery.all().symbol("RCPT_OK").limit(100)).items()).hasSize(40);
        assertThat(store.audit().search(AuditQuery.all().outcome(Outcome.REJECTED).limit(100)).items()).hasSize(4);
        assertThat(store.audit().search(AuditQuery.all().outcome(Outcome.ACCEPTED).limit(100)).items()).hasSize(36);
        assertThat(store.audit().search(AuditQuery.all().between(t0.plusSeconds(60 * 5), t0.plusSeconds(60 * 15)).limit(100))
                .items()).hasSize(10);
        // combined: address + symbol + time
        assertThat(store.audit().search(AuditQuery.all().address("alice@example.com").symbol("BATV_INVALID")
                .between(t0, t0.plusSeconds(60 * 25)).limit(100)).items()).extracting(e -> e.record().time())
                .containsExactly(t0.plusSeconds(60 * 20), t0.plusSeconds(60 * 10), t0);
        assertThat(store.audit().search(AuditQuery.all().address("bob@example.com").symbol("BATV_INVALID")).items()).isEmpty();
        assertThat(store.audit().search(AuditQuery.all().symbol("SPF_PASS").client("198.51.100.2").limit(100)).items())
                .hasSize(12);
        assertThat(store.audit().search(AuditQuery.all().category("ordinary").backscatter(false).limit(100)).items()).hasSize(40);
        assertThat(store.audit().search(AuditQuery.all().backscatter(true)).items()).isEmpty();
    }

    @Test
    void pagesFollowTheCursorWithoutGapsOrRepeats() {
        List<AuditRecord> rows = new ArrayList<>(sample());
        // several transactions in the same instant: the id breaks the tie
        for (int i = 0; i < 5; i++) rows.add(audit(t0.plusSeconds(60 * 7), "192.0.2.50", "x@example.net", List.of("bob@example.com"),
                Outcome.ACCEPTED, "RCPT_OK"));
        store.audit().writeNow(rows);
        for (AuditQuery q : List.of(AuditQuery.all(), AuditQuery.all().address("bob@example.com"), AuditQuery.all().symbol("RCPT_OK"))) {
            List<Long> seen = new ArrayList<>();
            AuditQuery page = q.limit(4);
            while (true) {
                Page<AuditEntry> p = store.audit().search(page);
                p.items().forEach(e -> seen.add(e.id()));
                if (p.next().isEmpty()) break;
                page = page.after(p.next().get());
            }
            List<Long> all = store.audit().search(q.limit(1000)).items().stream().map(AuditEntry::id).toList();
            assertThat(seen).as(q.toString()).isEqualTo(all).doesNotHaveDuplicates();
        }
    }

    @Test
    void exportsStreamEveryMatchAsCsvAndJson() throws Exception {
        List<AuditRecord> rows = new ArrayList<>(sample());
        rows.add(new AuditRecord(t0.plusSeconds(9999), "n", "s", "192.0.2.1", "", "=HYPERLINK(\"http://x\")", false,
                "a,b@example.net", List.of("bob@example.com"), List.of(), List.of(), "END_OF_DATA", Outcome.ACCEPTED, 250,
                "250 2.0.0 \"Ok\"\nsecond line", 10, "<x@y>", "ordinary", false, OptionalLong.empty()));
        store.audit().writeNow(rows);
        StringWriter csv = new StringWriter();
        long n = store.audit().exportCsv(AuditQuery.all().address("bob@example.com").limit(3), csv);
        assertThat(n).isEqualTo(37);
        String[] lines = csv.toString().split("\r\n");
        assertThat(lines[0]).startsWith("id,time,node,session,client_ip");
        assertThat(csv.toString()).contains(",\"'=HYPERLINK(\"\"http://x\"\")\",").contains("\"a,b@example.net\"")
                .contains("\"250 2.0.0 \"\"Ok\"\"\nsecond line\"");
        StringWriter json = new StringWriter();
        assertThat(store.audit().exportJson(AuditQuery.all().symbol("BATV_INVALID"), json)).isEqualTo(4);
        com.fasterxml.jackson.databind.JsonNode arr = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toString());
        assertThat(arr.isArray()).isTrue();
        assertThat(arr).hasSize(4);
        assertThat(arr.get(0).get("outcome").asText()).isEqualTo("rejected");
        assertThat(arr.get(0).get("verdicts").get(1).get("symbol").asText()).isEqualTo("BATV_INVALID");
        assertThat(arr.get(0).get("recipients").get(0).asText()).isEqualTo("Alice@Example.com");
        StringWriter none = new StringWriter();
        assertThat(store.audit().exportJson(AuditQuery.all().address("nobody@example.com"), none)).isZero();
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(none.toString())).isEmpty();
    }

    @Test
    void retentionPurgesOldTransactionsWithTheirAddresses() {
        store.audit().writeNow(sample());
        assertThat(store.audit().purgeBefore(t0.plusSeconds(60 * 30))).isEqualTo(30);
        assertThat(store.audit().search(AuditQuery.all().limit(1000)).items()).hasSize(10);
        assertThat(store.audit().search(AuditQuery.all().address("alice@example.com")).items()).hasSize(1);
        assertThat(store.audit().search(AuditQuery.all().symbol("BATV_INVALID")).items()).hasSize(1);
        now.set(t0.plus(Duration.ofDays(91)));
        assertThat(store.purgeExpired().auditTransactions()).isEqualTo(10);
    }
}
