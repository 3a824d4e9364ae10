package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import java.util.List;

/**
 * Parsers for the classic MTAs' own bounce formats, in trial order. Formats with exact, cheap
 * signs come first (DragonFly's agent line, Exchange's NDR headers, PowerMTA's category field,
 * vendor X-Mailer headers, the appliances' subjects); m-FILTER before qmail because both use the
 * subject "failure notice"; Postfix and Sendmail, whose subjects are copied by many other systems,
 * after the formats whose text is unmistakable; V5sendmail (plain-text "Returned mail:") after
 * Sendmail (the same subject with a delivery-status part); Exim and qmail last, as their text is
 * imitated by several providers. Each parser also checks its own body markers and declines
 * otherwise, so a later parser still gets the message.
 */
public final class MtaParsers {
    private MtaParsers() {}

    private static final List<BounceParser> ALL = List.of(
            new DragonflyParser(),
            new Exchange2007Parser(),
            new Exchange2003Parser(),
            new OpenSmtpdParser(),
            new PowerMtaParser(),
            new CourierParser(),
            new MessagingServerParser(),
            new AmavisParser(),
            new IMailServerParser(),
            new MFilterParser(),
            new ActiveHunterParser(),
            new ApacheJamesParser(),
            new MailMarshalSmtpParser(),
            new MailFoundryParser(),
            new DominoParser(),
            new NotesParser(),
            new X1Parser(),
            new X2Parser(),
            new X3Parser(),
            new X6Parser(),
            new PostfixParser(),
            new SendmailParser(),
            new V5sendmailParser(),
            new EximParser(),
            new QmailParser());

    public static List<BounceParser> all() {
        return ALL;
    }
}
