package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.bounce.Reason;
import java.util.ArrayList;
import java.util.List;

/**
 * Parsers for mail providers', ESPs' and filtering appliances' bounce formats (Gmail, Yahoo, SES...),
 * in trial order: each parser's {@code appliesTo} is a cheap header test (From, Subject, a
 * provider-specific X- header), and the more specific formats come before the general ones that
 * share their hints (Google Groups before Gmail, SES notifications and Amazon WorkMail before SES mail).
 * Two groups: {@link #ownFormats()} (the provider's own text) and {@link #reportFormats()} (RFC 3464
 * reports named after the provider), which the registry places before and after the MTA parsers.
 */
public final class ProviderParsers {
    private ProviderParsers() {}

    private static final List<BounceParser> OWN_FORMATS = List.of(
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
            new MxLogicParser());

    private static final List<BounceParser> REPORT_FORMATS = List.of(
            // Amazon WorkMail: "X-Mailer: Amazon WorkMail" on a MAILER-DAEMON@...amazonses.com notice,
            // RFC 3464 fields written inline after "Technical report:".
            new ReportProviderParser("AmazonWorkMail", m -> ProviderHints.of(m).xMailer.contains("amazon workmail")
                    && ProviderHints.of(m).from.contains("amazonses.com")),
            // Amazon SES receiving: another host's notice relayed out through SES (X-SES-Outgoing, From not SES).
            new ReportProviderParser("ReceivingSES", m -> ProviderHints.of(m).has("x-ses-outgoing")
                    && !ProviderHints.of(m).from.contains("amazonses.com") && !ProviderHints.of(m).from.contains("amazonaws.com"),
                    AmazonSesMail::refineReceiving),
            new ReportProviderParser("AmazonSES", AmazonSesMail::isSesMail, AmazonSesMail::refine),
            // Yandex.Mail: mailer-daemon@yandex.ru with X-Yandex-* headers.
            new ReportProviderParser("Yandex", m -> ProviderHints.of(m).has("x-yandex-uniq")
                    || ProviderHints.of(m).from.contains("mailer-daemon@yandex.")),
            // McAfee Email (and Web) Security Appliance: X-NAI-Header.
            new ReportProviderParser("McAfee", m -> ProviderHints.of(m).naiHeader.contains("mcafee"),
                    ProviderParsers::mcAfee),
            // SurfControl E-mail Filter (Websense).
            new ReportProviderParser("SurfControl", m -> ProviderHints.of(m).xMailer.contains("surfcontrol")),
            // Barracuda Spam Firewall: "**Message you sent blocked by our bulk email filter**".
            new ReportProviderParser("Barracuda", m -> ProviderHints.of(m).subject.contains("message you sent blocked by our bulk email filter")),
            // SendGrid: Return-Path <apps@sendgrid.net> or X-SG-EID headers on a Postfix-like DSN.
            new ReportProviderParser("SendGrid", m -> ProviderHints.of(m).has("x-sg-eid")
                    || ProviderHints.of(m).returnPath.contains("@sendgrid.net")),
            // Facebook: "Sorry, your message could not be delivered" with Facebook's response codes.
            new ReportProviderParser("Facebook", m -> ProviderHints.of(m).from.contains("mailer-daemon@mx.facebook.com"),
                    FacebookCodes::refine),
            // Symantec.cloud (MessageLabs): X-Msg-Ref from MAILER-DAEMON@messagelabs.com.
            new ReportProviderParser("MessageLabs", m -> ProviderHints.of(m).has("x-msg-ref")
                    && ProviderHints.of(m).from.contains("mailer-daemon@messagelabs.com"), ProviderParsers::messageLabs),
            // AOL: MAILER-DAEMON@aol.com with AOL's X-AOL-* headers.
            new ReportProviderParser("Aol", m -> ProviderHints.of(m).from.contains("mailer-daemon@aol.com")
                    || ProviderHints.of(m).has("x-aol-ip")),
            // Bigfoot: its postmaster's DSNs.
            new ReportProviderParser("Bigfoot", m -> ProviderHints.of(m).from.contains("@bigfoot.com")),
            // Mimecast: X-Mimecast-* headers on its "[Postmaster] Email Delivery Failure" DSN.
            new ReportProviderParser("Mimecast", m -> ProviderHints.of(m).has("x-mimecast-originator")
                    || ProviderHints.of(m).has("x-mimecast-spam-score")));

    private static final List<BounceParser> ALL = concat(OWN_FORMATS, REPORT_FORMATS);

    /**
     * Providers with a layout of their own, recognised by the provider's sender or X- headers. They are
     * tried before the classic MTA parsers, whose generic hints (Exim's X-Failed-Recipients, for one)
     * also match these messages but cannot read them.
     */
    public static List<BounceParser> ownFormats() {
        return OWN_FORMATS;
    }

    /**
     * Providers whose bounces are RFC 3464 reports. They are tried after the classic MTA parsers: a
     * provider running Postfix or Sendmail is better read by that MTA's parser, which also reads its text.
     */
    public static List<BounceParser> reportFormats() {
        return REPORT_FORMATS;
    }

    /** Every provider parser, own formats first. */
    public static List<BounceParser> all() {
        return ALL;
    }

    private static List<BounceParser> concat(List<BounceParser> a, List<BounceParser> b) {
        List<BounceParser> out = new ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }

    /** The McAfee appliance's wording for an unknown recipient ("550 Unknown user", "User not exist"). */
    private static void mcAfee(DeliveryStatus.Builder b) {
        String d = b.diagnostic();
        if (BounceText.containsAny(d, " User not exist", " unknown.", "550 Unknown user ", "No such user")) {
            b.reason(Reason.USERUNKNOWN);
        }
    }

    /** MessageLabs' own refusals: "542 ... Rejected" and "No such user" for unknown recipients. */
    private static void messageLabs(DeliveryStatus.Builder b) {
        String d = b.diagnostic();
        if (d.startsWith("542 ") || d.contains("No such user")) b.reason(Reason.USERUNKNOWN);
        else if (d.contains("Please turn on SMTP Authentication in your mail client")) b.reason(Reason.SECURITYERROR);
    }
}
