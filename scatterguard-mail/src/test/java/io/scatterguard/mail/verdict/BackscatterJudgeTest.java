package io.scatterguard.mail.verdict;

import static io.scatterguard.mail.verdict.VerdictFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.mail.batv.BatvKeyring;
import io.scatterguard.mail.batv.BatvVerifier;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.bounce.OriginalMessage;
import io.scatterguard.mail.classify.Category;
import io.scatterguard.mail.parse.ParsedMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class BackscatterJudgeTest {
    /** Day 20116: the primer's first vector (expiry day 123) is valid for a 7-day lifetime. */
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(20_116L * 86_400 + 3_600), ZoneOffset.UTC);
    private static final BatvKeyring RING = BatvKeyring.single(1, "batv-test-key");
    private static final String VALID_TAG = "prvs=1123acc2b2=alice@example.com";
    private static final String FORGED_TAG = "prvs=1123acc2b3=alice@example.com";
    private static final String OUR_ID = "m1.ours@example.com";

    private static OurSide.Builder side() {
        return OurSide.builder().domain("example.com").relayGlob("*.mx.example.com")
                .batv(new BatvVerifier(RING, 7, CLOCK));
    }

    private static InMemoryOutboundLedger ledgerWithOurId() {
        InMemoryOutboundLedger ledger = new InMemoryOutboundLedger(100, Duration.ofDays(10), CLOCK);
        ledger.record("<" + OUR_ID + ">", CLOCK.instant().minusSeconds(60));
        return ledger;
    }

    private static BackscatterVerdict judge(OurSide us, ParsedMessage m, Envelope envelope) {
        return new BackscatterJudge(us).judge(Category.DSN, m, Optional.empty(), envelope);
    }

    private static Envelope smtp(String... rcpts) {
        return Envelope.smtp("<>", List.of(rcpts));
    }

    // --- categories that are never backscatter ---

    @Test
    void ordinaryMailIsNeverBackscatter() {
        BackscatterVerdict v = new BackscatterJudge(side().build())
                .judge(Category.ORDINARY, fixture("ordinary.eml").parse(), Optional.empty());
        assertThat(v.backscatter()).isFalse();
        assertThat(v.decidedBy().symbol()).isEqualTo(JudgeSymbol.NOT_AUTO_GENERATED);
    }

    @Test
    void feedbackReportsAreNotBackscatterAndSayWhy() {
        BackscatterVerdict v = new BackscatterJudge(side().build())
                .judge(Category.FEEDBACK_REPORT, fixture("dsn-rfc822.eml").parse(), Optional.empty(), smtp("abuse@example.com"));
        assertThat(v.backscatter()).isFalse();
        assertThat(v.decidedBy().symbol()).isEqualTo(JudgeSymbol.FEEDBACK_REPORT);
        assertThat(v.decidedBy().detail()).contains("abuse");
    }

    @Test
    void readReceiptsAreNotBackscatterAndSayWhy() {
        BackscatterVerdict v = new BackscatterJudge(side().build())
                .judge(Category.READ_RECEIPT, fixture("autoreply.eml").parse(), Optional.empty(), smtp("alice@example.com"));
        assertThat(v.backscatter()).isFalse();
        assertThat(v.decidedBy().symbol()).isEqualTo(JudgeSymbol.READ_RECEIPT);
        assertThat(v.decidedBy().strength()).isEqualTo(JudgeEvidence.Strength.INFO);
    }

    // --- BATV ---

    @Test
    void validTagOnTheEnvelopeRecipientMeansOurs() {
        BackscatterVerdict v = judge(side().build(), fixture("dsn-rfc822.eml").parse(), smtp(VALID_TAG));
        assertThat(v.backscatter()).isFalse();
        assertThat(v.decidedBy().symbol()).isEqualTo(JudgeSymbol.BATV_VALID);
        assertThat(v.decidedBy().strength()).isEqualTo(JudgeEvidence.Strength.STRONG);
    }

    @Test
    void validSubaddressTagMeansOurs() {
        BackscatterVerdict v = judge(side().build(), fixture("dsn-rfc822.eml").parse(), smtp("alice+prvs=1123acc2b2@example.com"));
        assertThat(v.decidedBy().symbol()).isEqualTo(JudgeSymbol.BATV_VALID);
        assertThat(v.backscatter()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {FORGED_TAG, "prvs=5123acc2b2=alice@example.com", "prvs=12=alice@example.com"})
    void forgedUnknownKeyOrMalformedTagIsBackscatter(String rcpt) {
        BackscatterVerdict v = judge(side().build(), fixture("dsn-rfc822.eml").parse(), smtp(rcpt));
        assertThat(v.backscatter()).isTrue();
        assertThat(v.decidedBy().symbol()).isEqualTo(JudgeSymbol.BATV_INVALID);
    }

    @Test
    void expiredTagIsBackscatter() {
        OurSide later = side().batv(new BatvVerifier(RING, 7, Clock.offset(CLOCK, Duration.ofDays(9)))).build();
        BackscatterVerdict v = judge(later, fixture("dsn-rfc822.eml").parse(), smtp(VALID_TAG));
        assertThat(v.backscatter()).isTrue();
        assertThat(v.decidedBy().symbol()).isEqualTo(JudgeSymbol.BATV_EXPIRED);
    }

    @Test
    void untaggedRecipientWhileWeSignIsMissingAndBackscatter() {
        BackscatterVerdict v = judge(side().build(), fixture("dsn-rfc822.eml").parse(), smtp("alice@example.com"));
        assertThat(v.backscatter()).isTrue();
        assertThat(v.decidedBy().symbol()).isEqualTo(JudgeSymbol.NO_EVIDENCE);
        assertThat(v.find(JudgeSymbol.BATV_MISSING)).get()
                .extracting(JudgeEvidence::strength).isEqualTo(JudgeEvidence.Strength.WEAK);
    }

    @Test
    void invalidTagBeatsALedgerHit() {
        OurSide us = side().ledger(ledgerWithOurId()).build();
        BackscatterVerdict v = judge(us, fixture("dsn-rfc822.eml").parse(), smtp(FORGED_TAG));
        assertThat(v.backscatter()).isTrue();
        assertThat(v.decidedBy().symbol()).isEqualTo(JudgeSymbol.BATV_INVALID);
        assertThat(v.has(JudgeSymbol.LEDGER_HIT)).isTrue();
    }

    @Test
    void foreignTagIsReportedButDecidesNothing() {
        BackscatterVerdict v = judge(side().build(), fixture("dsn-rfc822.eml").parse(),
                smtp("SRS0=HHH=TT=example.com=alice@fwd.example.net"));
        assertThat(v.has(JudgeSymbol.BATV_FOREIGN)).isTrue();
        assertThat(v.backscatter()).isTrue();
    }

    @Test
    void fileScanFindsTheTagInDeliveredTo() {
        ParsedMessage m = fixture("dsn-rfc822.eml").with("DELIVERED_TO", VALID_TAG).parse();
        BackscatterVerdict v = new BackscatterJudge(side().build()).judge(Category.DSN, m, Optional.empty());
        assertThat(v.backscatter()).isFalse();
        assertThat(v.decidedBy().symbol()).isEqualTo(JudgeSymbol.BATV_VALID);
    }

    @Test
    void fileScanFindsTheTagOnTheQuotedReturnPath() {
        ParsedMessage m = fixture("dsn-rfc822.eml").with("ORIGINAL_RETURN_PATH", VALID_TAG).parse();
        BackscatterVerdict v = new BackscatterJudge(side().build()).judge(Category.DSN, m, Optional.empty());
        assertThat(v.backscatter()).isFalse();
        assertThat(v.decidedBy().detail()).contains(VALID_TAG);
    }

    @Test
    void fileScanFindsTheTagOnAReturnPathQuotedInPlainText() {
        ParsedMessage m = fixture("failure-notice-quoted.eml").with("ORIGINAL_RETURN_PATH", VALID_TAG).parse();
        BackscatterVerdict v = new BackscatterJudge(side().build()).judge(Category.DSN, m, Optional.empty());
        assertThat(v.backscatter()).isFalse();
        assertThat(v.decidedBy().symbol()).isEqualTo(JudgeSymbol.BATV_VALID);
    }

    @Test
    void smtpJudgesTheRecipientNotAQuotedReturnPathThatCouldBeReplayed() {
        ParsedMessage m = fixture("dsn-rfc822.eml").with("ORIGINAL_RETURN_PATH", VALID_TAG).parse();
        BackscatterVerdict v = judge(side().build(), m, smtp("alice@example.com"));
        assertThat(v.backscatter()).isTrue();
        assertThat(v.has(JudgeSymbol.BATV_VALID)).isFalse();
    }

    @Test
    void nullSenderWithSeveralRecipientsIsBackscatterEvenWithAValidTag() {
        BackscatterVerdict v = judge(side().build(), fixture("dsn-rfc822.eml").parse(), smtp(VALID_TAG, "bob@example.com"));
        assertThat(v.backscatter()).isTrue();
        assertThat(v.decidedBy().symbol()).isEqualTo(JudgeSymbol.NULL_SENDER_MULTI_RCPT);
    }

    @Test
    void severalRecipientsWithARealSenderAreFine() {
        BackscatterVerdict v = judge(side().build(), fixture("dsn-rfc822.eml").parse(),
                Envelope.smtp("bob@remote.example.net", List.of(VALID_TAG, "carol@example.com")));
        assertThat(v.has(JudgeSymbol.NULL_SENDER_MULTI_RCPT)).isFalse();
        assertThat(v.backscatter()).isFalse();
    }

    // --- ledger ---

    @Test
    void ledgerHitOnTheAttachedOriginalMeansOurs() {
        OurSide us = OurSide.builder().domain("example.com").ledger(ledgerWithOurId()).build();
        BackscatterVerdict v = judge(us, fixture("dsn-rfc822.eml").parse(), smtp("alice@example.com"));
        assertThat(v.backscatter()).isFalse();
        assertThat(v.decidedBy().symbol()).isEqualTo(JudgeSymbol.LEDGER_HIT);
        assertThat(v.decidedBy().detail()).contains(OUR_ID);
    }

    @Test
    void ledgerMissIsWeakAndBackscatter() {
        OurSide us = OurSide.builder().domain("example.com").ledger(ledgerWithOurId()).build();
        ParsedMessage m = fixture("dsn-rfc822.eml").with("ORIGINAL_ID", "spam-123@example.com").parse();
        BackscatterVerdict v = judge(us, m, smtp("alice@example.com"));
        assertThat(v.backscatter()).isTrue();
        assertThat(v.find(JudgeSymbol.LEDGER_MISS)).get()
                .extracting(JudgeEvidence::strength).isEqualTo(JudgeEvidence.Strength.WEAK);
    }

    @Test
    void ledgerHitOnAMessageIdQuotedInPlainText() {
        OurSide us = OurSide.builder().domain("example.com").ledger(ledgerWithOurId()).build();
        BackscatterVerdict v = judge(us, fixture("failure-notice-quoted.eml").parse(), smtp("alice@example.com"));
        assertThat(v.decidedBy().symbol()).isEqualTo(JudgeSymbol.LEDGER_HIT);
    }

    @Test
    void ledgerHitOnTheIdAnAutoreplyAnswers() {
        OurSide us = OurSide.builder().domain("example.com").ledger(ledgerWithOurId()).build();
        BackscatterVerdict v = new BackscatterJudge(us).judge(Category.AUTOREPLY, fixture("autoreply.eml").parse(),
                Optional.empty(), smtp("alice@example.com"));
        assertThat(v.backscatter()).isFalse();
        assertThat(v.decidedBy().symbol()).isEqualTo(JudgeSymbol.LEDGER_HIT);
    }

    @Test
    void ledgerUsesTheParsedReportsOriginal() {
        OurSide us = OurSide.builder().domain("example.com").ledger(ledgerWithOurId()).build();
        BounceReport report = new BounceReport("Test", "mail.remote.example.net",
                List.of(DeliveryStatus.builder().recipient("nobody@remote.example.net").action("failed").build()),
                new OriginalMessage("<" + OUR_ID + ">", "alice@example.com", "", "", "", "", List.of()));
        BackscatterVerdict v = new BackscatterJudge(us).judge(Category.DSN, fixture("ordinary.eml").parse(),
                Optional.of(report), smtp("alice@example.com"));
        assertThat(v.decidedBy().symbol()).isEqualTo(JudgeSymbol.LEDGER_HIT);
    }

    // --- role recipients ---

    @ParameterizedTest
    @ValueSource(strings = {"no-reply@example.com", "NoReply@example.com", "dmarc-reports@example.com", "noreply+x@example.com"})
    void roleRecipientsGetNoGenuineBounces(String rcpt) {
        BackscatterVerdict v = judge(OurSide.builder().domain("example.com").build(), fixture("dsn-rfc822.eml").parse(), smtp(rcpt));
        assertThat(v.backscatter()).isTrue();
        assertThat(v.decidedBy().symbol()).isEqualTo(JudgeSymbol.ROLE_RECIPIENT);
    }

    @Test
    void ledgerHitOutranksARoleRecipient() {
        OurSide us = OurSide.builder().domain("example.com").ledger(ledgerWithOurId()).build();
        BackscatterVerdict v = judge(us, fixture("dsn-rfc822.eml").parse(), smtp("no-reply@example.com"));
        assertThat(v.backscatter()).isFalse();
        assertThat(v.has(JudgeSymbol.ROLE_RECIPIENT)).isTrue();
    }

    // --- relays ---

    @Test
    void ourRelayQuotedIsWeakAndStillBackscatterByDefault() {
        ParsedMessage m = fixture("dsn-rfc822.eml").with("RELAY", "out2.mx.example.com").parse();
        BackscatterVerdict v = judge(OurSide.builder().domain("example.com").relayGlob("*.mx.example.com").build(), m,
                smtp("alice@example.com"));
        assertThat(v.backscatter()).isTrue();
        assertThat(v.decidedBy().symbol()).isEqualTo(JudgeSymbol.NO_EVIDENCE);
        assertThat(v.find(JudgeSymbol.RELAY_QUOTED)).get().satisfies(e -> {
            assertThat(e.strength()).isEqualTo(JudgeEvidence.Strength.WEAK);
            assertThat(e.detail()).contains("out2.mx.example.com").contains("weak");
        });
    }

    @Test
    void ourRelayQuotedCountsWhenConfigured() {
        ParsedMessage m = fixture("dsn-rfc822.eml").with("RELAY", "OUT2.MX.example.com").parse();
        OurSide us = OurSide.builder().domain("example.com").relayGlob("*.mx.example.com").weakRelayIsOurs(true).build();
        BackscatterVerdict v = judge(us, m, smtp("alice@example.com"));
        assertThat(v.backscatter()).isFalse();
        assertThat(v.decidedBy().symbol()).isEqualTo(JudgeSymbol.RELAY_QUOTED);
    }

    @Test
    void relayQuotedInPlainTextOnAFoldedLine() {
        ParsedMessage m = fixture("failure-notice-quoted.eml").with("RELAY", "out1.mx.example.com").parse();
        OurSide us = OurSide.builder().relayGlob("*.mx.example.com").weakRelayIsOurs(true).build();
        assertThat(judge(us, m, smtp("alice@example.com")).decidedBy().symbol()).isEqualTo(JudgeSymbol.RELAY_QUOTED);
    }

    @Test
    void otherHeadersThanReceivedDoNotCount() {
        ParsedMessage m = fixture("failure-notice-quoted.eml").parse();
        OurSide us = OurSide.builder().relayGlob("*.relay.example.com").weakRelayIsOurs(true).build();
        assertThat(judge(us, m, smtp("alice@example.com")).has(JudgeSymbol.RELAY_QUOTED)).isFalse();
    }

    @Test
    void strangersRelayDoesNotMatch() {
        BackscatterVerdict v = judge(side().build(), fixture("dsn-rfc822.eml").parse(), smtp("alice@example.com"));
        assertThat(v.has(JudgeSymbol.RELAY_QUOTED)).isFalse();
    }

    // --- the original ---

    @Test
    void originalFromAnotherDomainIsWeakEvidence() {
        ParsedMessage m = fixture("dsn-rfc822.eml").with("ORIGINAL_FROM", "someone@forged.example.org").parse();
        BackscatterVerdict v = judge(side().build(), m, smtp("alice@example.com"));
        assertThat(v.find(JudgeSymbol.ORIGINAL_FROM_OTHER_DOMAIN)).get()
                .extracting(JudgeEvidence::strength).isEqualTo(JudgeEvidence.Strength.WEAK);
        assertThat(v.backscatter()).isTrue();
    }

    @Test
    void originalFromOurDomainIsOnlyInformation() {
        BackscatterVerdict v = judge(side().build(), fixture("dsn-rfc822.eml").with("ORIGINAL_FROM", "bob@lists.example.com").parse(),
                smtp("alice@example.com"));
        assertThat(v.find(JudgeSymbol.ORIGINAL_FROM_OUR_DOMAIN)).get()
                .extracting(JudgeEvidence::strength).isEqualTo(JudgeEvidence.Strength.INFO);
    }

    @Test
    void noOriginalAndNoEvidenceIsBackscatter() {
        ParsedMessage m = fixture("ordinary.eml").parse();
        BackscatterVerdict v = new BackscatterJudge(OurSide.builder().build()).judge(Category.VIRUS_NOTICE, m, Optional.empty(),
                smtp("alice@example.com"));
        assertThat(v.backscatter()).isTrue();
        assertThat(v.decidedBy().symbol()).isEqualTo(JudgeSymbol.NO_EVIDENCE);
        assertThat(v.has(JudgeSymbol.NO_ORIGINAL)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = Category.class, names = {"DSN", "AUTOREPLY", "VIRUS_NOTICE", "CHALLENGE_RESPONSE", "SUBSCRIPTION_CONFIRM"})
    void everyAutoGeneratedKindIsJudged(Category category) {
        BackscatterJudge judge = new BackscatterJudge(side().build());
        ParsedMessage m = fixture("dsn-rfc822.eml").parse();
        assertThat(judge.judge(category, m, Optional.empty(), smtp(VALID_TAG)).backscatter()).isFalse();
        assertThat(judge.judge(category, m, Optional.empty(), smtp(FORGED_TAG)).backscatter()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\r\n", "\r"})
    void lineEndingsDoNotChangeTheVerdict(String eol) {
        OurSide us = side().ledger(ledgerWithOurId()).weakRelayIsOurs(true).build();
        for (String name : List.of("dsn-rfc822.eml", "failure-notice-quoted.eml")) {
            VerdictFixtures f = fixture(name).with("RELAY", "out1.mx.example.com").with("ORIGINAL_RETURN_PATH", VALID_TAG);
            BackscatterVerdict lf = new BackscatterJudge(us).judge(Category.DSN, f.parse(), Optional.empty());
            BackscatterVerdict other = new BackscatterJudge(us).judge(Category.DSN, f.parse(eol), Optional.empty());
            assertThat(other).as(name).isEqualTo(lf);
        }
    }

    @Test
    void emptyMessageDoesNotThrow() {
        ParsedMessage m = new io.scatterguard.mail.parse.MessageReader().read(new byte[0]);
        BackscatterVerdict v = new BackscatterJudge(side().ledger(ledgerWithOurId()).build()).judge(Category.DSN, m, Optional.empty());
        assertThat(v.backscatter()).isTrue();
    }
}
