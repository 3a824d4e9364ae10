package io.scatterguard.gateway.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.gateway.check.Verdict;
import io.scatterguard.mail.Analysis;
import io.scatterguard.mail.MessageAnalyzer;
import io.scatterguard.mail.verdict.OurSide;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The outbound guard's rules on this node's memory, with a clock the test moves. */
class OutboundGuardTest {
    private static final MessageAnalyzer ANALYZER = new MessageAnalyzer(OurSide.builder().domain("example.com").build());
    private static final OutboundGuard.Origin ALICE = new OutboundGuard.Origin("192.0.2.10", "alice");
    private static final OutboundGuard.Origin HOST = new OutboundGuard.Origin("192.0.2.20", "");

    private final TestClock clock = new TestClock();
    private final List<GuardEvent> alerts = new ArrayList<>();

    private OutboundGuard guard(GuardSettings s) {
        return new OutboundGuard(s, new MemoryGuardState(clock), alerts::add, clock);
    }

    private static GuardSettings limits(List<Rate> userMsg, List<Rate> userRcpt, List<Rate> ipMsg, List<Rate> domainMsg,
            Rate distinct, boolean refuse) {
        return new GuardSettings(userMsg, userRcpt, ipMsg, List.of(), domainMsg, List.of(), distinct, refuse, true,
                GuardSettings.Action.QUARANTINE, GuardSettings.Action.QUARANTINE, Duration.ofDays(7), Duration.ofDays(7),
                Set.of("example.com"));
    }

    private static GuardSettings rules(GuardSettings.Action action, GuardSettings.Action unknown) {
        return new GuardSettings(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), null, false, true, action,
                unknown, Duration.ofDays(7), Duration.ofDays(7), Set.of("example.com"));
    }

    // ---- rate limits ----

    @Test
    void aUserOverTheMessageRateGets451AndAnAlert() {
        OutboundGuard g = guard(limits(List.of(Rate.parse("2/1m")), List.of(), List.of(), List.of(), null, false));
        assertThat(g.rcpt(ALICE, "alice@example.com", "to@example.net", true)).isInstanceOf(Verdict.Continue.class);
        assertThat(g.rcpt(ALICE, "alice@example.com", "to@example.net", true)).isInstanceOf(Verdict.Continue.class);
        Verdict third = g.rcpt(ALICE, "alice@example.com", "to@example.net", true);
        assertThat(third).isInstanceOf(Verdict.TempFail.class);
        assertThat(third.symbol()).isEqualTo("OUT_RATE_USER");
        assertThat(((Verdict.TempFail) third).reply().toString()).startsWith("451 4.7.1").contains("user:alice")
                .contains("2 messages per 1m");
        assertThat(alerts).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo("rate-limit");
            assertThat(e.subject()).isEqualTo("user:alice");
            assertThat(e.action()).isEqualTo("tempfail");
        });
    }

    @Test
    void theBucketRefillsAtItsRate() {
        OutboundGuard g = guard(limits(List.of(Rate.parse("2/1m")), List.of(), List.of(), List.of(), null, false));
        g.rcpt(ALICE, "alice@example.com", "to@example.net", true);
        g.rcpt(ALICE, "alice@example.com", "to@example.net", true);
        assertThat(g.rcpt(ALICE, "alice@example.com", "to@example.net", true)).isInstanceOf(Verdict.TempFail.class);
        clock.advance(Duration.ofSeconds(31)); // one token back: 2 per 60 s
        assertThat(g.rcpt(ALICE, "alice@example.com", "to@example.net", true)).isInstanceOf(Verdict.Continue.class);
        assertThat(g.rcpt(ALICE, "alice@example.com", "to@example.net", true)).isInstanceOf(Verdict.TempFail.class);
    }

    @Test
    void limitsAreAllOrNothingAcrossUserAddressAndDomain() {
        // the address allows 1 per minute, the user 5: a refusal by the address takes nothing from the user
        OutboundGuard g = guard(limits(List.of(Rate.parse("5/1m")), List.of(), List.of(Rate.parse("1/1m")), List.of(),
                null, false));
        assertThat(g.rcpt(ALICE, "alice@example.com", "to@example.net", true)).isInstanceOf(Verdict.Continue.class);
        for (int i = 0; i < 10; i++) assertThat(g.rcpt(ALICE, "alice@example.com", "to@example.net", true).symbol()).isEqualTo("OUT_RATE_IP");
        // from another address the user still has 4 of 5
        OutboundGuard.Origin elsewhere = new OutboundGuard.Origin("192.0.2.99", "alice");
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofMillis(1));
            assertThat(g.rcpt(new OutboundGuard.Origin("192.0.2." + (100 + i), "alice"), "alice@example.com", "to@example.net", true))
                    .isInstanceOf(Verdict.Continue.class);
        }
        assertThat(g.rcpt(elsewhere, "alice@example.com", "to@example.net", true).symbol()).isEqualTo("OUT_RATE_USER");
    }

    @Test
    void senderDomainAndRecipientLimits() {
        GuardSettings s = new GuardSettings(List.of(), List.of(Rate.parse("3/1h")), List.of(), List.of(),
                List.of(Rate.parse("1/1h")), List.of(), null, false, true, GuardSettings.Action.QUARANTINE,
                GuardSettings.Action.QUARANTINE, Duration.ofDays(7), Duration.ofDays(7), Set.of());
        OutboundGuard g = guard(s);
        assertThat(g.rcpt(HOST, "bob@shop.example", "to@example.net", true)).isInstanceOf(Verdict.Continue.class);
        assertThat(g.rcpt(HOST, "carol@SHOP.example", "to@example.net", true).symbol()).isEqualTo("OUT_RATE_DOMAIN");
        for (int i = 0; i < 3; i++) assertThat(g.rcpt(ALICE, "alice@example.com", "r" + i + "@example.net", false))
                .isInstanceOf(Verdict.Continue.class);
        Verdict fourth = g.rcpt(ALICE, "alice@example.com", "r4@example.net", false);
        assertThat(fourth.symbol()).isEqualTo("OUT_RATE_USER_RCPT");
        assertThat(((Verdict.TempFail) fourth).reply().toString()).contains("3 recipients per 1h");
    }

    @Test
    void manyDistinctSendersRaiseTheAlarm() {
        OutboundGuard g = guard(limits(List.of(), List.of(), List.of(), List.of(), Rate.parse("3/1h"), true));
        for (int i = 0; i < 3; i++) assertThat(g.rcpt(HOST, "user" + i + "@example.com", "to@example.net", true)).isInstanceOf(Verdict.Continue.class);
        assertThat(g.rcpt(HOST, "user0@example.com", "to@example.net", true)).isInstanceOf(Verdict.Continue.class); // seen before: not a new one
        Verdict fourth = g.rcpt(HOST, "user3@example.com", "to@example.net", true);
        assertThat(fourth).isInstanceOf(Verdict.TempFail.class);
        assertThat(fourth.symbol()).isEqualTo("OUT_MANY_SENDERS");
        assertThat(alerts).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo("many-senders");
            assertThat(e.subject()).isEqualTo("ip:192.0.2.20");
            assertThat(e.detail()).contains("4 different envelope senders");
        });
        clock.advance(Duration.ofMinutes(61)); // the window has passed
        assertThat(g.rcpt(HOST, "user9@example.com", "to@example.net", true)).isInstanceOf(Verdict.Continue.class);
    }

    @Test
    void theAlarmAloneDoesNotRefuse() {
        OutboundGuard g = guard(limits(List.of(), List.of(), List.of(), List.of(), Rate.parse("1/1h"), false));
        g.rcpt(ALICE, "a@example.com", "to@example.net", true);
        Verdict v = g.rcpt(ALICE, "b@example.com", "to@example.net", true);
        assertThat(v).isInstanceOf(Verdict.Continue.class);
        assertThat(v.symbol()).isEqualTo("OUT_MANY_SENDERS");
        assertThat(alerts).singleElement().satisfies(e -> assertThat(e.action()).isEqualTo("alert"));
    }

    @Test
    void unreachableStateAnswers451NeverAccepts() {
        GuardState down = new GuardState() {
            public Admission admit(Members members, List<Charge> charges) {
                throw new UnavailableException("connection refused", null);
            }

            public boolean firstWithin(String key, Duration period) {
                throw new UnavailableException("connection refused", null);
            }

            public void remember(List<String> keys, String value, Duration ttl) {
                throw new UnavailableException("connection refused", null);
            }

            public Optional<String> recall(List<String> keys) {
                throw new UnavailableException("connection refused", null);
            }

            public void close() {}
        };
        OutboundGuard g = new OutboundGuard(limits(List.of(Rate.parse("9/1m")), List.of(), List.of(), List.of(),
                Rate.parse("5/1h"), true), down, alerts::add, clock);
        Verdict v = g.rcpt(ALICE, "alice@example.com", "to@example.net", true);
        assertThat(v).isInstanceOf(Verdict.TempFail.class);
        assertThat(((Verdict.TempFail) v).reply().toString()).startsWith("451 4.3.0");
        assertThat(g.message(ALICE, "", List.of("x@example.net"), analyze(AUTOREPLY))).isInstanceOf(Verdict.TempFail.class);
        g.inbound("x@example.net", "<m1@example.net>", new InboundFacts(false, true, "pass", false, false)); // logged, no throw
        assertThat(alerts).extracting(GuardEvent::kind).contains("state-unavailable");
    }

    // ---- automatic mail: RFC 3834 ----

    /** An out-of-office reply from alice to the sender of <orig-1@example.net>. */
    private static final String AUTOREPLY = """
            From: Alice <alice@example.com>
            To: %s
            Subject: Out of office: your message
            Auto-Submitted: auto-replied
            In-Reply-To: <orig-1@example.net>
            Message-ID: <reply-1@example.com>

            I am away until Monday.
            """;

    /** Our server's DSN about a message it accepted and could not deliver; the original's headers are quoted. */
    private static final String DSN = """
            From: MAILER-DAEMON@mx.example.com (Mail Delivery System)
            To: %s
            Subject: Undelivered Mail Returned to Sender
            Message-ID: <dsn-1@mx.example.com>
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="B"

            --B
            Content-Type: text/plain

            I'm sorry to have to inform you that your message could not be delivered.

            --B
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.example.com

            Final-Recipient: rfc822; nobody@example.com
            Action: failed
            Status: 5.1.1
            Diagnostic-Code: smtp; 550 5.1.1 user unknown

            --B
            Content-Type: text/rfc822-headers

            From: someone@example.net
            To: nobody@example.com
            Subject: hello
            Message-ID: <orig-2@example.net>

            --B--
            """;

    /** A virus scanner telling the sender of an infected message. */
    private static final String VIRUS = """
            From: Antivirus Gateway <antivirus@example.com>
            To: %s
            Subject: VIRUS IN YOUR MAIL TO bob@example.com
            In-Reply-To: <orig-3@example.net>

            V I R U S  A L E R T

            Our virus checker found the W32/Netsky.P@mm virus in your email to bob@example.com.
            The message has been quarantined.
            """;

    private static Analysis analyze(String template, String to) {
        return ANALYZER.analyze(template.formatted(to).replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private static Analysis analyze(String template) {
        return analyze(template, "x@example.net");
    }

    @Test
    void fixturesAreWhatTheyClaim() {
        assertThat(analyze(AUTOREPLY).category().id()).isEqualTo("autoreply");
        assertThat(analyze(DSN).category().id()).isEqualTo("dsn");
        assertThat(analyze(VIRUS).category().id()).isEqualTo("virus-notice");
        assertThat(OutboundGuard.originalIds(analyze(DSN))).contains("orig-2@example.net");
    }

    @Test
    void ordinaryMailPassesUnjudged() {
        OutboundGuard g = guard(rules(GuardSettings.Action.QUARANTINE, GuardSettings.Action.QUARANTINE));
        Analysis a = ANALYZER.analyze("From: alice@example.com\r\nTo: x@example.net\r\nSubject: lunch?\r\n\r\nnoon?\r\n"
                .getBytes(StandardCharsets.UTF_8));
        Verdict v = g.message(ALICE, "alice@example.com", List.of("x@example.net"), a);
        assertThat(v).isInstanceOf(Verdict.Continue.class);
        assertThat(v.symbol()).isEmpty();
    }

    @Test
    void anAutoreplyToAVerifiedSenderGoesOnceThenIsHeld() {
        OutboundGuard g = guard(rules(GuardSettings.Action.QUARANTINE, GuardSettings.Action.QUARANTINE));
        g.inbound("x@example.net", "<orig-1@example.net>", new InboundFacts(false, true, "pass", false, false));
        Verdict first = g.message(ALICE, "", List.of("x@example.net"), analyze(AUTOREPLY));
        assertThat(first).isInstanceOf(Verdict.Continue.class);
        assertThat(first.symbol()).isEqualTo("OUT_AUTO_ALLOWED");
        Verdict again = g.message(ALICE, "", List.of("x@example.net"), analyze(AUTOREPLY));
        assertThat(again).isInstanceOf(Verdict.Quarantine.class);
        assertThat(again.symbol()).isEqualTo("OUT_AUTOREPLY_REPEAT");
        clock.advance(Duration.ofDays(7).plusMinutes(1));
        g.inbound("x@example.net", "<orig-1@example.net>", new InboundFacts(false, true, "pass", false, false));
        assertThat(g.message(ALICE, "", List.of("x@example.net"), analyze(AUTOREPLY))).isInstanceOf(Verdict.Continue.class);
    }

    @Test
    void theOriginalIsFoundWhateverTheLetterCaseOfTheAddress() {
        OutboundGuard g = guard(rules(GuardSettings.Action.QUARANTINE, GuardSettings.Action.QUARANTINE));
        g.inbound("Friend@Example.NET", "<other-1@example.net>", new InboundFacts(false, true, "pass", false, false));
        // the reply quotes no Message-ID we know: found by its recipient
        Analysis a = analyze(AUTOREPLY.replace("<orig-1@example.net>", "<unknown@example.net>"), "friend@example.net");
        assertThat(g.message(ALICE, "", List.of("friend@example.net"), a).symbol()).isEqualTo("OUT_AUTO_ALLOWED");
    }

    @Test
    void anAutoreplyToASenderWithoutSpfPassIsHeld() {
        OutboundGuard g = guard(rules(GuardSettings.Action.QUARANTINE, GuardSettings.Action.QUARANTINE));
        g.inbound("x@example.net", "<orig-1@example.net>", new InboundFacts(false, true, "softfail", false, false));
        Verdict v = g.message(ALICE, "", List.of("x@example.net"), analyze(AUTOREPLY));
        assertThat(v).isInstanceOf(Verdict.Quarantine.class);
        assertThat(v.symbol()).isEqualTo("OUT_AUTO_UNVERIFIED_SENDER");
        assertThat(((Verdict.Quarantine) v).reason()).contains("SPF softfail");
        assertThat(alerts).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo("auto-mail");
            assertThat(e.action()).isEqualTo("quarantine");
        });
    }

    @Test
    void aBounceOfMailFromAForgedSenderIsRefusedWhenSoConfigured() {
        // accept-then-bounce: the original came from outside, SPF none, and our server bounces it
        OutboundGuard g = guard(rules(GuardSettings.Action.REJECT, GuardSettings.Action.QUARANTINE));
        g.inbound("victim@example.net", "<orig-2@example.net>", new InboundFacts(false, true, "none", false, false));
        // found by the quoted original's Message-ID even though the recipient differs from any sender we saw
        Verdict v = g.message(HOST, "", List.of("victim@example.net"), analyze(DSN, "victim@example.net"));
        assertThat(v).isInstanceOf(Verdict.Reject.class);
        assertThat(((Verdict.Reject) v).reply().toString()).startsWith("550 5.7.1").contains("SPF none");
    }

    @Test
    void aBounceToAVerifiedSenderGoes() {
        OutboundGuard g = guard(rules(GuardSettings.Action.QUARANTINE, GuardSettings.Action.QUARANTINE));
        g.inbound("someone@example.net", "<orig-2@example.net>", new InboundFacts(false, true, "pass", false, true));
        // list mail: autoreplies never, but a bounce to a proven list sender is how lists learn of dead addresses
        assertThat(g.message(HOST, "", List.of("someone@example.net"), analyze(DSN, "someone@example.net")))
                .isInstanceOf(Verdict.Continue.class);
    }

    @Test
    void neverAnswersListAutomaticOrNullSenderMail() {
        OutboundGuard g = guard(rules(GuardSettings.Action.QUARANTINE, GuardSettings.Action.QUARANTINE));
        g.inbound("list@example.net", "<orig-1@example.net>", new InboundFacts(false, true, "pass", false, true));
        assertThat(g.message(ALICE, "", List.of("list@example.net"), analyze(AUTOREPLY, "list@example.net")).symbol())
                .isEqualTo("OUT_AUTO_TO_LIST");
        g.inbound("robot@example.net", "<orig-1@example.net>", new InboundFacts(false, true, "pass", true, false));
        assertThat(g.message(ALICE, "", List.of("robot@example.net"), analyze(AUTOREPLY, "robot@example.net")).symbol())
                .isEqualTo("OUT_AUTO_TO_AUTO");
        g.inbound("", "<orig-1@example.net>", new InboundFacts(true, true, "", true, false));
        assertThat(g.message(ALICE, "", List.of("z@example.net"), analyze(AUTOREPLY, "z@example.net")).symbol())
                .isEqualTo("OUT_AUTO_TO_NULL_SENDER");
    }

    @Test
    void automaticAddressesAreNeverAnswered() {
        OutboundGuard g = guard(rules(GuardSettings.Action.QUARANTINE, GuardSettings.Action.ACCEPT));
        for (String to : List.of("MAILER-DAEMON@example.net", "owner-dogs@lists.example.net", "dogs-request@example.net",
                "noreply@shop.example")) {
            assertThat(g.message(ALICE, "", List.of(to), analyze(AUTOREPLY, to)).symbol()).as(to).isEqualTo("OUT_AUTO_TO_ROLE");
        }
    }

    @Test
    void anUnknownOriginalIsHeldByDefaultAndMayBeAccepted() {
        OutboundGuard held = guard(rules(GuardSettings.Action.REJECT, GuardSettings.Action.QUARANTINE));
        Verdict v = held.message(ALICE, "", List.of("stranger@example.net"), analyze(AUTOREPLY, "stranger@example.net"));
        assertThat(v).isInstanceOf(Verdict.Quarantine.class);
        assertThat(v.symbol()).isEqualTo("OUT_AUTO_UNKNOWN_ORIGINAL");
        OutboundGuard lenient = guard(rules(GuardSettings.Action.REJECT, GuardSettings.Action.ACCEPT));
        assertThat(lenient.message(ALICE, "", List.of("stranger@example.net"), analyze(AUTOREPLY, "stranger@example.net")))
                .isInstanceOf(Verdict.Continue.class);
    }

    @Test
    void ourOwnUsersMayAlwaysBeNotified() {
        OutboundGuard g = guard(rules(GuardSettings.Action.REJECT, GuardSettings.Action.REJECT));
        assertThat(g.message(HOST, "", List.of("bob@example.com"), analyze(DSN, "bob@example.com")))
                .isInstanceOf(Verdict.Continue.class);
    }

    @Test
    void virusNoticesNeverGoToOutsideSenders() {
        OutboundGuard g = guard(rules(GuardSettings.Action.QUARANTINE, GuardSettings.Action.QUARANTINE));
        g.inbound("x@example.net", "<orig-3@example.net>", new InboundFacts(false, true, "pass", false, false));
        assertThat(g.message(HOST, "", List.of("x@example.net"), analyze(VIRUS)).symbol()).isEqualTo("OUT_VIRUS_NOTICE");
    }

    @Test
    void oneUntrustedRecipientHoldsTheWholeMessage() {
        OutboundGuard g = guard(rules(GuardSettings.Action.QUARANTINE, GuardSettings.Action.QUARANTINE));
        g.inbound("good@example.net", "<other@example.net>", new InboundFacts(false, true, "pass", false, false));
        Verdict v = g.message(HOST, "", List.of("good@example.net", "bad@example.net"), analyze(DSN.replace(
                "<orig-2@example.net>", "<unknown@example.net>"), "good@example.net"));
        assertThat(v).isInstanceOf(Verdict.Quarantine.class);
        assertThat(((Verdict.Quarantine) v).reason()).contains("bad@example.net");
    }

    @Test
    void factsSurviveTheirStoredForm() {
        InboundFacts f = new InboundFacts(true, false, "SoftFail", true, false);
        assertThat(InboundFacts.decode(f.encode())).contains(new InboundFacts(true, false, "softfail", true, false));
        assertThat(InboundFacts.decode("v2 whatever")).isEmpty();
        assertThat(InboundFacts.decode("v1 n=1 new=3 spf=-")).contains(new InboundFacts(true, false, "", false, false));
    }

    @Test
    void ratesParseAndPrint() {
        assertThat(Rate.parse(" 60/1m ")).isEqualTo(new Rate(60, Duration.ofMinutes(1)));
        assertThat(Rate.parse("1000/h").toString()).isEqualTo("1000/1h");
        assertThat(Rate.parse("5/90s").toString()).isEqualTo("5/90s");
        for (String bad : List.of("60", "x/1m", "0/1m", "5/1w", "/1m")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Rate.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** A clock the test moves by hand. */
    static final class TestClock extends Clock {
        private Instant now = Instant.parse("2026-03-01T09:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
