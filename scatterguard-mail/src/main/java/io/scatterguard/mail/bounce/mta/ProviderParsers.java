package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.bounce.Reason;
import java.util.List;

/**
 * Parsers for mail providers', ESPs' and filtering appliances' bounce formats (Gmail, Yahoo, SES...),
 * in trial order: each parser's {@code appliesTo} is a cheap header test (From, Subject, a
 * provider-specific X- header), and the more specific formats come before the general ones that
 * share their hints (Google Groups before Gmail, SES notifications and Amazon WorkMail before SES mail).
 */
public final class ProviderParsers {
    private ProviderParsers() {}

    private static final List<BounceParser> ALL = List.of(
            new AmazonSesNotificationParser(),
            new GoogleGroupsParser(),
            new GmailParser(),
            new GoogleWorkspaceParser(),
            new YahooParser(),
            new KddiParser(),
            new EzwebParser(),
            new GmxParser(),
            new DeutscheTelekomParser(),
            new EinsUndEinsParser(),
            new ZohoParser(),
            new BiglobeParser(),
            new FmlParser(),
            new TrendMicroParser(),
            new VerizonParser(),
            new MailRuParser(),
            new MxLogicParser(),
            // Amazon WorkMail: "X-Mailer: Amazon WorkMail" on a MAILER-DAEMON@...amazonses.com notice,
            // RFC 3464 fields written inline after "Technical report:".
            new ReportProviderParser("AmazonWorkMail", m -> m.headers().lower("X-Mailer").contains("amazon workmail")
                    && ProviderText.from(m).contains("amazonses.com")),
            // Amazon SES receiving: another host's notice relayed out through SES (X-SES-Outgoing, From not SES).
            new ReportProviderParser("ReceivingSES", m -> m.headers().has("X-SES-Outgoing")
                    && !ProviderText.from(m).contains("amazonses.com") && !ProviderText.from(m).contains("amazonaws.com")),
            new ReportProviderParser("AmazonSES", AmazonSesMail::isSesMail, AmazonSesMail::refine),
            // Yandex.Mail: mailer-daemon@yandex.ru with X-Yandex-* headers.
            new ReportProviderParser("Yandex", m -> m.headers().has("X-Yandex-Uniq")
                    || ProviderText.from(m).contains("mailer-daemon@yandex.")),
            // McAfee Email (and Web) Security Appliance: X-NAI-Header.
            new ReportProviderParser("McAfee", m -> m.headers().lower("X-NAI-Header").contains("mcafee")),
            // SurfControl E-mail Filter (Websense).
            new ReportProviderParser("SurfControl", m -> m.headers().lower("X-Mailer").contains("surfcontrol")),
            // Barracuda Spam Firewall: "**Message you sent blocked by our bulk email filter**".
            new ReportProviderParser("Barracuda", m -> m.subjectLower().contains("message you sent blocked by our bulk email filter")),
            // SendGrid: Return-Path <apps@sendgrid.net> or X-SG-EID headers on a Postfix-like DSN.
            new ReportProviderParser("SendGrid", m -> m.headers().has("X-SG-EID")
                    || m.headers().lower("Return-Path").contains("@sendgrid.net")),
            // Facebook: "Sorry, your message could not be delivered" with Facebook's response codes.
            new ReportProviderParser("Facebook", m -> ProviderText.from(m).contains("mailer-daemon@mx.facebook.com"),
                    FacebookCodes::refine),
            // Symantec.cloud (MessageLabs): X-Msg-Ref from MAILER-DAEMON@messagelabs.com.
            new ReportProviderParser("MessageLabs", m -> m.headers().has("X-Msg-Ref")
                    && ProviderText.from(m).contains("mailer-daemon@messagelabs.com"), ProviderParsers::messageLabs),
            // AOL: MAILER-DAEMON@aol.com with AOL's X-AOL-* headers.
            new ReportProviderParser("Aol", m -> ProviderText.from(m).contains("mailer-daemon@aol.com")
                    || m.headers().has("X-AOL-IP")),
            // Bigfoot: its postmaster's DSNs.
            new ReportProviderParser("Bigfoot", m -> ProviderText.from(m).contains("@bigfoot.com")),
            // Mimecast: X-Mimecast-* headers on its "[Postmaster] Email Delivery Failure" DSN.
            new ReportProviderParser("Mimecast", m -> m.headers().has("X-Mimecast-Originator")
                    || m.headers().has("X-Mimecast-Spam-Score")));

    public static List<BounceParser> all() {
        return ALL;
    }

    /** MessageLabs' own refusals: "542 ... Rejected" and "No such user" for unknown recipients. */
    private static void messageLabs(DeliveryStatus.Builder b) {
        String d = b.diagnostic();
        if (d.startsWith("542 ") || d.contains("No such user")) b.reason(Reason.USERUNKNOWN);
        else if (d.contains("Please turn on SMTP Authentication in your mail client")) b.reason(Reason.SECURITYERROR);
    }
}
