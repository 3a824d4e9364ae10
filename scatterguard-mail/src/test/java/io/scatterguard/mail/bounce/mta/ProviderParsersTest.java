package io.scatterguard.mail.bounce.mta;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.mail.bounce.BounceAnalyzer;
import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.bounce.Reason;
import io.scatterguard.mail.parse.MessageReader;
import io.scatterguard.mail.parse.ParsedMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The provider parsers against hand-written fixtures: one expectations row per fixture (grouped by
 * parser), each checked with LF, CRLF and CR-only line endings, directly on the parser and through
 * the registry order of {@link ProviderParsers}; plus negative samples.
 */
class ProviderParsersTest {
    private static final MessageReader READER = new MessageReader();

    /** fixture, parser, format, recipient, action, status, reply, reason (null: left to the resolver), command. */
    static Stream<Arguments> expectations() {
        return Stream.of(
                // Gmail
                row("gmail/permanent.eml", new GmailParser(), "bob@remote.test", "failed", "5.1.1", "550", null, "RCPT"),
                row("gmail/delayed.eml", new GmailParser(), "carol@slow.test", "delayed", "", "", Reason.EXPIRED, ""),
                // Google Groups
                row("googlegroups/refused.eml", new GoogleGroupsParser(), "team@groups.test", "failed", "", "", Reason.REJECTED, ""),
                // Google Workspace
                row("googleworkspace/sendas.eml", new GoogleWorkspaceParser(), "ben@remote.test", "failed", "", "", null, ""),
                // Yahoo
                row("yahoo/mailboxfull.eml", new YahooParser(), "frank@remote.test", "failed", "5.2.2", "552", null, "RCPT"),
                // KDDI
                row("kddi/mailboxfull.eml", new KddiParser(), "henry@mx1.dion.ne.jp", "failed", "", "", Reason.MAILBOXFULL, ""),
                // EZweb
                row("ezweb/suspended.eml", new EzwebParser(), "judy@ezweb.ne.jp", "failed", "", "", Reason.SUSPEND, ""),
                // GMX
                row("gmx/userunknown.eml", new GmxParser(), "leo@remote.test", "failed", "5.1.1", "", null, "RCPT"),
                // 1&1
                row("einsundeins/toobig.eml", new EinsUndEinsParser(), "ned@remote.test", "failed", "", "", Reason.MESGTOOBIG, ""),
                // Zoho (two recipients)
                row("zoho/twofailed.eml", new ZohoParser(), "pat@remote.test", "failed", "5.1.1", "550", null, ""),
                row("zoho/twofailed.eml", new ZohoParser(), "quin@remote.test", "failed", "5.2.2", "550", null, ""),
                // Trend Micro InterScan MSS
                row("trendmicro/transcript.eml", new TrendMicroParser(), "sam@remote.test", "failed", "5.1.1", "550", null, "RCPT"),
                // Verizon
                row("verizon/sms.eml", new VerizonParser(), "5550100@vtext.com", "failed", "", "550", Reason.USERUNKNOWN, ""),
                // Amazon SES notifications
                row("amazonses/sns-bounce.eml", new AmazonSesNotificationParser(), "uma@remote.test", "failed", "5.1.1", "", Reason.SUPPRESSED, ""),
                row("amazonses/delivery.eml", new AmazonSesNotificationParser(), "vic@remote.test", "delivered", "2.6.0", "250", Reason.DELIVERED, ""),
                // Header-hinted RFC 3464 providers
                row("amazonworkmail/inline.eml", byName("AmazonWorkMail"), "xena@remote.test", "failed", "5.1.1", "550", null, ""),
                row("mcafee/dsn.eml", byName("McAfee"), "zed@remote.test", "failed", "5.1.1", "550", null, ""));
    }

    private static Arguments row(String fixture, BounceParser parser, String recipient, String action, String status,
            String reply, Reason reason, String command) {
        return Arguments.of(fixture, parser, recipient, action, status, reply, reason, command);
    }

    private static BounceParser byName(String name) {
        return ProviderParsers.all().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("expectations")
    void parsesFixtureWithEveryLineEnding(String fixture, BounceParser parser, String recipient, String action,
            String status, String reply, Reason reason, String command) throws IOException {
        for (String eol : List.of("\n", "\r\n", "\r")) {
            ParsedMessage m = read(fixture, eol);
            assertThat(parser.appliesTo(m)).as("appliesTo %s with %s", fixture, eol.replace("\r", "CR").replace("\n", "LF")).isTrue();
            Optional<BounceReport> report = parser.parse(m);
            assertThat(report).as("%s", fixture).isPresent();
            DeliveryStatus d = report.get().recipients().stream().filter(r -> r.recipient().equals(recipient))
                    .findFirst().orElseThrow(() -> new AssertionError("no row for " + recipient));
            assertThat(d.action()).isEqualTo(action);
            assertThat(d.status()).isEqualTo(status);
            assertThat(d.replyCode()).isEqualTo(reply);
            assertThat(d.reason()).isEqualTo(reason == null ? Reason.UNDEFINED : reason);
            assertThat(d.command()).isEqualTo(command);
            assertThat(d.diagnostic()).doesNotContain("\n");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectations")
    void registryOrderGivesTheFixtureToItsOwnParser(String fixture, BounceParser parser) throws IOException {
        BounceAnalyzer analyzer = new BounceAnalyzer(ProviderParsers.all());
        Optional<BounceReport> report = analyzer.analyze(read(fixture, "\n"));
        assertThat(report).isPresent();
        assertThat(report.get().format()).isEqualTo(parser.name());
    }

    @Test
    void quotedOriginalIsReadFromPlainTextBounces() throws IOException {
        BounceReport gmail = new GmailParser().parse(read("gmail/permanent.eml", "\n")).orElseThrow();
        assertThat(gmail.original().messageId()).isEqualTo("<orig-1@gmail.test>");
        BounceReport yahoo = new YahooParser().parse(read("yahoo/mailboxfull.eml", "\n")).orElseThrow();
        assertThat(yahoo.original().subject()).isEqualTo("photos");
        BounceReport gmx = new GmxParser().parse(read("gmx/userunknown.eml", "\n")).orElseThrow();
        assertThat(gmx.original().messageId()).isEqualTo("<gmx-1@gmx.test>");
    }

    @Test
    void gmailNamesTheRemoteHost() throws IOException {
        BounceReport r = new GmailParser().parse(read("gmail/permanent.eml", "\n")).orElseThrow();
        assertThat(r.recipients().get(0).remoteMta()).isEqualTo("mx.remote.test");
    }

    @Test
    void ordinaryMessageIsNotClaimed() throws IOException {
        ParsedMessage m = read("ordinary/letter.eml", "\n");
        for (BounceParser p : ProviderParsers.all()) {
            assertThat(p.appliesTo(m) && p.parse(m).isPresent()).as(p.name()).isFalse();
        }
    }

    @Test
    void anotherProvidersBounceIsDeclined() throws IOException {
        // A Yahoo notice is not Gmail's, a GMX one not 1&1's, and a Gmail notice not Google Groups'.
        assertThat(new GmailParser().appliesTo(read("yahoo/mailboxfull.eml", "\n"))).isFalse();
        assertThat(new EinsUndEinsParser().appliesTo(read("gmx/userunknown.eml", "\n"))).isFalse();
        ParsedMessage gmail = read("gmail/permanent.eml", "\n");
        assertThat(new GoogleGroupsParser().appliesTo(gmail) && new GoogleGroupsParser().parse(gmail).isPresent()).isFalse();
        ParsedMessage groups = read("googlegroups/refused.eml", "\n");
        assertThat(new GoogleWorkspaceParser().parse(groups)).isEmpty();
    }

    @Test
    void brokenInputIsDeclinedWithoutThrowing() {
        ParsedMessage m = READER.read("From: no-reply@sns.amazonaws.com\nSubject: AWS Notification Message\n\n{\"notificationType\":\"Bounce\",\"bouncedRecipients\":[{\"emailAddress\":\"\\u00"
                .getBytes(StandardCharsets.UTF_8));
        for (BounceParser p : ProviderParsers.all()) {
            if (p.appliesTo(m)) assertThat(p.parse(m)).isEmpty();
        }
    }

    private static ParsedMessage read(String fixture, String eol) throws IOException {
        try (InputStream in = ProviderParsersTest.class.getResourceAsStream("/bounces/" + fixture)) {
            assertThat(in).as(fixture).isNotNull();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return READER.read(text.replace("\n", eol).getBytes(StandardCharsets.UTF_8));
        }
    }
}
