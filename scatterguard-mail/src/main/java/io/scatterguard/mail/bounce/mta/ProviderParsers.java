package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
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
            // Mimecast: X-Mimecast-* headers on its "[Postmaster] Email Delivery Failure" DSN.
            new ReportProviderParser("Mimecast", m -> m.headers().has("X-Mimecast-Originator")
                    || m.headers().has("X-Mimecast-Spam-Score")));

    public static List<BounceParser> all() {
        return ALL;
    }
}
