package io.scatterguard.mail.bounce.reason;

import io.scatterguard.mail.bounce.Reason;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Provider-specific rules (Sisimai::Rhost): when the recipient's domain or the remote MTA belongs
 * to a large mailbox provider, that provider's documented error codes and messages decide the
 * reason before the general classification. A provider is chosen by, in order: the recipient domain
 * (a provider host name that contains it, e.g. gmail MX names contain "google.com"), then the
 * remote host name (or, without one, a host named in the error message), then the reporting host,
 * containing one of the provider's host names.
 */
final class RemoteHostRules {
    private record Provider(String name, List<String> hosts, ProviderRules rules) {
    }

    private static final Map<String, Provider> PROVIDERS = new LinkedHashMap<>();

    private RemoteHostRules() {
    }

    /**
     * The provider's reason for these facts, or null (no provider, or its rules say nothing).
     * UNDEFINED is a final answer: the provider's code is documented as carrying no cause.
     */
    static Reason find(Facts f) {
        if (!f.hasDiagnostic()) return null;
        Provider p = providerOf(f);
        if (p == null) return null;
        Reason r = p.rules.find(f);
        return r == Reason.ONHOLD ? null : r;
    }

    /** The provider name for these facts ("" if none), for tests and diagnostics. */
    static String providerName(Facts f) {
        Provider p = providerOf(f);
        return p == null ? "" : p.name;
    }

    private static Provider providerOf(Facts f) {
        String domain = f.destination;
        if (domain.indexOf('.') > 0) {
            for (Provider p : PROVIDERS.values()) {
                for (String h : p.hosts) if (h.contains(domain)) return p;
            }
        }
        // Without a Remote-MTA, a host named in the error message ("host mx.example.com[...] said:")
        // stands for it, as Sisimai takes the first host name of the diagnostic
        String named = f.remoteHost.isEmpty() ? f.lower : "";
        for (String host : new String[] {f.remoteHost, named, f.localHosts()}) {
            if (host.isEmpty()) continue;
            for (Provider p : PROVIDERS.values()) {
                for (String h : p.hosts) if (host.contains(h)) return p;
            }
        }
        return null;
    }

    /** A host name from a Remote-MTA value: "dns; mx.example.com [192.0.2.1]" → "mx.example.com". */
    static String hostOf(String remoteMta) {
        if (remoteMta == null || remoteMta.isBlank()) return "";
        String s = remoteMta.toLowerCase(Locale.ROOT).strip();
        int semi = s.indexOf(';');
        if (semi >= 0) s = s.substring(semi + 1).strip();
        int at = s.indexOf('@');
        if (at >= 0) s = s.substring(at + 1);
        s = s.replace("[", " ").replace("]", " ").replace("(", " ").replace(")", " ").strip();
        for (String w : s.split("\\s+")) {
            if (!w.isEmpty() && !Character.isDigit(w.charAt(0))) {
                return w.endsWith(".") ? w.substring(0, w.length() - 1) : w;
            }
        }
        return "";
    }

    private static void provider(String name, ProviderRules rules, String... hosts) {
        PROVIDERS.put(name, new Provider(name, List.of(hosts), rules));
    }

    static {
        provider("Aol", new PhraseRules()
                .add(Reason.HOSTUNKNOWN, "host or domain name not found")
                .add(Reason.NOTACCEPT, "type=mx: malformed or unexpected name server reply"),
                ".mail.aol.com", ".mx.aol.com");
        provider("Apple", new PhraseRules()   // iCloud Mail, support.apple.com/en-us/102322
                .add(Reason.AUTHFAILURE, "s dmarc policy", "blocked for failing both spf and dkim autentication checks")
                .add(Reason.BLOCKED, "rejected due to having a domain present in the spamhaus",
                        "rejected due to listing in spamhaus", "blocked - see https://support.proofpoint.com/dnsbl-lookup",
                        "not accepting connections")
                .add(Reason.HASMOVED, "recipient no longer on server")
                .add(Reason.MAILBOXFULL, "user is over quota")
                .add(Reason.NORELAYING, "relay access denied")
                .add(Reason.NOTACCEPT, "host/domain does not accept mail")
                .add(Reason.POLICYVIOLATION, "due to local policy")
                .add(Reason.REJECTED, "sender address rejected")
                .add(Reason.SPEEDING, "due to excessive volume")
                .add(Reason.USERUNKNOWN, "inactive email address", "user does not exist", "unknown or illegal alias"),
                ".mail.icloud.com", ".apple.com", ".me.com");
        provider("Cox", coxRules(), "cox.net");
        provider("Facebook", facebookRules(), ".facebook.com");
        provider("FrancePTT", new FrancePttRules(), ".laposte.net", ".orange.fr", ".wanadoo.fr");
        provider("GoDaddy", goDaddyRules(), "smtp.secureserver.net", "mailstore1.secureserver.net");
        provider("Google", new GoogleRules(), "aspmx.l.google.com", "gmail-smtp-in.l.google.com");
        provider("GSuite", RemoteHostRules::gsuite, "googlemail.com");
        provider("IUA", iuaRules(), ".email.ua");
        provider("KDDI", new PhraseRules()   // au / ezweb
                .add(Reason.FILTERED, "550 : user unknown")
                .add(Reason.USERUNKNOWN, ">: user unknown"),
                ".ezweb.ne.jp", "msmx.au.com");
        provider("MessageLabs", messageLabsRules(), ".messagelabs.com");
        provider("Microsoft", new MicrosoftRules(), ".prod.outlook.com", ".protection.outlook.com",
                ".onmicrosoft.com", ".exchangelabs.com");
        provider("Mimecast", mimecastRules(), ".mimecast.com");
        provider("NTTDOCOMO", new NttDocomoRules(), "mfsmax.docomo.ne.jp");
        provider("Outlook", new PhraseRules()   // Outlook.com / Hotmail
                .add(Reason.HOSTUNKNOWN, "the mail could not be delivered to the recipient because the domain is not reachable")
                .add(Reason.USERUNKNOWN, "requested action not taken: mailbox unavailable"),
                ".hotmail.com");
        provider("Spectrum", RemoteHostRules::spectrum, "charter.net");
        provider("Tencent", new PhraseRules()   // QQ Mail, service.mail.qq.com/detail/122
                .add(Reason.AUTHFAILURE, "spf check failed", "dmarc check failed")
                .add(Reason.BLOCKED, "suspected bounce attacks", "suspected spam ip", "connection denied")
                .add(Reason.MESGTOOBIG, "message too large")
                .add(Reason.REJECTED, "suspected spam", "mail is rejected by recipients")
                .add(Reason.SPAMDETECTED, "spam is embedded in the email", "mail content denied")
                .add(Reason.SPEEDING, "mailbox unavailable or access denined", "frequency of receiving messages is limited")
                .add(Reason.SUSPEND, "is a deactivated mailbox")
                .add(Reason.SYNTAXERROR, "bad address syntax")
                .add(Reason.TOOMANYCONN, "ip frequency limited", "domain frequency limited", "sender frequency limited",
                        "connection frequency limited")
                .add(Reason.USERUNKNOWN, "mailbox not found"),
                ".qq.com");
        provider("YahooInc", new PhraseRules()   // senders.yahooinc.com/smtp-error-codes
                .add(Reason.AUTHFAILURE, "yahoo requires all senders to authenticate with either spf or dkim")
                .add(Reason.BLOCKED, " because the ip is in spamhaus's list;", "not accepted from ip addresses on spamhaus xbl")
                .add(Reason.NORELAYING, "relaying denied for ")
                .add(Reason.NOTCOMPLIANTRFC, "headers are not rfc compliant")
                .add(Reason.POLICYVIOLATION, "not accepted for policy reasons")
                .add(Reason.REJECTED, "temporarily deferred due to unexpected volume or user complaints",
                        "due to unresolvable rfc.5321 domain", " will be permanently deferred")
                .add(Reason.SPEEDING, "user is receiving mail too quickly")
                .add(Reason.SUSPEND, " is no longer valid.", "this mailbox is disabled")
                .add(Reason.SYNTAXERROR, "syntax error in parameters or arguments")
                .add(Reason.TOOMANYCONN, "max message per connection reached")
                .add(Reason.USERUNKNOWN, "dd this user doesn't have a ", "mailbox not found"),
                ".yahoodns.net");
    }

    /**
     * Google Workspace's own DNS errors ("DNS Error: ... responded with code NXDOMAIN"): the domain
     * does not exist when the failure is permanent, a network problem while Google still retries.
     */
    private static Reason gsuite(Facts f) {
        if (!f.hasDiagnostic()) return null;
        String t = f.lower;
        char s = f.status.isEmpty() ? ' ' : f.status.charAt(0);
        char r = f.replyCode.isEmpty() ? ' ' : f.replyCode.charAt(0);
        boolean nx = t.contains(" responded with code nxdomain") || t.contains("domain name not found");
        if (nx && s == '5' && r == '5') return Reason.HOSTUNKNOWN;
        if ((nx || t.contains(" had no relevant answers.")) && s != '5' && r != '5') return Reason.NETWORKERROR;
        if (t.contains("null mx")) return Reason.NOTACCEPT;
        if (t.contains("because the address couldn't be found. check for typos or unnecessary spaces and try again.")) {
            return Reason.USERUNKNOWN;
        }
        return null;
    }

    /** Spectrum (Charter) "AUP#I1260" style codes, spectrumbusiness.net "understanding email error codes". */
    private static Reason spectrum(Facts f) {
        String label = CodeLabelRules.between(f.diagnostic, "AUP#", " ");
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < label.length() && digits.length() < 4; i++) {
            char c = label.charAt(i);
            if (c >= '0' && c <= '9') digits.append(c);
            else digits.setLength(0);
        }
        if (digits.length() != 4) return null;
        int code = Integer.parseInt(digits.toString());
        if (code == 1000) return Reason.BLOCKED;
        if (code == 1010) return Reason.REJECTED;
        if (code >= 1020 && code <= 1080) return Reason.REJECTED;
        if (code == 1090) return Reason.SYSTEMERROR;
        if (code >= 1100 && code <= 1150) return Reason.REQUIREPTR;
        if (code >= 1160 && code <= 1190) return Reason.POLICYVIOLATION;
        if (code >= 1200 && code <= 1250) return Reason.BLOCKED;
        if (code == 1260) return Reason.NETWORKERROR;
        if (code >= 1300 && code <= 1340) return Reason.TOOMANYCONN;
        if (code >= 1350 && code <= 1490) return Reason.SPEEDING;
        if (code == 1500 || code == 1520) return Reason.REJECTED;
        if (code == 1530) return Reason.MESGTOOBIG;
        if (code == 1540 || code == 1550 || code == 1580) return Reason.SPEEDING;
        if (code == 1560) return Reason.POLICYVIOLATION;
        return null;
    }

    /** Cox: "AUP#CXBL" style codes (cox.com postmaster), then phrases. */
    private static ProviderRules coxRules() {
        return new CodeLabelRules(f -> CodeLabelRules.between(f.diagnostic + " ", "AUP#", " "))
                .code(Reason.BLOCKED, "CXBL", "CDRBL", "IPBL0001", "IPBL0010", "IPBL0100", "IPBL0011", "IPBL0101",
                        "IPBL0110", "IPBL0111", "IPBL1000", "IPBL1001", "IPBL1010", "IPBL1011", "IPBL1100", "IPBL1101",
                        "IPBL1110", "IPBL1111", "IPBL00001")
                .code(Reason.REQUIREPTR, "CXDNS")
                .code(Reason.AUTHFAILURE, "CXSNDR")
                .code(Reason.REJECTED, "CXSMTP")
                .code(Reason.TOOMANYCONN, "CXCNCT", "CXMXRT")
                .code(Reason.SECURITYERROR, "CXTHRT", "CXMJ")
                .code(Reason.SPAMDETECTED, "URLBL011", "URLBL101", "URLBL110", "URLBL1001")
                .phrases(Reason.BLOCKED, "cox too many bad commands from", "too many invalid recipients")
                .phrases(Reason.REQUIREPTR, "dns check failure - try again later", "rejected - no rdns")
                .phrases(Reason.POLICYVIOLATION, "esmtp no data before greeting", "attachment extension is forbidden")
                .phrases(Reason.REJECTED, "sender rejected")
                .phrases(Reason.SYSTEMERROR, "esmtp server temporarily not available")
                .phrases(Reason.TOOMANYCONN, "too many sessions from", "requested action aborted: try again later",
                        "message threshold exceeded")
                .phrases(Reason.USERUNKNOWN, "recipient rejected");
    }

    /** Facebook postmaster response codes ("RCP-P2"), facebook.com/postmaster/response_codes. */
    private static ProviderRules facebookRules() {
        return new CodeLabelRules(f -> {
            int dash = f.diagnostic.indexOf('-');
            return dash >= 3 && dash + 3 <= f.diagnostic.length() ? f.diagnostic.substring(dash - 3, dash + 3) : "";
        })
                .code(Reason.AUTHFAILURE, "POL-P7")
                .code(Reason.BLOCKED, "POL-P1", "POL-P2", "POL-P3", "POL-P4", "POL-T1", "POL-T2", "POL-T3")
                .code(Reason.CONTENTERROR, "MSG-P2")
                .code(Reason.FILTERED, "RCP-P2", "RCP-P3")
                .code(Reason.MESGTOOBIG, "MSG-P1", "INT-P2")
                .code(Reason.NOTCOMPLIANTRFC, "MSG-P3")
                .code(Reason.REJECTED, "DNS-P1", "DNS-P2", "DNS-T1")
                .code(Reason.REQUIREPTR, "DNS-P3", "DNS-T2")
                .code(Reason.SPAMDETECTED, "POL-P6")
                .code(Reason.SUSPEND, "RCP-T4")
                .code(Reason.SYSTEMERROR, "RCP-T1")
                .code(Reason.TOOMANYCONN, "CON-T1", "CON-T2", "CON-T3", "CON-T4", "MSG-T1")
                .code(Reason.USERUNKNOWN, "RCP-P1", "INT-P1", "INT-P3", "INT-P4")
                .code(Reason.VIRUSDETECTED, "POL-P5");
    }

    /** GoDaddy "IB212" style codes (godaddy.com help 40685), then phrases. */
    private static ProviderRules goDaddyRules() {
        return new CodeLabelRules(f -> {
            String l = CodeLabelRules.between(f.diagnostic, " IB", " ");
            return l.isEmpty() ? "" : "IB" + l.replaceAll("[^0-9]+$", "");
        })
                .code(Reason.SECURITYERROR, "IB401")
                .code(Reason.NOTCOMPLIANTRFC, "IB501", "IB502")
                .code(Reason.REJECTED, "IB506")
                .code(Reason.AUTHFAILURE, "IB508")
                .code(Reason.REQUIREPTR, "IB108")
                .code(Reason.SPAMDETECTED, "IB212")
                .code(Reason.VIRUSDETECTED, "IB705")
                .code(Reason.TOOMANYCONN, "IB605", "IB007")
                .code(Reason.SPEEDING, "IB101", "IB504", "IB510", "IB607")
                .code(Reason.BLOCKED, "IB110", "IB111", "IB112", "IB113", "IB104", "IB105", "IB106")
                .code(Reason.BADREPUTATION, "IB103")
                .phrases(Reason.BLOCKED, "rbl reject", "www.spamhaus.org/query/bl?ip=")
                .phrases(Reason.EXPIRED, "has been in the queue too long", "delivery timeout")
                .phrases(Reason.MAILBOXFULL, "account storage limit")
                .phrases(Reason.SPAMDETECTED, "message rejected for spam or virus content")
                .phrases(Reason.SUSPEND, "account disabled")
                .phrases(Reason.SYSTEMERROR, "message is looping")
                .phrases(Reason.USERUNKNOWN, "recipient not found", "account does not exist");
    }

    /** i.ua: links to mail.i.ua/err/N/ explain each refusal. */
    private static ProviderRules iuaRules() {
        return new CodeLabelRules(f -> CodeLabelRules.between(f.lower, ".i.ua/err/", "/"))
                .code(Reason.NORELAYING, "1", "6")
                .code(Reason.USERUNKNOWN, "2")
                .code(Reason.SUSPEND, "3")
                .code(Reason.MAILBOXFULL, "4")
                .code(Reason.TOOMANYCONN, "5")
                .code(Reason.BLOCKED, "7", "9")
                .code(Reason.REJECTED, "8")
                .code(Reason.FILTERED, "10");
    }

    /** Symantec Email Security.cloud (MessageLabs) knowledge-base messages. */
    private static ProviderRules messageLabsRules() {
        return new PhraseRules()
                .add(Reason.AUTHFAILURE, "domain authentication fail")
                .add(Reason.BADREPUTATION, "connection rejected by policy")
                .add(Reason.BLOCKED, "mail rejected because your ip is in the pbl", "your ip address has been ",
                        "your ip address (ip-addr) has been blocked", "your email address (addr) has been blocked")
                .add(Reason.CONTENTERROR, "stray linefeeds in message")
                .add(Reason.FAILEDSTARTTLS, "tls/sslv3 connection required")
                .add(Reason.NORELAYING, " as a relay, ")
                .add(Reason.NOTCOMPLIANTRFC, "550 requested action aborted [4]", "has detected that this message is not rfc 5322")
                .add(Reason.REJECTED, "sender envelope domain not allowed for sender ip address", "your domain has been blocked",
                        "your email address has been blocked", "your envelope sender is in my badmailfrom list",
                        "your email address has been blacklisted", "your domain has been blacklisted")
                .add(Reason.SECURITYERROR, "please turn on smtp authentication in your mail client")
                .add(Reason.SPAMDETECTED, "message filtered", "filtered by outbound scanning")
                .add(Reason.TOOMANYCONN, "too many recipients received this hour", "too many messages")
                .add(Reason.USERUNKNOWN, "no such user", "invalid recipient", "mailbox is not allowed",
                        "recipient mailbox is not allowed");
    }

    /** Mimecast SMTP error codes (community.mimecast.com): reply code plus message. */
    private static ProviderRules mimecastRules() {
        return new PhraseRules()
                .withReply(Reason.AUTHFAILURE, "550", "spf sender invalid - envelope rejected")
                .withReply(Reason.AUTHFAILURE, "550", "dkim sender invalid - envelope rejected")
                .withReply(Reason.AUTHFAILURE, "550", "dmarc sender invalid - envelope rejected")
                .withReply(Reason.BADREPUTATION, "451", "internal resources are temporarily unavailable")
                .withReply(Reason.BADREPUTATION, "550", "local ct ip reputation - (reject)")
                .withReply(Reason.BLOCKED, "421", "sender address blocked")
                .withReply(Reason.BLOCKED, "451", "recipient temporarily unavailable")
                .withReply(Reason.BLOCKED, "451", "ip temporarily blacklisted")
                .withReply(Reason.EXPIRED, "550", "journal messages past the expiration")
                .withReply(Reason.FAILEDSTARTTLS, "553", "this route requires encryption (tls)")
                .withReply(Reason.FAILEDSTARTTLS, "553", "this route requires tls version 1.2 or greater")
                .withReply(Reason.FAILEDSTARTTLS, "553", "this route requires high-strength ciphers")
                .withReply(Reason.FAILEDSTARTTLS, "554", "configuration is invalid for this certificate")
                .withReply(Reason.MESGTOOBIG, "554", "maximum email size exceeded")
                .withReply(Reason.NETWORKERROR, "451", "the incorrect hostname used for inbounds")
                .withReply(Reason.NETWORKERROR, "550", "the incorrect hostname used for inbounds")
                .withReply(Reason.NETWORKERROR, "554", "mail loop detected")
                .withReply(Reason.NORELAYING, "451", "open relay not allowed")
                .withReply(Reason.NORELAYING, "451", "open relay is not allowed")
                .withReply(Reason.NOTACCEPT, "451", "account inbounds disabled")
                .withReply(Reason.POLICYVIOLATION, "550", "anti-spoofing policy - inbound not allowed")
                .withReply(Reason.POLICYVIOLATION, "550", "rejected by header-based anti-spoofing policy")
                .withReply(Reason.POLICYVIOLATION, "550", "message bounced due to content examination policy")
                .withReply(Reason.POLICYVIOLATION, "554", "host network not allowed")
                .withReply(Reason.POLICYVIOLATION, "554", "host network, not allowed")
                .withReply(Reason.REJECTED, "550", "administrative prohibition envelope blocked")
                .withReply(Reason.REJECTED, "550", "envelope blocked - user entry")
                .withReply(Reason.REJECTED, "550", "envelope blocked - user domain entry")
                .withReply(Reason.REJECTED, "550", "rejected by header-based manually blocked senders - block for manual block")
                .withReply(Reason.REJECTED, "550", "rejected by header-based blocked senders - block policy for header from")
                .withReply(Reason.REJECTED, "550", "envelope rejected - block policy for envelope from address")
                .withReply(Reason.SECURITYERROR, "535", "incorrect authentication data")
                .withReply(Reason.SECURITYERROR, "550", "submitter failed to disabled")
                .withReply(Reason.SECURITYERROR, "550", "submitter failed to authenticate")
                .withReply(Reason.SYSTEMERROR, "451", "unable to process connection at this time")
                .withReply(Reason.SYSTEMERROR, "451", "message ended early")
                .withReply(Reason.SYSTEMERROR, "451", "unable to process command")
                .withReply(Reason.SYSTEMERROR, "451", "unable to process an email at this time")
                .withReply(Reason.TOOMANYCONN, "451", "account service is temporarily unavailable")
                .withReply(Reason.TOOMANYCONN, "452", "too many recipients")
                .withReply(Reason.TOOMANYCONN, "550", "exceeding outbound thread limit")
                .withReply(Reason.USERUNKNOWN, "501", "invalid address")
                .withReply(Reason.USERUNKNOWN, "503", "user unknown")
                .withReply(Reason.USERUNKNOWN, "550", "invalid recipient")
                .withReply(Reason.VIRUSDETECTED, "554", "email rejected due to security policies");
    }
}
