package io.scatterguard.mail.bounce.reason;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.bounce.Reason;
import io.scatterguard.mail.parse.MessageReader;
import io.scatterguard.mail.parse.ParsedMessage;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The indexed reason tables, MTA-own messages and what the report itself tells. */
class ReasonTablesTest {

    @Test
    void indexedTablesAgreeWithPlainMatching() {
        String[] texts = {
            " 550 5.1.1 <neko@example.org>... user unknown ",
            " 552 5.2.2 mailbox full, over quota ",
            " 554 5.7.1 service unavailable; client host [192.0.2.1] blocked using zen.spamhaus.org ",
            " sorry, no mailbox here by that name. (#5.1.1) ",
            " relay access denied ",
            " the recipient is not accepting mail with attachments ",
        };
        for (String t : texts) {
            BitSet hits = ReasonPatterns.scan(t);
            for (Reason r : Reason.values()) {
                assertThat(ReasonPatterns.matches(r, t, hits)).as(r + " in " + t).isEqualTo(ReasonPatterns.matches(r, t));
            }
        }
    }

    @Test
    void mtaOwnMessages() {
        assertThat(MtaMessages.stated(" retry timeout exceeded ")).isEqualTo(Reason.EXPIRED);
        assertThat(MtaMessages.stated(" mailbox is full: retry timeout exceeded ")).isEqualTo(Reason.MAILBOXFULL);
        assertThat(MtaMessages.stated(" connected to 192.0.2.1 but my name was rejected. ")).isEqualTo(Reason.BLOCKED);
        assertThat(MtaMessages.stated(" sorry, i wasn't able to establish an smtp connection. (#4.4.1) i'm not going to "
                + "try again; this message has been in the queue too long. ")).isEqualTo(Reason.NETWORKERROR);
        assertThat(MtaMessages.stated(" 192.0.2.1 does not like recipient. remote host said: 550 user unknown "
                + "i'm not going to try again; this message has been in the queue too long. ")).isNull();
        assertThat(MtaMessages.stated(" 550 5.1.1 user unknown ")).isNull();
        assertThat(MtaMessages.stated(" 550 5.2.3 resolver.rst.recipsizelimit; message too large for this recipient "))
                .isEqualTo(Reason.MESGTOOBIG);
        assertThat(MtaMessages.stated(" user not listed in public name & address book ")).isEqualTo(Reason.USERUNKNOWN);
        assertThat(MtaMessages.eximTemporary(" retry timeout exceeded ")).isTrue();
    }

    @Test
    void reportTellsTheCommandAndTheDiagnosticType() {
        String mail = String.join("\n",
                "From: MAILER-DAEMON@mx.example.net (Mail Delivery System)",
                "To: sender@example.com",
                "Subject: Undelivered Mail Returned to Sender",
                "Received: by mx.example.net (Postfix, from userid 0) id 1234; Mon, 1 Jan 2024 00:00:00 +0000",
                "Content-Type: text/plain",
                "",
                "<neko@example.org>: host mx.example.org[192.0.2.1] said: 550 5.2.1",
                "    <neko@example.org>... User Unknown (in reply to RCPT TO command)",
                "",
                "Reporting-MTA: dns; report.example.net",
                "",
                "Final-Recipient: rfc822; pipe@example.net",
                "Diagnostic-Code: X-Unix; 255",
                "");
        ParsedMessage m = new MessageReader().read(mail.getBytes(StandardCharsets.UTF_8));
        assertThat(ReportContext.commandFor(m, "neko@example.org")).isEqualTo("RCPT");
        assertThat(ReportContext.diagnosticType(m, "255")).isEqualTo("X-UNIX");
        assertThat(ReportContext.localHosts(m)).contains("mx.example.net").contains("report.example.net");

        ReasonResolver resolver = new ReasonResolver();
        DeliveryStatus user = resolver.resolve(DeliveryStatus.builder().recipient("neko@example.org")
                .diagnostic("550 5.2.1 <neko@example.org>... User Unknown").build(), m);
        assertThat(user.command()).isEqualTo("RCPT");
        assertThat(user.reason()).isEqualTo(Reason.USERUNKNOWN);
        DeliveryStatus pipe = resolver.resolve(DeliveryStatus.builder().recipient("pipe@example.net")
                .diagnostic("255").status("5.0.0").build(), m);
        assertThat(pipe.reason()).isEqualTo(Reason.MAILERERROR);
    }

    @Test
    void neverThrowsOnOddInput() {
        ReasonResolver resolver = new ReasonResolver();
        String[] odd = {"", " ", "5.", "550", "5.5.5.5.5.5", "x-unix;", "\u0000\u00ff", "999.999.999.999 5.1.", "<html></html>"};
        for (String s : odd) {
            DeliveryStatus d = DeliveryStatus.builder().recipient(s).diagnostic(s).status(s).replyCode(s).command(s)
                    .remoteMta(s).action(s).build();
            assertThat(resolver.resolve(d, null)).isNotNull();
        }
    }
}
