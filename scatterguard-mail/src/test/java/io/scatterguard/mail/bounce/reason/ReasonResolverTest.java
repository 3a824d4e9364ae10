package io.scatterguard.mail.bounce.reason;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.bounce.Reason;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One row per reason: what a server or MTA says, and what the resolver must conclude. */
class ReasonResolverTest {
    private final ReasonResolver resolver = new ReasonResolver();

    /** (diagnostic, stated status, stated reply, command, action, stated reason, want reason, want hard) */
    static Stream<Arguments> rows() {
        return Stream.of(
            row("550 5.7.1 SPF check: fail for sender domain", "", "", "RCPT", "", null, Reason.AUTHFAILURE, false),
            row("421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume or user complaints",
                "", "", "MAIL", "", null, Reason.BADREPUTATION, false),
            row("554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org",
                "", "", "RCPT", "", null, Reason.BLOCKED, false),
            row("550 5.6.0 improper use of 8-bit data in message header", "", "", "DATA", "", null, Reason.CONTENTERROR, false),
            row("250 2.1.5 OK", "2.1.5", "", "", "delivered", null, Reason.DELIVERED, false),
            row("552 5.2.3 Message size exceeds fixed maximum message size", "", "", "MAIL", "", null, Reason.EXCEEDLIMIT, false),
            row("Delivery time expired", "", "", "", "delayed", null, Reason.EXPIRED, false),
            row("TLS required but not supported", "", "", "", "failed", null, Reason.FAILEDSTARTTLS, false),
            row("", "", "", "", "", Reason.FEEDBACK, Reason.FEEDBACK, false),
            row("550 5.2.0 User refuses to receive this mail", "", "", "DATA", "", null, Reason.FILTERED, false),
            row("550 5.1.6 recipient no longer on server: neko@example.org", "", "", "RCPT", "", null, Reason.HASMOVED, true),
            row("550 5.1.2 Host unknown", "", "", "RCPT", "", null, Reason.HOSTUNKNOWN, true),
            row("552 5.2.2 <neko@example.org>... Mailbox Full", "", "", "RCPT", "", null, Reason.MAILBOXFULL, false),
            row("X-Unix; 255", "5.0.0", "", "", "failed", null, Reason.MAILERERROR, false),
            row("552 5.3.4 Message too big for system", "", "", "DATA", "", null, Reason.MESGTOOBIG, false),
            row("Host name lookup failure", "", "", "", "", null, Reason.NETWORKERROR, false),
            row("554 5.7.1 <neko@example.org>: Relay access denied", "", "", "RCPT", "", null, Reason.NORELAYING, false),
            row("556 5.1.10 Recipient address has null MX", "", "", "RCPT", "", null, Reason.NOTACCEPT, true),
            row("550 5.7.1 This message is not RFC 5322 compliant", "", "", "DATA", "", null, Reason.NOTCOMPLIANTRFC, false),
            row("Unrecognised failure of the remote system", "", "", "", "failed", null, Reason.ONHOLD, false),
            row("550 5.7.1 Email not accepted for policy reasons", "", "", "DATA", "", null, Reason.POLICYVIOLATION, false),
            row("550 5.1.8 <cat@example.jp>: Sender address rejected: Domain not found", "", "", "MAIL", "", null,
                Reason.REJECTED, false),
            row("550 5.7.25 reverse DNS required", "", "", "CONN", "", null, Reason.REQUIREPTR, false),
            row("535 5.7.8 Authentication credentials invalid", "", "", "", "", null, Reason.SECURITYERROR, false),
            row("550 5.7.1 Message content rejected, UBE, id=00000-00-000", "5.7.1", "", "DATA", "", null,
                Reason.SPAMDETECTED, false),
            row("451 4.7.1 <mx.example.org[192.0.2.2]>: Client host rejected: Please try again slower", "", "", "RCPT", "",
                null, Reason.SPEEDING, false),
            row("Address is on the suppression list", "5.1.1", "", "", "failed", Reason.SUPPRESSED, Reason.SUPPRESSED, false),
            row("550 5.2.1 The email account that you tried to reach is disabled", "", "", "RCPT", "", null,
                Reason.SUSPEND, false),
            row("503 Bad sequence of commands", "", "", "", "", null, Reason.SYNTAXERROR, false),
            row("Local configuration error", "", "", "", "failed", null, Reason.SYSTEMERROR, false),
            row("452 4.3.1 Mail system full", "", "", "RCPT", "", null, Reason.SYSTEMFULL, false),
            row("421 Too many connections from your host", "", "", "CONN", "", null, Reason.TOOMANYCONN, false),
            row("", "", "", "", "", null, Reason.UNDEFINED, false),
            row("550 5.1.1 <neko@example.org>... User Unknown", "", "", "RCPT", "", null, Reason.USERUNKNOWN, true),
            row("I am out of the office until Monday", "", "", "", "", Reason.VACATION, Reason.VACATION, false),
            row("550 5.7.1 Virus detected in the attachment", "", "", "DATA", "", null, Reason.VIRUSDETECTED, false),
            // a stated reason outside Sisimai's re-examined set is kept even against the text
            row("550 5.1.1 user unknown", "", "", "RCPT", "", Reason.POLICYVIOLATION, Reason.POLICYVIOLATION, false),
            // a stated userunknown is re-examined: the message says the mailbox is full
            row("552 5.2.2 mailbox full", "", "", "RCPT", "", Reason.USERUNKNOWN, Reason.MAILBOXFULL, false),
            // 5.1.1 that is really a relay refusal
            row("554 5.1.1 Relaying denied", "", "", "RCPT", "", null, Reason.NORELAYING, false),
            // a temporary not-accepting refusal is soft
            row("421 4.3.2 System not accepting network messages", "", "", "CONN", "", null, Reason.NOTACCEPT, false));
    }

    private static Arguments row(String diag, String status, String reply, String cmd, String action, Reason stated,
                                 Reason want, boolean hard) {
        return Arguments.of(diag, status, reply, cmd, action, stated, want, hard);
    }

    @ParameterizedTest(name = "{6} <- {0}")
    @MethodSource("rows")
    void classifies(String diag, String status, String reply, String cmd, String action, Reason stated, Reason want,
                    boolean hard) {
        DeliveryStatus d = DeliveryStatus.builder().recipient("neko@example.org").diagnostic(diag).status(status)
                .replyCode(reply).command(cmd).action(action).reason(stated).build();
        DeliveryStatus out = resolver.resolve(d, null);
        assertThat(out.reason()).isEqualTo(want);
        assertThat(out.hardBounce()).isEqualTo(hard);
    }

    @Test
    void everyReasonHasARow() {
        Set<Reason> covered = EnumSet.noneOf(Reason.class);
        rows().forEach(a -> covered.add((Reason) a.get()[6]));
        assertThat(covered).containsExactlyInAnyOrder(Reason.values());
    }

    @Test
    void statusAndReplyComeFromTheMessage() {
        DeliveryStatus out = resolve("host mx.example.org[192.0.2.1] said: 550 5.1.1 <neko@example.org>: "
                + "Recipient address rejected: User unknown in local recipient table", "", "");
        assertThat(out.status()).isEqualTo("5.1.1");
        assertThat(out.replyCode()).isEqualTo("550");
        assertThat(out.reason()).isEqualTo(Reason.USERUNKNOWN);
    }

    @Test
    void specificCodeInTheMessageBeatsAVagueStatusField() {
        assertThat(resolve("550 5.2.2 mailbox full", "5.0.0", "").status()).isEqualTo("5.2.2");
        assertThat(resolve("550 5.0.0 mailbox full", "5.2.2", "").status()).isEqualTo("5.2.2");
    }

    @Test
    void pseudoCodeWhenNoCodeAnywhere() {
        DeliveryStatus atRcpt = resolver.resolve(DeliveryStatus.builder().recipient("neko@example.org")
                .diagnostic("User unknown").command("RCPT").build(), null);
        assertThat(atRcpt.status()).isEqualTo("5.0.911");
        // the same words after DATA come from a reception filter
        assertThat(resolve("User unknown", "", "").reason()).isEqualTo(Reason.FILTERED);
        assertThat(resolve("Mailbox full, try again later: temporary failure", "", "").status()).isEqualTo("4.0.922");
    }

    @Test
    void commandIsTakenFromTheMessage() {
        DeliveryStatus out = resolve("host mx.example.org said: 550 Unknown user (in reply to RCPT TO command)", "", "");
        assertThat(out.command()).isEqualTo("RCPT");
    }

    @Test
    void replyOfAnotherClassIsDropped() {
        DeliveryStatus out = resolve("Mailbox full", "4.2.2", "550");
        assertThat(out.status()).isEqualTo("4.2.2");
        assertThat(out.replyCode()).isEmpty();
    }

    @Test
    void providerRulesDecideForTheirOwnHosts() {
        DeliveryStatus google = DeliveryStatus.builder().recipient("neko@gmail.example.com")
                .remoteMta("dns; gmail-smtp-in.l.google.com").command("RCPT")
                .diagnostic("550-5.7.26 This mail has been blocked because the sender is unauthenticated. Gmail requires "
                        + "all senders to authenticate with either SPF or DKIM. 550 5.7.26 Authentication results")
                .build();
        assertThat(resolver.resolve(google, null).reason()).isEqualTo(Reason.AUTHFAILURE);

        DeliveryStatus outlook = DeliveryStatus.builder().recipient("neko@example.com")
                .remoteMta("dns; example-com.mail.protection.outlook.com").command("RCPT")
                .diagnostic("550 5.7.606 Access denied, banned sending IP [192.0.2.1]. To request removal").build();
        assertThat(resolver.resolve(outlook, null).reason()).isEqualTo(Reason.BLOCKED);

        DeliveryStatus orange = DeliveryStatus.builder().recipient("neko@laposte.net").command("RCPT")
                .diagnostic("550 5.5.0 Boite du destinataire archivee. Archived recipient. LPN007_420").build();
        assertThat(resolver.resolve(orange, null).reason()).isEqualTo(Reason.SUSPEND);

        DeliveryStatus charter = DeliveryStatus.builder().recipient("neko@charter.net").command("CONN")
                .diagnostic("554 5.7.1 Spectrum does not accept IPv6 connections (AUP#I1260)").build();
        assertThat(resolver.resolve(charter, null).reason()).isEqualTo(Reason.NETWORKERROR);

        DeliveryStatus cox = DeliveryStatus.builder().recipient("neko@cox.net").command("CONN")
                .diagnostic("554 cxr.mx.a.cox.net cox connection refused from [192.0.2.1]. AUP#CXBL").build();
        assertThat(resolver.resolve(cox, null).reason()).isEqualTo(Reason.BLOCKED);
    }

    @Test
    void expiredResultsAreDelayed() {
        DeliveryStatus out = resolve("Delivery time expired", "", "");
        assertThat(out.reason()).isEqualTo(Reason.EXPIRED);
        assertThat(out.action()).isEqualTo("delayed");
    }

    private DeliveryStatus resolve(String diag, String status, String reply) {
        return resolver.resolve(DeliveryStatus.builder().recipient("neko@example.org").diagnostic(diag).status(status)
                .replyCode(reply).build(), null);
    }
}
