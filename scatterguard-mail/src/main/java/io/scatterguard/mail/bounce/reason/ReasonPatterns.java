package io.scatterguard.mail.bounce.reason;

import io.scatterguard.mail.bounce.Reason;
import java.util.ArrayList;
import io.scatterguard.mail.internal.PhraseAutomaton;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The error-message phrases that identify each bounce reason, matched against the lower-cased
 * diagnostic. The lists are the strings real MTAs and mailbox providers emit, as collected by
 * Sisimai (Sisimai::Reason::* / go-sisimai reason/why-*.go); where a phrase is specific to one
 * product the comment names it.
 */
final class ReasonPatterns {
    private static final Map<Reason, Phrases> TABLE = new EnumMap<>(Reason.class);

    /** Phrases that look like a sender rejection but are about the recipient or the client IP. */
    static final Phrases NOT_REJECTED = Phrases.of(
            "5.1.0 address rejected", "recipient address rejected", "sender ip address rejected");

    private ReasonPatterns() {
    }

    private static final PhraseAutomaton INDEX;

    /** True when the lower-cased message contains one of the reason's phrases. */
    static boolean matches(Reason reason, String lower) {
        return matches(reason, lower, null);
    }

    /** Same, with the message's {@link #scan} (null to scan phrase by phrase). */
    static boolean matches(Reason reason, String lower, BitSet hits) {
        if (reason == Reason.REJECTED && NOT_REJECTED.in(lower, hits)) return false;
        return TABLE.getOrDefault(reason, Phrases.NONE).in(lower, hits);
    }

    /** Finds all table phrases in a lower-cased message in one pass. */
    static BitSet scan(String lower) {
        BitSet hits = new BitSet();
        INDEX.scan(lower, id -> {
            hits.set(id);
            return true;
        });
        return hits;
    }

    private static void put(Reason r, Phrases p) {
        TABLE.put(r, p);
    }

    static {
        put(Reason.MAILBOXFULL, Phrases.of(
                "452 insufficient disk space",
                "account disabled temporarly for exceeding receiving limits",
                "boite du destinataire pleine",          // Orange / La Poste (French)
                "exceeded storage allocation",
                "full mailbox",
                "mailbox exceeds allowed size",
                "mailbox size limit exceeded",
                "mailbox would exceed maximum allowed storage",
                "mailfolder is full",
                "no space left on device",
                "not sufficient disk space",
                "quota violation for",
                "too much mail data",                    // NTT docomo
                "user has exceeded quota, bouncing mail",
                "user has too many messages on the server",
                "user's space has been used up")
            .aligned(
                new String[] {"account is ", " quota"},
                new String[] {"disk", "quota"},
                new String[] {"enough ", " space"},
                new String[] {"mailbox ", "exceeded", " limit"},
                new String[] {"mailbox ", "full"},
                new String[] {"mailbox ", "quota"},
                new String[] {"maildir ", "quota"},
                new String[] {"over ", "quota"},
                new String[] {"quota ", "exceeded"}));

        put(Reason.MESGTOOBIG, Phrases.of(
                "exceeded maximum inbound message size",
                "exceeded the maximum incoming message size",
                "line limit exceeded",
                "max message size exceeded",
                "message file too big",                  // Postfix
                "message length exceeds administrative limit",
                "message size exceeds fixed limit",
                "message size exceeds fixed maximum message size",
                "message size exceeds maximum value",
                "message too big",
                "message too large for this ",
                "size limit",
                "taille limite du message atteinte"));   // French providers

        put(Reason.EXCEEDLIMIT, Phrases.of(
                "message header size exceeds limit",
                "message too large"));

        put(Reason.SUSPEND, Phrases.of(
                " is currently suspended",
                " temporary locked",
                "archived recipient",
                "boite du destinataire archivee",        // Orange / La Poste
                "email account that you tried to reach is disabled", // Gmail
                "has been suspended",
                "inactive account",
                "invalid/inactive user",
                "is a deactivated mailbox",              // Tencent QQ
                "is unavailable: user is terminated",
                "mailbox currently suspended",
                "mailbox disabled",
                "mailbox is frozen",
                "mailbox unavailable or access denied",
                "recipient rejected: temporarily inactive",
                "recipient suspend the service",
                "the email account that you tried to reach is inactive", // Gmail
                "this account has been disabled or discontinued",
                "this account has been temporarily suspended",
                "this address no longer accepts mail",
                "this mailbox is disabled",
                "user or domain is disabled",
                "user suspended",                        // NetEase 163.com
                "vdelivermail: account is locked email bounced")); // vpopmail

        put(Reason.HASMOVED, Phrases.of(" has been replaced by "));

        put(Reason.NORELAYING, Phrases.of(
                "as a relay",
                "email address is not verified.",
                "insecure mail relay",
                "is not permitted to relay through this server without authentication",
                "mail server requires authentication when attempting to send to a non-local e-mail address", // MailEnable
                "no relaying",
                "not a gateway",
                "not allowed to relay through this machine",
                "not an open relay, so get lost",
                "not local host",
                "relay access denied",                   // Postfix
                "relay denied",
                "relay not permitted",
                "relaying denied",                       // Sendmail
                "relaying mail to ",
                "specified domain is not allowed",
                "that domain isn't in my list of allowed rcpthost", // qmail
                "this system is not configured to relay mail",
                "unable to relay ",
                "we don't handle mail for"));

        put(Reason.AUTHFAILURE, Phrases.of(
                "//spf.pobox.com",
                "bad spf records for",
                "dmarc policy",
                "doesn't meet the required authentication level", // Microsoft
                "please inspect your spf settings",
                "sender policy framework (spf) fail",
                "sender policy framework violation",
                "spf (sender policy framework) domain authentication fail", // Symantec MessageLabs
                "spf check: fail",
                "the 5322.from address doesn't meet the authentication requirements defined for the sender")
            .aligned(
                new String[] {" is not allowed to send mail.", "_401"},
                new String[] {"is not allowed to send from <", " per it's spf record"}));

        put(Reason.USERUNKNOWN, Phrases.of(
                "#5.1.1 bad address",
                "550 address invalid",
                "5.1.0 address rejected.",
                "address does not exist",
                "address not present in directory",
                "address unknown",
                "because the address couldn't be found", // Gmail "** Address not found **"
                "can't accept user",
                "does not exist.",
                "destination addresses were unknown",
                "destination server rejected recipients",
                "email address does not exist",
                "email address could not be found",
                "invalid address",
                "invalid mailbox",
                "invalid mailbox path",
                "invalid recipient",
                "is not a known user",
                "is not a valid mailbox",
                "is not an active address at this host",
                "mailbox does not exist",
                "mailbox invalid",
                "mailbox is inactive",
                "mailbox is unavailable",
                "mailbox not present",
                "mailbox not found",
                "mailbox unavaiable",
                "nessun utente simile in questo indirizzo", // Italian
                "no account by that name here",
                "no existe dicha persona",               // Spanish
                "no existe ese usuario ",
                "no mail box available for this user",
                "no mailbox by that name is currently available",
                "no mailbox found",
                "no such address here",
                "no such mailbox",
                "no such person at this address",
                "no such recipient",
                "no such user",
                "no thank you rejected: account unavailable",
                "no valid recipients, bye",              // qmail / vpopmail
                "not a valid recipient",
                "not a valid user here",
                "not a local address",
                "not email addresses",
                "recipient address rejected. (in reply to rcpt to command)",
                "recipient address rejected: access denied",
                "recipient address rejected: invalid user",
                "recipient address rejected: invalid-recipient",
                "recipient address rejected: unknown user",
                "recipient address rejected: userunknown",
                "recipient does not exist",
                "recipient is not accepted",
                "recipient is not local",
                "recipient not exist",
                "recipient not found",
                "recipient not ok",
                "recipient refuses to accept your mail",
                "recipient unknown",
                "requested action not taken: mailbox unavailable",
                "resolver.adr.recipient notfound",       // Microsoft Exchange
                "sorry, user unknown",
                "sorry, badrcptto",                      // qmail badrcptto patch
                "sorry, no mailbox here by that name",   // qmail
                "sorry, your envelope recipient has been denied",
                "that domain or user isn't in my list of allowed rcpthosts",
                "the email account that you tried to reach does not exist", // Gmail
                "the following recipients was undeliverable",
                "the user's email name is not found",
                "there is no one at this address",
                "this address no longer accepts mail",
                "this email address is wrong or no longer valid",
                "this recipient is in my badrecipientto list",
                "this recipient is not in my validrcptto list",
                "this spectator does not exist",
                "unknown mailbox",
                "unknown recipient",
                "unknown user",
                "user does not exist",
                "user missing home directory",
                "user not active",
                "user not exist",
                "user not found",
                "user not known",
                "user unknown",
                "utilisateur inconnu !",                 // French
                "vdeliver: invalid or unknown virtual user", // vpopmail
                "weil die adresse nicht gefunden wurde oder keine e-mails empfangen kann", // German
                "your envelope recipient is in my badrcptto list")
            .aligned(
                new String[] {"<", "> not found"},
                new String[] {"<", ">... blocked by "},
                new String[] {"account ", " does not exist at the organization"},
                new String[] {"adresse d au moins un destinataire invalide. invalid recipient.", "416"}, // Orange
                new String[] {"adresse d au moins un destinataire invalide. invalid recipient.", "418"},
                new String[] {"bad", "recipient"},
                new String[] {"mailbox ", "does not exist"},
                new String[] {"mailbox ", "unavailable or access denied"},
                new String[] {"no ", " in name directory"},
                new String[] {"non", "existent user"},
                new String[] {"rcpt <", " does not exist"},
                new String[] {"rcpt (", "t exist "},
                new String[] {"recipient ", " was not found in"},
                new String[] {"recipient address rejected: user ", "  does not exist"},
                new String[] {"recipient address rejected: user unknown in ", "  table"},
                new String[] {"said: 550", "5.1.1 ", " user unknown "},
                new String[] {"this user doesn't have a ", " account"},
                new String[] {"unknown e", "mail address"},
                new String[] {"unknown local", "part"},
                new String[] {"user ", " was not found"},
                new String[] {"user ", " does not exist"},
                new String[] {"user (", ") unknown"}));

        put(Reason.FILTERED, Phrases.of(
                "account is protected by",
                "bounced address",                       // SendGrid
                "has restricted sms e-mail",             // AT&T
                "is not accepting any mail",
                "message filtered",
                "message rejected due to user rules",
                "not found recipient account",
                "recipient id refuse to receive mail",   // Willcom
                "recipient is only accepting mail from specific email addresses", // AOL
                "refused due to recipient preferences",  // Facebook
                "user not found",                        // Mail.ru filter
                "user refuses to receive this mail",
                "user reject",
                "you have been blocked by the recipient"));

        put(Reason.REQUIREPTR, Phrases.of(
                "access denied. ip name lookup failed",
                "all mail servers must have a ptr record with a valid reverse dns entry",
                "bad dns ptr resource record",
                "cannot find your hostname",
                "cannot resolve your address.",
                "client host rejected: cannot find your hostname", // Postfix reject_unknown_client_hostname
                "fix reverse dns for ",
                "ips with missing ptr records",
                "no ptr record found.",
                "please get a custom reverse dns name from your isp for your host",
                "ptr record setup",
                "reverse dns failed",
                "reverse dns required",
                "sender ip reverse lookup rejected",
                "the ip address sending this message does not have a ptr record setup", // Gmail
                "the corresponding forward dns entry does not point to the sending ip", // Gmail
                "this system will not accept messages from servers/devices with no reverse dns",
                "unresolvable relay host name",
                "we do not accept mail from hosts with dynamic ip or generic dns ptr-records")
            .aligned(
                new String[] {"domain ", " mismatches client ip"},
                new String[] {"dns lookup failure: ", " try again later"},
                new String[] {"reverse dns lookup for host ", " failed permanently"},
                new String[] {"server access ", " forbidden by invalid rdns record of your mail server"},
                new String[] {"service permits ", " unverifyable sending ips"}));

        put(Reason.NOTCOMPLIANTRFC, Phrases.of(
                "this message is not rfc 5322 compliant", // Gmail
                "https://support.google.com/mail/?p=rfcmessagenoncompliant")
            .aligned(new String[] {" multiple ", " header"}));

        put(Reason.BADREPUTATION, Phrases.of(
                "a poor email reputation score",
                "has been temporarily rate limited due to ip reputation", // Microsoft
                "ip/domain reputation problems",
                "likely suspicious due to the very low reputation", // Gmail
                "none/bad reputation",                   // T-Online
                "temporarily deferred due to unexpected volume or user complaints", // Yahoo
                "the sending mta's poor reputation"));

        put(Reason.CONTENTERROR, Phrases.of(
                "duplicate header",
                "header size exceeds maximum permitted",
                "improper use of 8-bit data in message header",
                "message header size, or recipient list, exceeds policy limit",
                "message mime complexity exceeds the policy maximum",
                "routing loop detected -- too many received: headers",
                "this message contain invalid mime headers",
                "this message contain improperly-formatted binary content",
                "this message contain text that uses unnecessary base64 encoding"));

        put(Reason.REJECTED, Phrases.of(
                "access denied (in reply to mail from command)",
                "access denied (sender blacklisted)",
                "address rejected",
                "administrative prohibition",            // Exim
                "batv failed to verify",                 // SonicWall
                "batv validation failure",               // SonicWall
                "backscatter protection detected an invalid or expired email address", // MDaemon
                "because the sender isn't on the recipient's list of senders to accept mail from",
                "bogus mail from",                       // IMail
                "can't determine purported responsible address",
                "connections not accepted from servers without a valid sender domain",
                "denied [bouncedeny]",                   // McAfee
                "denied by secumail valid-address-filter",
                "delivery not authorized, message refused",
                "does not exist e2110",
                "domain of sender address ",
                "email address is on senderfilterconfig list",
                "emetteur invalide",
                "empty envelope senders not allowed",
                "envelope blocked - ",
                "error: no third-party dsns",            // SpamWall
                "from: domain is invalid. please provide a valid from:",
                "fully qualified email address required", // McAfee
                "invalid domain, see <url:",
                "invalid sender",
                "is not a registered gateway user",
                "mail from not owned by user",
                "message rejected: email address is not verified", // Amazon SES
                "mx records for ",
                "null sender is not allowed",
                "recipient addresses rejected : access denied",
                "recipient not accepted. (batv: no tag",
                "returned mail not accepted here",
                "rfc 1035 violation: recursive cname records for",
                "rule imposed mailbox access for",       // MailMarshal
                "sending this from a different address or alias using the ",
                "sender address has been blacklisted",
                "sender email address rejected",
                "sender is in my black list",
                "sender is spammer",
                "sender not pre-approved",
                "sender rejected",
                "sender domain is empty",
                "sender verify failed",                  // Exim callout
                "sender was rejected",                   // qmail
                "spam reporting address",                // SendGrid
                "syntax error: empty email address",
                "the message has been rejected by batv defense",
                "this server does not accept mail from",
                "transaction failed unsigned dsn for",
                "unroutable sender address",
                "you are not allowed to post to this mailing list",
                "you are sending to/from an address that has been blacklisted",
                "your access to submit messages to this e-mail system has been rejected",
                "your email address has been blacklisted")); // MessageLabs

        put(Reason.HOSTUNKNOWN, Phrases.of(
                "domain does not exist",
                "domain is not reachable",
                "domain must exist",
                "host or domain name not found",
                "host unknown",
                "host unreachable",
                "mail domain mentioned in email address is unknown",
                "name or service not known",
                "no such domain",
                "recipient address rejected: unknown domain name",
                "recipient domain must exist",
                "the account or domain may not exist",
                "unknown host",
                "unroutable address",
                "unrouteable address")
            .aligned(new String[] {"553 ", " does not exist"}));

        put(Reason.SPAMDETECTED, Phrases.of(
                " - spam",
                "//www.spamhaus.org/help/help_spam_16.htm",
                "//dsbl.org/help/help_spam_16.htm",
                "//mail.163.com/help/help_spam_16.htm",  // NetEase
                "554 5.7.0 reject, id=",
                "appears to be unsolicited",
                "blacklisted url in message",
                "block for spam",
                "blocked by policy: no spam please",
                "blocked by spamassassin",
                "blocked for abuse. see http://att.net/blocks", // AT&T
                "cannot be forwarded because it was detected as spam",
                "considered unsolicited bulk e-mail (spam) by our mail filters",
                "content filter rejection",
                "cyberoam anti spam engine has identified this email as a bulk email",
                "denied due to spam list",
                "high probability of spam",
                "is classified as spam and is rejected",
                "listed in work.drbl.imedia.ru",
                "the mail server detected your message as spam and has prevented delivery.", // cPanel/Exim
                "mail appears to be unsolicited",
                "mail content denied",                   // Tencent QQ
                "may consider spam",
                "message considered as spam or virus",
                "message contains spam or virus",
                "message content rejected",
                "message detected as spam",
                "message filtered",
                "message filtered. please see the faqs section on spam",
                "message filtered. refer to the troubleshooting page at ",
                "message looks like spam",
                "message is being rejected as it seems to be a spam",
                "message refused by mailmarshal spamprofiler",
                "message refused by trustwave seg spamprofiler",
                "message rejected as spam",
                "message rejected because of unacceptable content",
                "message rejected due to suspected spam content",
                "message rejected for policy reasons",
                "message was rejected for possible spam/virus content",
                "our email server thinks this email is spam",
                "our system has detected that this message is ", // Gmail
                "probable spam",
                "reject bulk.advertising",
                "rejected: spamassassin score ",
                "rejected - bulk email",
                "rejecting banned content",
                "rejecting mail content",
                "related to content with spam-like characteristics",
                "sender domain listed at ",
                "sending address not accepted due to spam filter",
                "spam blocked",
                "spam check",
                "spam content matched",
                "spam detected",
                "spam email",
                "spam email not accepted",
                "spam message rejected.",                // Mail.ru
                "spam not accepted",
                "spam refused",
                "spam rejection",
                "spam score ",
                "spambouncer identified spam",
                "spamming not allowed",
                "too many spam complaints",
                "too much spam.",                        // EarthLink
                "the email message was detected as spam",
                "the message has been rejected by spam filtering engine",
                "the message was rejected due to classification as bulk mail",
                "the content of this message looked like spam", // SendGrid
                "this message appears to be spam",
                "this message has been identified as spam",
                "this message has been scored as spam with a probability",
                "this message was classified as spam",
                "this message was rejected by recurrent pattern detection system",
                "transaction failed spam message not queued", // SendGrid
                "we dont accept spam",
                "your email appears similar to spam we have received before",
                "your email breaches local uribl policy",
                "your email had spam-like ",
                "your email is considered spam",
                "your email is probably spam",
                "your email was detected as spam",
                "your message as spam and has prevented delivery",
                "your message has been temporarily blocked by our filter",
                "your message has been rejected because it appears to be spam",
                "your message has triggered a spam block",
                "your message may contain the spam contents",
                "your message failed several antispam checks")
            .aligned(
                new String[] {"greylisted", " please try again in"},
                new String[] {"mail score (", " over "},
                new String[] {"mail rejete. mail rejected. ", "506"}, // Orange
                new String[] {"our filters rate at and above ", " percent probability of being spam"},
                new String[] {"rejected by ", " (spam)"},
                new String[] {"rejected due to spam ", "classification"},
                new String[] {"rejected due to spam ", "content"},
                new String[] {"rule imposed as ", " is blacklisted on"},
                new String[] {"spam ", " exceeded"},
                new String[] {"this message scored ", " spam points"}));

        put(Reason.SPEEDING, Phrases.of(
                "mail sent from your ip address has been temporarily rate limited", // Gmail
                "please try again slower",               // Postfix policy services
                "receiving mail at a rate that prevents additional messages from being delivered")); // Gmail

        put(Reason.TOOMANYCONN, Phrases.of(
                "all available ips are at maximum connection limit", // SendGrid
                "connection rate limit exceeded",
                "exceeds per-domain connection limit for",
                "has exceeded the max emails per hour ",
                "throttling failure: daily message quota exceeded", // Amazon SES
                "throttling failure: maximum sending rate exceeded", // Amazon SES
                "too many connections",
                "too many connections from your host.",  // Microsoft
                "too many concurrent smtp connections",  // Microsoft
                "too many errors from your ip",          // Free.fr
                "too many recipients",                   // NTT docomo
                "too many smtp sessions for this host",  // Sendmail
                "trop de connexions, ",                  // Orange
                "we have already made numerous attempts to deliver this message"));

        put(Reason.BLOCKED, Phrases.of(
                " said: 550 blocked",
                "//www.spamcop.net/bl.",
                "bad sender ip address",
                "banned sending ip",                     // Office 365
                "blacklisted by",
                "blocked using ",
                "blocked - see http",
                "dnsbl:attrbl",
                "client host rejected: abus detecte gu_eib_02", // SFR
                "client host rejected: abus detecte gu_eib_04", // SFR
                "client host rejected: may not be mail exchanger",
                "client host rejected: was not authenticated", // Microsoft
                "confirm this mail server",
                "connection dropped",
                "connection refused by",
                "connection reset by peer",
                "connection was dropped by remote host",
                "connections not accepted from ip addresses on spamhaus xbl",
                "currently sending spam see: ",
                "domain does not exist:",
                "dynamic/zombied/spam ips blocked",
                "error: no valid recipients from ",
                "esmtp not accepting connections",       // iCloud
                "extreme bad ip profile",
                "go away",
                "helo command rejected:",
                "host network not allowed",
                "hosts with dynamic ip",
                "invalid ip for sending mail of domain",
                "is in a black list",
                "is not allowed to send mail from",
                "mailfrom domain is listed in spamhaus",
                "no access from mail server",
                "no matches to nameserver query",
                "not currently accepting mail from your ip", // Microsoft
                "part of their network is on our block list",
                "please use the smtp server of your isp",
                "refused - see http",
                "rejected - multi-blacklist",            // junkemailfilter.com
                "rejected because the sending mta or the sender has not passed validation",
                "rejecting open proxy",                  // Sendmail
                "sender ip address rejected",
                "server access forbidden by your ip ",
                "service not available, closing transmission channel",
                "smtp error from remote mail server after initial connection:", // Exim
                "sorry, that domain isn't in my list of allowed rcpthosts",
                "sorry, your remotehost looks suspiciously like spammer",
                "temporarily deferred due to unexpected volume or user complaints",
                "to submit messages to this e-mail system has been rejected",
                "too many spams from your ip",           // Free.fr
                "too many unwanted messages have been sent from the following ip address above",
                "was blocked by ",
                "we do not accept mail from dynamic ips", // Mail.ru
                "you are not allowed to connect",
                "you are sending spam",
                "your ip address is listed in the rbl",
                "your network is temporary blacklisted",
                "your server requires confirmation")
            .aligned(
                new String[] {"(", "@", ":blocked)"},
                new String[] {"access from ip address ", " blocked"},
                new String[] {"client host ", " blocked using"},
                new String[] {"connections will not be accepted from ", " because the ip is in spamhaus's list"},
                new String[] {"dnsbl:rbl ", ">_is_blocked"},
                new String[] {"email blocked by ", ".barracudacentral.org"},
                new String[] {"email blocked by ", "spamhaus"},
                new String[] {"host ", " refused to talk to me: ", " blocked"},
                new String[] {"ip ", " is blocked by earthlink"}, // EarthLink
                new String[] {"is in an ", "rbl on "},
                new String[] {"mail server at ", " is blocked"},
                new String[] {"mail from ", " refused:"},
                new String[] {"mail from ", " refused, see ", "orbs"},
                new String[] {"message from ", " rejected based on blacklist"},
                new String[] {"messages from ", " temporarily deferred due to user complaints"}, // Yahoo
                new String[] {"server ip ", " listed as abusive"},
                new String[] {"sorry! your ip address", " is blocked by rbl"}, // junkemailfilter.com
                new String[] {"the domain ", " is blacklisted"},
                new String[] {"the email ", " is blacklisted"},
                new String[] {"the ip", " is blacklisted"},
                new String[] {"veuillez essayer plus tard. service refused, please try later. ", "103"}, // Orange
                new String[] {"veuillez essayer plus tard. service refused, please try later. ", "510"},
                new String[] {"your access ip", " has been rejected"},
                new String[] {"your sender's ip address is listed at ", ".abuseat.org"}));

        put(Reason.VIRUSDETECTED, Phrases.of(
                "it has a potentially executable attachment",
                "the message was rejected because it contains prohibited virus or spam content",
                "this form of attachment has been used by recent viruses or other malware",
                "virus detected",
                "virus phishing/malicious_url detected",
                "your message was infected with a virus"));

        put(Reason.POLICYVIOLATION, Phrases.of(
                "an illegal attachment on your message",
                "because the recipient is not accepting mail with ", // AOL
                "by non-member to a members-only list",
                "closed mailing list",
                "denied by policy",
                "email not accepted for policy reasons",
                "email rejected due to security policies", // Mimecast
                "header are not accepted",
                "header error",
                "local policy violation",
                "message bounced due to organizational settings",
                "message given low priority",
                "message not accepted for policy reasons",
                "message rejected due to local policy",
                "messages with multiple addresses",
                "rejected for policy reasons",
                "protocol violation",
                "the email address used to send your message is not subscribed to this group", // Google Groups
                "the message was rejected by organization policy",
                "this message was blocked because its content presents a potential",
                "we do not accept messages containing images or other attachments",
                "you're using a mass mailer")
            .aligned(new String[] {"you have exceeded the", "allowable number of posts without solving a captcha"}));

        put(Reason.SECURITYERROR, Phrases.of(
                "account not subscribed to ses",         // Amazon SES
                "authentication credentials invalid",
                "authentication failure",
                "authentication required",
                "authentication turned on in your email client",
                "executable files are not allowed in compressed files",
                "insecure mail relay",
                "recipient address rejected: access denied",
                "sorry, you don't authenticate or the domain isn't in my list of allowed rcpthosts",
                "unauthenticated senders not allowed",
                "verification failure",
                "you are not authorized to send mail, authentication is required")
            .aligned(
                new String[] {"authentication failed; server ", " said: "}, // Postfix
                new String[] {"authentification invalide", "305"},
                new String[] {"authentification requise", "402"},
                new String[] {"domain ", " is a dead domain"},
                new String[] {"user ", " is not authorized to perform ses:sendrawemail on resource"}));

        put(Reason.SYSTEMERROR, Phrases.of(
                "aliasing/forwarding loop broken",
                "can't create user output file",
                "could not load drd for domain",
                "internal error reading data",           // Microsoft
                "internal server error: operation now in progress", // Microsoft
                "interrupted system call",
                "it encountered an error while being processed",
                "it would create a mail loop",
                "local configuration error",
                "local error in processing",
                "loop was found in the mail exchanger",
                "loops back to myself",
                "mail system configuration error",
                "queue file write error",
                "recipient deferred because there is no mdb",
                "remote server is misconfigured",
                "server configuration error",
                "service currently unavailable",
                "system config error",
                "temporary local problem",
                "timeout waiting for input",
                "transaction failed ")
            .aligned(new String[] {"unable to connect ", "daemon"}));

        put(Reason.NETWORKERROR, Phrases.of(
                "could not connect and send the mail to",
                "dns records for the destination computer could not be found",
                "hop count exceeded - possible mail loop",
                "host is unreachable",
                "host name lookup failure",
                "host not found, try again",
                "mail forwarding loop for ",
                "malformed name server reply",
                "malformed or unexpected name server reply",
                "maximum forwarding loop count exceeded",
                "message looping",
                "message probably in a routing loop",
                "no route to host",
                "too many hops",
                "unable to resolve route ",
                "unrouteable mail domain",
                "responded with code nxdomain",          // Gmail "DNS Error: ... DNS type 'mx' lookup of ..."
                "had no relevant answers"));             // Gmail

        put(Reason.SYSTEMFULL, Phrases.of(
                "mail system full",
                "requested mail action aborted: exceeded storage allocation")); // MS Exchange

        put(Reason.NOTACCEPT, Phrases.of(
                "does not accept mail (nullmx)",
                "doesn't receive email according to the administrator", // Gmail, null MX
                "host/domain does not accept mail",      // iCloud
                "host does not accept mail",             // Sendmail
                "mail receiving disabled",
                "name server: .: host not found",        // Sendmail
                "no mx record found for domain=",        // Yahoo
                "no route for current request",
                "smtp protocol returned a permanent error"));

        put(Reason.EXPIRED, Phrases.of(
                "connection timed out",
                "could not find a gateway for",
                "delay reason: ",                        // Exim deliver.c
                "delivery attempts will continue to be",
                "delivery expired",
                "delivery time expired",
                "envelope expired",                      // OpenSMTPD queue.c
                "failed to deliver to domain ",
                "frozen on arrival",                     // Exim receive.c
                "giving up on",
                "has been delayed",
                "has been frozen",                       // Exim deliver.c
                "have been failing for a long time",     // Exim smtp.c
                "host not reachable",
                "it has not been collected after",
                "message could not be delivered for more than",
                "message expired after sitting in queue for",
                "message expired, ",
                "message has been in the queue too long",
                "message was not delivered within ",
                "message timed out",
                "retry time not reached for any host after a long failure period", // Exim
                "retry timeout exceeded",                // Exim retry.c
                "server did not accept our requests to connect",
                "server did not respond",
                "this message has been in the queue too long",
                "unable to deliver message after multiple retries",
                "was not reachable within the allowed queue period",
                "your message could not be delivered for more than")
            .aligned(
                new String[] {"could not be delivered for", " days"},
                new String[] {"could not deliver for the last", "second"}, // DragonFly dma
                new String[] {"delivery ", "expired"},
                new String[] {"delivery ", "delayed"},
                new String[] {"exceed", "time", "out"},
                new String[] {"not", "reach", "period"}));

        put(Reason.FAILEDSTARTTLS, Phrases.of(
                "starttls is required to send mail",
                "tls required but not supported"));      // SendGrid

        put(Reason.MAILERERROR, Phrases.of(
                " || exit ",
                "procmail: ",
                "bin/procmail",
                "bin/maidrop",
                "command failed: ",
                "command died with status ",
                "command output:",
                "mailer error",
                "pipe to |/",
                "x-unix; "));

        put(Reason.VACATION, Phrases.of(
                "i am away on vacation",
                "i am away until",
                "i am out of the office",
                "i will be traveling for work on"));
        List<String> all = new ArrayList<>();
        NOT_REJECTED.register(all);
        for (Phrases p : TABLE.values()) p.register(all);
        INDEX = PhraseAutomaton.of(all);
    }
}
