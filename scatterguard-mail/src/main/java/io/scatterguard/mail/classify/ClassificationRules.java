package io.scatterguard.mail.classify;

import static io.scatterguard.mail.classify.Category.AUTOREPLY;
import static io.scatterguard.mail.classify.Category.CHALLENGE_RESPONSE;
import static io.scatterguard.mail.classify.Category.DSN;
import static io.scatterguard.mail.classify.Category.FEEDBACK_REPORT;
import static io.scatterguard.mail.classify.Category.ORDINARY;
import static io.scatterguard.mail.classify.Category.READ_RECEIPT;
import static io.scatterguard.mail.classify.Category.SUBSCRIPTION_CONFIRM;
import static io.scatterguard.mail.classify.Category.VIRUS_NOTICE;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rule table. Signals and weights follow SpamAssassin's {@code 20_vbounce.cf}, rspamd's
 * {@code bounce.lua}, RFC 3834, RFC 6522/3464, RFC 5965 and RFC 8098; the phrases are those the
 * MTAs, virus scanners, challenge/response systems and list managers write. A category wins when
 * its score reaches {@link Classifier#DECISION_SCORE}: structural evidence (a report MIME type, an
 * RFC 3834 header) reaches it alone, words in a subject or body never do (SpamAssassin's warning
 * against subject-only rules), they only add to a header or sender signal.
 */
public final class ClassificationRules {
    private ClassificationRules() {}

    // --- DSN ---------------------------------------------------------------------------------
    /** Senders that only ever write bounces (RFC 5321 §4.5.5, RFC 2142 postmaster). */
    // Patterns used with matches(): compiled once, not per message as String.matches would.
    private static final Pattern BULK_PRECEDENCE = Pattern.compile("(bulk|junk).*");
    private static final Pattern EZMLM_CONFIRM_REPLY_TO = Pattern.compile(".*-sc\\.\\d+\\.[a-z0-9]+-.*");
    private static final Pattern EZMLM_CONFIRM_FROM = Pattern.compile(".*-sc\\.\\d+\\..*");
    private static final Pattern SUPPRESS_AUTOREPLIES = Pattern.compile(".*(all|oof).*");
    private static final Pattern DAEMON_LOCAL = Pattern.compile(
            "mailer[-_ ]?daemon|post[-_]?master|double-bounce|mail[-_]?daemon|mail[-_]?delivery[-_]?(system|subsystem)?|"
                    + "mailadmin|mail[-_]?administrator|mdaemon|mailerdaemon|maildelivery|"
                    + "(mail)?returns?|non[-_]?delivery|ndr|microsoftexchange[0-9a-f]*|mail[-_]?router|smtp[-_]?gateway|"
                    + "x400|mmdf");
    private static final Pattern DAEMON_DISPLAY = Pattern.compile(
            "mail delivery (system|subsystem|service)|mailer[- ]daemon|postmaster|mail administrator|"
                    + "microsoft outlook|mail delivery|delivery status|internet mail delivery|system administrator|"
                    + "administrateur|mail system");
    private static final Pattern DSN_SUBJECT = Pattern.compile(
            "undeliver|returned mail|returning to sender|mail failed|not (yet )?been delivered|^postfix smtp server: errors from|return(ed)? to sender|mail delivery fail|delivery (status )?notification|"
                    + "delivery fail|failure notice|failed delivery|non[- ]?deliver|nondeliver|not deliver|could not (be )?deliver|"
                    + "couldn't be delivered|message not delivered|delivery problem|mail system error|"
                    + "warning: could not send|delayed mail|delivery delayed|delivery (has )?delayed|message delayed|"
                    + "mail (could not|couldn't) be|unzustellbar|nicht zustellbar|non recapitabile|non remis|"
                    + "no entregado|no se puede entregar|undelivered|unable to deliver|delivery report|delivery error|"
                    + "mail delivery error|returned mail|error sending message|bounced mail|mail failure|"
                    + "message you sent|your message (could not|was not|has not been|wasn't)|rejected:|^rejected|"
                    + "permanent error|delivery final|mail status report|^failed mail|notice of delivery|"
                    + "delivery failure|errors? sending|^error$|^failed:|mail delivery|delivery to .* failed|"
                    + "unknown recipient|user unknown|mail not delivered|unable to send|n[eé]pouvez|"
                    + "配信|送信できませんでした|エラー|未送达|退信|recipient address rejected");
    /** Sentences from the MTAs' own bounce templates (Postfix, Sendmail, Exim, qmail, Exchange, Notes...). */
    private static final String DSN_BODY_PHRASES = (
            "this is the mail system at host|the following address(es)? failed|could not be delivered to one or more|"
                    + "i'm sorry to have to inform you|i'm afraid i wasn't able to deliver|delivery to the following recipients? "
                    + "(failed|was aborted|has been delayed)|your message (did not reach|could not be delivered|wasn't delivered|was not delivered|"
                    + "has not been delivered|cannot be delivered)|message could not be delivered|the original message was received at|"
                    + "unable to deliver (your|the) message|delivery has failed to these recipients|permanent fatal errors|"
                    + "this is a permanent error|----- transcript of session follows -----|"
                    + "this message was created automatically by mail delivery software|hi\\. this is the qmail-send program|"
                    + "message (has been|was) returned|the error that the other server returned|will continue to try|"
                    + "still trying|has been delayed|could not be delivered to the following|was undeliverable|"
                    + "did not reach the following recipient|delivery failed for the following|"
                    + "the following recipients? (could not|cannot) be reached|your mail (could not|cannot) be delivered");
    /** Words bounces use, and people too: only count next to a sender or structure signal. */
    private static final String DSN_BODY_WEAK_PHRASES = (
            "user unknown|unknown user|no such user|mailbox unavailable|recipient address rejected|undeliverable|"
                    + "was not delivered to|could not deliver|delivery failed|failed to deliver|not be delivered|"
                    + "returned to sender|remote host said|delivery status notification|mail delivery failed");
    private static final String FORWARDED_MARK_PHRASES = (
            "--- ?(forwarded message|original message|message transf|weitergeleitete nachricht)|begin forwarded message");

    // --- Autoreply (RFC 3834 and the vendors' own headers) --------------------------------------
    /** Subjects that name themselves automatic replies. */
    private static final Pattern AUTOREPLY_SUBJECT = Pattern.compile(
            "^(auto(matic)?[- ]?(reply|response|answer|antwort|risposta|respuesta)|autoreply|auto:|"
                    + "out of (the )?office|ooo\\b|abwesen|automatische antwort|r[ée]ponse automatique|"
                    + "risposta automatica|respuesta autom[aá]tica|resposta autom[aá]tica|automatisch antwoord|"
                    + "automatyczna odpowied|\\[automatyczna|automatisk svar|automaattinen vastaus|"
                    + "自動応答|自动回复)"
                    + "|is out of (the )?office|out of office autoreply|\\(auto[- ]?reply\\)|\\[auto[- ]?reply\\]|auto[- ]?reply:");
    /** Subjects autoresponders use that people use too: only count next to a header signal. */
    private static final Pattern AUTOREPLY_SUBJECT_WEAK = Pattern.compile(
            "^(away( from| until|:)|on vacation|vacation|i am (away|out)|absence|abwesenheit|afwezig|"
                    + "thank you for (your )?(e-?mail|message|contacting)|thanks for (your )?(e-?mail|message)|"
                    + "we (have )?received your (e-?mail|message)|your (e-?mail|message) (has been|was) received)");
    private static final Pattern EXCHANGE_OOF_SUBJECT = Pattern.compile(
            "^(out of office autoreply:|automatic reply:|autoreply:|auto-reply:|auto reply:|r[ée]ponse automatique :|"
                    + "automatische antwort:|abwesenheitsnotiz:|risposta automatica:|respuesta autom[aá]tica:)");
    private static final String AUTOREPLY_BODY_PHRASES = (
            "i (am|will be) (currently )?(out of (the )?office|away|on (annual )?(leave|vacation|holiday)|travel?ling)|"
                    + "i am out of the office|will be out of the office|with limited access to (e-?mail|email)|"
                    + "this is an auto(mated|matic)[- ]?(reply|response|message)|auto[- ]?reply|"
                    + "i will (respond|reply|get back to you) (to your (e-?mail|message) )?(when|as soon as|upon) i return|"
                    + "i will be back on|thank you for your (e-?mail|message)[.,!]");

    // --- Virus notices ---------------------------------------------------------------------------
    private static final Pattern VIRUS_SUBJECT = Pattern.compile(
            "virus(es)? (alert|detected|found|warning|notification)|virus in (your|the) (mail|message)|in mail from you|"
                    + "virus.*in (your |the )?(mail|message|e-?mail)|"
                    + "\\bvirus\\b.*(detected|found|infected)|norton antivirus detected|antigen found|"
                    + "groupshield alert|mcafee.*alert|scanmail|interscan|infected (attachment|message|file)|"
                    + "(message|mail|attachment|content) (blocked|quarantined|rejected|removed|deleted)|"
                    + "blocked (message|mail|attachment|content)|banned (contents|attachment|file)|"
                    + "content (filter|violation|alert)|malware (detected|found|alert)|"
                    + "symantec.*(detected|alert)|trend ?micro|sophos|kaspersky|f-secure|panda antivirus|"
                    + "virenwarnung|virus gefunden|^\\[?virus\\]?");
    private static final String VIRUS_BODY_PHRASES = (
            "v i r u s|virus (was )?(found|detected)|contain(s|ed)? (a )?virus|infected with|"
                    + "virus (name|type|identified)|was infected|reporting-mta: norton antivirus|"
                    + "the following (attachment|file) (was|has been) (blocked|removed|deleted|quarantined)|"
                    + "(has|was) been (blocked|quarantined) (by|because)|banned (file|content|attachment)|"
                    + "malware|worm|trojan|is (infected|dangerous)|quarantine|reasons? for (the )?block|"
                    + "the ip address of the blocked message|suspected (as|of being|to be) spam|content filter");
    /** Notification mailers of virus scanners and content filters. */
    private static final Pattern SCANNER_MAILER = Pattern.compile(
            "gwava|mailscanner|amavis|groupshield|scanmail|interscan|symantec|norton|antigen|trend ?micro|sophos|"
                    + "kaspersky|mcafee|clamav|f-secure|mailmarshal|spamassassin|barracuda");

    // --- Challenge/response ----------------------------------------------------------------------
    private static final List<String> CR_HEADERS = List.of(
            "X-Boxtrapper", "X-Bluebottle-Request", "X-Spamarrest-noauth", "X-Spamarrest-Noauth", "X-AskVersion",
            "X-Choicemail-Registration-Request", "X-TMDA-Confirm", "X-Mailblocks", "X-Sender-Verification",
            "X-Qurb-Request", "X-Boxbe-Request", "X-Spam-Arrest");
    private static final Pattern CR_SENDER = Pattern.compile(
            "@(.*\\.)?(boxbe\\.com|bluebottle\\.com|spamarrest\\.com|mailblocks\\.com|choicemail\\.com|"
                    + "sendio\\.com|earthlink\\.net.*spamblocker|qurb\\.com|ipermitmail\\.com)$");
    private static final Pattern CR_SUBJECT = Pattern.compile(
            "requires verification|verify#|please confirm (that )?your (e-?mail|message|identity)|"
                    + "(sender|address) (verification|confirmation)|authori[sz]ation (required|request)|"
                    + "confirm your (e-?mail|message|identity)|verification (required|request|needed)|"
                    + "your (e-?mail|message) (is|was) (held|pending|quarantined)|guest list|challenge|"
                    + "spam[- ]?arrest|boxbe|bluebottle|approval (required|needed)|prove you are (human|a person)");
    private static final String CR_BODY_PHRASES = (
            "(click|visit|follow) (on )?(the |this )?(link|url) below to (verify|confirm|be added|add)|"
                    + "to (be added to|get on) (my|the recipient'?s?) (approved|allowed|white|guest) ?list|"
                    + "allowed list|approved senders|whitelist|guest list|prove (that )?you are (a )?(human|real person)|"
                    + "verify (that )?you are (a )?(human|person|real)|protected by (bluebottle|spam ?arrest|boxbe|choicemail|mailblocks)|"
                    + "challenge[- ]response|requires verification|one[- ]time verification|sender verification");

    // --- Subscription confirmations (Mailman, Sympa, ezmlm, LISTSERV, Google Groups) -------------
    private static final Pattern SUB_SUBJECT = Pattern.compile(
            "^confirm\\b.*\\b[0-9a-f]{16,}|your confirmation is (required|needed)|"
                    + "confirm(ation of)? (your )?(subscription|request)|subscription (confirmation|request)|"
                    + "confirm (un)?subscribe (to|from)|confirmation is (required|needed) to (join|leave)|"
                    + "please confirm (your )?(subscription|request)|confirm subscription|"
                    + "to (join|subscribe to) .*(list|group)|join request|confirm your membership|"
                    + "(mailing )?list (subscription|confirmation)|activate your subscription|"
                    + "abonnement|anmeldung best[aä]tigen|bestätigen sie ihr abonnement");
    /** Mailman 2's confirmation subject: "confirm" and the 40-hex cookie the reply must carry. */
    private static final Pattern CONFIRM_COOKIE = Pattern.compile("^confirm [0-9a-f]{32,}$");
    private static final String SUB_BODY_PHRASES = (
            "confirm (your |this )?(subscription|request|membership)|to (confirm|complete) (your|this) (subscription|request)|"
                    + "(someone|somebody)( \\(hopefully you\\))? (has )?(requested|asked) (to|that)|"
                    + "if you (did not|didn't) (request|ask|sign up|subscribe)|simply (reply to|ignore) this (message|e-?mail)|"
                    + "mailing list|your (e-?mail )?address (has been|was) (added|entered|submitted)|"
                    + "subscription confirmation notice|registration (request|confirmation)|"
                    + "we have received a (registration |subscription )?request|to subscribe|subscribe to the");

    // --- Feedback reports and MDN ----------------------------------------------------------------
    // Amazon SES notifications, raw or wrapped as an escaped string in an SNS message.
    private static final Pattern SES_COMPLAINT = Pattern.compile("notificationtype\\\\?\"\\s*:\\s*\\\\?\"complaint");
    private static final Pattern SES_BOUNCE = Pattern.compile("notificationtype\\\\?\"\\s*:\\s*\\\\?\"(bounce|delivery)");
    private static final Pattern MDN_SUBJECT = Pattern.compile(
            "^(read|gelesen|lu|le[ií]do|letto|gelezen|läst|luettu|přečteno|odczytane|lida|read receipt|"
                    + "return receipt|receipt notification|displayed|wyświetlono|disposition notification)\\s*:");

    /** All phrase lists matched against the lead text, answered by one pass per message. */
    static final PhraseMatcher LEAD_TEXT_PHRASES = PhraseMatcher.grouped(List.of(
            DSN_BODY_PHRASES, DSN_BODY_WEAK_PHRASES, AUTOREPLY_BODY_PHRASES, VIRUS_BODY_PHRASES, CR_BODY_PHRASES,
            SUB_BODY_PHRASES, FORWARDED_MARK_PHRASES));
    private static final int DSN_BODY = 0;
    private static final int DSN_BODY_WEAK = 1;
    private static final int AUTOREPLY_BODY = 2;
    private static final int VIRUS_BODY = 3;
    private static final int CR_BODY = 4;
    private static final int SUB_BODY = 5;
    private static final int FORWARDED_MARK = 6;

    /** The rules in evaluation order; the reference table in docs/classification.md is generated from it. */
    public static final List<Rule> RULES = List.of(
            // DSN: structure
            new Rule("DSN_REPORT_TYPE", DSN, 10, s -> s.reportType.equals("delivery-status")
                    && s.mimeType.equals("multipart/report") ? "multipart/report; report-type=delivery-status" : null),
            new Rule("DSN_STATUS_PART", DSN, 6, s -> partAtTop(s, "message/delivery-status") ? "message/delivery-status part" : null),
            new Rule("NULL_SENDER", DSN, 3, s -> s.nullSender() ? "envelope sender is <>" : null),
            new Rule("FROM_MAILER_DAEMON", DSN, 4, s -> s.daemonSender),
            new Rule("DSN_SUBJECT", DSN, 3, s -> !s.subjectIsForwardOrReply ? s.dsnSubject : null),
            new Rule("DSN_BODY_PHRASE", DSN, 4, s -> s.leadHit(DSN_BODY)),
            new Rule("DSN_BODY_WORDS", DSN, 2, s -> s.leadHit(DSN_BODY) == null ? s.leadHit(DSN_BODY_WEAK) : null),
            new Rule("ORIGINAL_ATTACHED", DSN, 1, s -> s.message.embedded().stream().anyMatch(e -> !e.headers().isEmpty())
                    ? "the original message is quoted" : null),
            new Rule("AUTO_SUBMITTED_GENERATED", DSN, 1, s -> s.autoSubmitted.startsWith("auto-generated")
                    || s.autoSubmitted.startsWith("auto-notified") ? "Auto-Submitted: " + s.autoSubmitted : null),
            new Rule("SES_BOUNCE_JSON", DSN, 6, s -> (s.nullSender() || s.from.contains("amazonses") || s.headers.has("x-amz-sns-message-id"))
                    && s.leadText.contains("notificationtype") ? find(SES_BOUNCE, s.leadText) : null),
            new Rule("DSN_WORDS_ONLY", DSN, -3, s -> !s.nullSender() && s.daemonSender == null
                    && !s.reportType.equals("delivery-status") && s.dsnSubject != null
                    ? "bounce words but neither a null sender, a mailer-daemon sender nor a report structure" : null),
            new Rule("FORWARDED_BY_PERSON", DSN, -8, s -> s.subjectIsForwardOrReply && !s.nullSender() && s.daemonSender == null
                    && (s.subject.startsWith("fw") || s.subject.startsWith("wg") || s.subject.startsWith("tr")
                            || s.leadHit(FORWARDED_MARK) != null) ? "forwarded by a person: " + s.subject : null),

            // Autoreply
            new Rule("AUTO_SUBMITTED_REPLIED", AUTOREPLY, 8, s -> s.autoSubmitted.startsWith("auto-replied")
                    ? "Auto-Submitted: " + s.autoSubmitted : null),
            new Rule("X_AUTOREPLY", AUTOREPLY, 6, s -> xAutoreply(s)),
            new Rule("PRECEDENCE_AUTO_REPLY", AUTOREPLY, 8, s -> s.precedence.startsWith("auto_reply")
                    || s.precedence.startsWith("auto-reply") ? "Precedence: " + s.precedence : null),
            new Rule("X_APPLE_VACATION", AUTOREPLY, 8, s -> s.header("X-Apple-Action").contains("vacation")
                    ? "X-Apple-Action: vacation" : null),
            new Rule("OOF_SUBJECT_PREFIX", AUTOREPLY, 6, s -> find(EXCHANGE_OOF_SUBJECT, s.subject)),
            new Rule("AUTOREPLY_SUBJECT", AUTOREPLY, 4, s -> s.subjectIsForwardOrReply ? null
                    : firstNonNull(find(AUTOREPLY_SUBJECT, s.subjectCore), find(AUTOREPLY_SUBJECT, s.subject))),
            new Rule("AUTOREPLY_SUBJECT_WEAK", AUTOREPLY, 3, s -> !s.subjectIsForwardOrReply ? find(AUTOREPLY_SUBJECT_WEAK, s.subjectCore) : null),
            new Rule("AUTOREPLY_FROM_DAEMON", AUTOREPLY, -6, s -> s.daemonSender != null
                    ? "a mailer daemon sent it: autoreplies come from people's mailboxes" : null),
            new Rule("AUTOREPLY_BODY", AUTOREPLY, 2, s -> s.leadHit(AUTOREPLY_BODY)),
            new Rule("AUTOREPLY_NULL_SENDER", AUTOREPLY, 3, s -> s.nullSender() ? "sent from <>" : null),
            new Rule("AUTOREPLY_PRECEDENCE", AUTOREPLY, 2, s -> !s.nullSender() && BULK_PRECEDENCE.matcher(s.precedence).matches()
                    ? "Precedence: " + s.precedence : null),

            // Virus notices
            new Rule("VIRUS_SUBJECT", VIRUS_NOTICE, 4, s -> !s.subjectIsForwardOrReply ? find(VIRUS_SUBJECT, s.subjectCore) : null),
            new Rule("VIRUS_BODY", VIRUS_NOTICE, 2, s -> s.leadHit(VIRUS_BODY)),
            new Rule("VIRUS_SCANNER_SENDER", VIRUS_NOTICE, 2, s -> s.fromLocal.matches(
                    ".*(virus|antivirus|av-?scan|scanner|mailscanner|amavis|security|quarantine|gwava|sophos|mcafee|symantec).*")
                    ? "sender " + s.from : null),
            new Rule("VIRUS_SCANNER_MAILER", VIRUS_NOTICE, 3, s -> find(SCANNER_MAILER, s.header("X-Mailer"))),
            new Rule("VIRUS_NORTON_REPORT", VIRUS_NOTICE, 8, s -> s.leadText.contains("reporting-mta: norton antivirus")
                    ? "Reporting-MTA: Norton AntiVirus Gateway" : null),

            // Challenge/response
            new Rule("CR_HEADER", CHALLENGE_RESPONSE, 12, s -> crHeader(s)),
            new Rule("CR_TMDA_MSGID", CHALLENGE_RESPONSE, 12, s -> s.header("Message-ID").contains("-tmda-confirm")
                    ? "Message-ID ends in -tmda-confirm" : null),
            new Rule("CR_VENDOR_SENDER", CHALLENGE_RESPONSE, 6, s -> find(CR_SENDER, s.from)),
            new Rule("CR_VENDOR_CHALLENGE", CHALLENGE_RESPONSE, 16, s -> find(CR_SENDER, s.from) != null
                    && (find(CR_SUBJECT, s.subjectCore) != null || s.leadHit(CR_BODY) != null)
                    ? "a challenge/response service's sender asking for verification" : null),
            new Rule("CR_SUBJECT", CHALLENGE_RESPONSE, 3, s -> find(CR_SUBJECT, s.subjectCore)),
            new Rule("CR_BODY", CHALLENGE_RESPONSE, 3, s -> s.leadHit(CR_BODY)),
            new Rule("PRECEDENCE_SPAM", CHALLENGE_RESPONSE, 2, s -> s.precedence.startsWith("spam") ? "Precedence: spam" : null),

            // Subscription confirmations
            new Rule("LIST_ADMINISTRIVIA", SUBSCRIPTION_CONFIRM, 5, s -> s.header("X-List-Administrivia").startsWith("yes")
                    ? "X-List-Administrivia: yes" : null),
            new Rule("CONFIRM_COOKIE_SUBJECT", SUBSCRIPTION_CONFIRM, 6, s -> find(CONFIRM_COOKIE, s.subject)),
            new Rule("CONFIRM_SUBJECT", SUBSCRIPTION_CONFIRM, 4, s -> find(SUB_SUBJECT, s.subjectCore)),
            new Rule("CONFIRM_BODY", SUBSCRIPTION_CONFIRM, 2, s -> s.leadHit(SUB_BODY)),
            new Rule("EZMLM_CONFIRM_ADDRESS", SUBSCRIPTION_CONFIRM, 5, s -> EZMLM_CONFIRM_REPLY_TO.matcher(s.header("Reply-To")).matches()
                    || EZMLM_CONFIRM_FROM.matcher(s.from).matches() ? "ezmlm -sc. confirmation address" : null),

            // Feedback reports
            new Rule("ARF_REPORT_TYPE", FEEDBACK_REPORT, 12, s -> s.reportType.equals("feedback-report")
                    ? "multipart/report; report-type=feedback-report" : null),
            new Rule("ARF_PART", FEEDBACK_REPORT, 12, s -> s.message.hasPart("message/feedback-report")
                    ? "message/feedback-report part" : null),
            new Rule("JMRP_REPORT", FEEDBACK_REPORT, 10, s -> s.headers.has("X-HmXmrOriginalRecipient")
                    || (s.from.startsWith("staff@hotmail.com") && s.subject.contains("complaint"))
                    ? "Microsoft JMRP complaint" : null),
            new Rule("APPLE_UNSUBSCRIBE", FEEDBACK_REPORT, 10, s -> s.header("X-Apple-Unsubscribe").startsWith("true")
                    ? "X-Apple-Unsubscribe: Apple Mail's one-click opt-out report" : null),
            new Rule("SES_COMPLAINT_JSON", FEEDBACK_REPORT, 12, s -> s.leadText.contains("notificationtype")
                    ? find(SES_COMPLAINT, s.leadText) : null),

            // Read receipts (RFC 8098)
            new Rule("MDN_REPORT_TYPE", READ_RECEIPT, 12, s -> s.reportType.equals("disposition-notification")
                    || s.message.hasPart("message/disposition-notification") ? "disposition notification (RFC 8098)" : null),
            new Rule("MDN_SUBJECT", READ_RECEIPT, 3, s -> find(MDN_SUBJECT, s.subject)),

            // Things that make auto-generated mail unlikely
            new Rule("LIST_MAIL", ORDINARY, 0, s -> s.headers.has("List-Id") || s.headers.has("List-Unsubscribe")
                    ? "list headers present" : null));

    static String find(Pattern p, String text) {
        if (text == null || text.isEmpty()) return null;
        Matcher m = p.matcher(text);
        return m.find() ? "'" + abbreviate(m.group()) + "'" : null;
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }

    private static String abbreviate(String s) {
        String t = s.strip().replace('\n', ' ');
        return t.length() > 60 ? t.substring(0, 60) + "…" : t;
    }

    private static boolean partAtTop(Signals s, String mime) {
        return s.message.parts().stream().anyMatch(p -> p.messageDepth() == 0 && p.mimeType().equals(mime));
    }

    /** The bounce words in the subject, or null (computed once per message by {@link Signals}). */
    static String dsnSubject(Signals s) {
        return find(DSN_SUBJECT, s.subjectCore);
    }

    /** Whether a mailer daemon sent it, and how that shows (computed once per message by {@link Signals}). */
    static String daemonSender(Signals s) {
        if (!s.fromLocal.isEmpty() && DAEMON_LOCAL.matcher(s.fromLocal).matches()) return "From " + s.from;
        if (!s.fromDisplay.isEmpty()) {
            Matcher m = DAEMON_DISPLAY.matcher(s.fromDisplay);
            if (m.find()) return "From \"" + abbreviate(s.fromDisplay) + "\"";
        }
        if (s.from.isEmpty() && s.headers.get("From").toLowerCase().contains("mailer-daemon")) return "From MAILER-DAEMON";
        return null;
    }

    private static String xAutoreply(Signals s) {
        for (String h : List.of("X-Autoreply", "X-Autorespond", "X-Autoresponder", "X-Auto-Reply", "X-Vacation",
                "X-Mail-Autoreply")) {
            String v = s.header(h);
            if (!v.isEmpty() && !v.startsWith("no") && !v.startsWith("false")) return h + ": " + abbreviate(v);
        }
        if (SUPPRESS_AUTOREPLIES.matcher(s.header("X-Auto-Response-Suppress")).matches() && find(AUTOREPLY_SUBJECT, s.subjectCore) != null) {
            return "X-Auto-Response-Suppress with an autoreply subject";
        }
        return null;
    }

    private static String crHeader(Signals s) {
        for (String h : CR_HEADERS) {
            if (s.headers.has(h)) return h + " header";
        }
        return null;
    }
}
