package io.scatterguard.tools.probe;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * "Is this server a backscatterer?" — asks it, the way a spammer's delivery would: greeting,
 * EHLO (HELO if refused), STARTTLS when offered, MAIL FROM the probe address, RCPT TO a random
 * recipient that cannot exist at the domain, optionally RCPT TO a known-good address for contrast,
 * then RSET and QUIT. It never sends DATA, so no message is ever delivered or bounced.
 *
 * <p>A server that refuses the random recipient at RCPT does not accept-then-bounce (at least not
 * for unknown users); one that accepts it has to deliver, drop or bounce it later — and the bounce
 * goes to whoever the envelope names, which in spam is a forged address. A catch-all domain
 * accepts everything legitimately; the explanation says so.
 */
public final class Probe {
    private static final Pattern RELAY = Pattern.compile(
            "(?i)relay(ing)? (access )?(denied|not (permitted|allowed))|not permitted to relay|unable to relay|"
                    + "relay(ing)? (is )?prohibited|we do not relay|not a local domain|no relaying");
    private static final Pattern PROBE_REFUSED = Pattern.compile(
            "(?i)sender address rejected|client host rejected|helo command rejected|blocked|block ?list|black ?list|"
                    + "listed (at|in|on|by)|spamhaus|reputation|not authori[sz]ed|authentication required");
    private static final Pattern HOST_NAME = Pattern.compile("(?i)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+");

    private Probe() {}

    /** Runs the probe; never throws for anything the server does — that is in the result. */
    public static ProbeResult run(ProbeSettings s) {
        Transcript t = new Transcript();
        Conversation c = new Conversation(s, t);
        try {
            return c.run(s.tls());
        } catch (TlsFailure e) {
            t.note(e.getMessage() + "; trying again without TLS");
            Conversation plain = new Conversation(s, t);
            plain.tlsNote = e.getMessage() + "; probed without TLS";
            try {
                return plain.run(false);
            } catch (TlsFailure impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    /** The TLS handshake failed; the probe is repeated in plain text, as a sending MTA would. */
    private static final class TlsFailure extends Exception {
        private static final long serialVersionUID = 1L;

        TlsFailure(String message) {
            super(message);
        }
    }

    /** One connection's worth of state. */
    private static final class Conversation {
        private final ProbeSettings s;
        private final Transcript t;
        private String domain = "";
        private boolean fromGreeting;
        private String probeRecipient = "";
        private Reply probeReply;
        private Reply validReply;
        private TlsInfo tls;
        private String tlsNote = "";
        private String stage = "CONNECT";

        Conversation(ProbeSettings s, Transcript t) {
            this.s = s;
            this.t = t;
        }

        ProbeResult run(boolean useTls) throws TlsFailure {
            if (!useTls && tlsNote.isEmpty()) tlsNote = "not used (--no-tls)";
            try (ProbeConnection c = ProbeConnection.open(s.target(), s.connectTimeout(), s.replyTimeout(), t)) {
                stage = "GREETING";
                Reply greeting = c.readReply("the greeting");
                if (!greeting.positive()) {
                    quit(c);
                    return result(greeting.transientFailure() ? ProbeVerdict.TEMPFAIL : ProbeVerdict.REFUSED,
                            "The server refused the connection in its greeting: " + greeting + ".");
                }
                if (!chooseDomain(greeting)) {
                    quit(c);
                    return result(ProbeVerdict.ERROR, "No --domain given, and the greeting names no host name to take "
                            + "the domain from: give --domain DOMAIN.");
                }
                stage = "EHLO";
                Reply ehlo = hello(c);
                if (!ehlo.positive()) return refusedAt("EHLO/HELO", ehlo, c);
                if (useTls) {
                    ehlo = maybeTls(c, ehlo);
                    if (!ehlo.positive()) return refusedAt("EHLO after STARTTLS", ehlo, c);
                }
                stage = "MAIL";
                Reply mail = c.command("MAIL FROM:<" + s.sender() + ">");
                if (!mail.positive()) return refusedAt("MAIL FROM", mail, c);
                stage = "RCPT";
                probeRecipient = s.localParts().get() + "@" + domain;
                probeReply = c.command("RCPT TO:<" + probeRecipient + ">");
                if (s.validRecipient() != null && !s.validRecipient().isEmpty()) {
                    try {
                        validReply = c.command("RCPT TO:<" + s.validRecipient() + ">");
                    } catch (ProbeException e) {
                        t.note("no answer to the second RCPT: " + e.getMessage());
                    }
                }
                quitAfterTransaction(c);
                return judge();
            } catch (ProbeException e) {
                if (e.kind() == ProbeException.Kind.TLS) throw new TlsFailure(e.getMessage());
                t.note(e.getMessage());
                if (probeReply != null) return judge(); // the answer that matters came before the failure
                return result(ProbeVerdict.ERROR, describe(e));
            }
        }

        private String describe(ProbeException e) {
            String where = switch (stage) {
                case "CONNECT" -> "Could not talk to " + s.target() + ": ";
                case "GREETING" -> "No usable greeting from " + s.target() + ": ";
                default -> "The conversation broke off at " + stage + ": ";
            };
            return where + e.getMessage() + ".";
        }

        private boolean chooseDomain(Reply greeting) {
            if (s.domain() != null && !s.domain().isBlank()) {
                domain = s.domain().strip().toLowerCase(Locale.ROOT);
                return true;
            }
            String first = greeting.lines().isEmpty() ? "" : greeting.lines().get(0).strip();
            int sp = first.indexOf(' ');
            String host = (sp < 0 ? first : first.substring(0, sp)).toLowerCase(Locale.ROOT);
            if (!HOST_NAME.matcher(host).matches() || host.matches("[0-9.]+")) return false;
            String[] labels = host.split("\\.");
            domain = labels.length >= 3 ? host.substring(host.indexOf('.') + 1) : host;
            fromGreeting = true;
            t.note("no --domain: using " + domain + ", from the greeting's host name " + host);
            return true;
        }

        private Reply hello(ProbeConnection c) throws ProbeException {
            Reply ehlo = c.command("EHLO " + s.heloName());
            if (ehlo.permanentFailure()) {
                t.note("EHLO refused; trying HELO");
                return c.command("HELO " + s.heloName());
            }
            return ehlo;
        }

        private Reply maybeTls(ProbeConnection c, Reply ehlo) throws ProbeException {
            if (!ehlo.hasExtension("STARTTLS")) {
                tlsNote = "not offered by the server";
                return ehlo;
            }
            stage = "STARTTLS";
            Reply r = c.command("STARTTLS");
            if (r.code() != 220) {
                tlsNote = "STARTTLS was answered " + r + "; probed without TLS";
                t.note(tlsNote);
                return ehlo;
            }
            c.startTls(s.target().host(), s.replyTimeout());
            tls = c.tls();
            tlsNote = "";
            stage = "EHLO";
            return c.command("EHLO " + s.heloName()); // RFC 3207 §4.2: forget everything, start again
        }

        private ProbeResult refusedAt(String what, Reply r, ProbeConnection c) {
            quit(c);
            ProbeVerdict v = r.transientFailure() ? ProbeVerdict.TEMPFAIL : ProbeVerdict.REFUSED;
            String hint = what.equals("MAIL FROM") && !s.sender().isEmpty()
                    ? " Try another sender address (--from) or the null sender (--null-sender)." : "";
            return result(v, "The server answered " + what + " with " + r + ", so the recipients could not be tested."
                    + hint);
        }

        private ProbeResult judge() {
            stage = "RCPT";
            Reply p = probeReply;
            String quoted = "RCPT TO:<" + probeRecipient + "> was answered " + p;
            if (p.positive()) {
                String contrast = validReply == null ? ""
                        : validReply.positive() ? " The known-good address was accepted too."
                        : " Oddly, the known-good address was refused (" + validReply + ").";
                return result(ProbeVerdict.ACCEPTS_UNKNOWN, quoted + ". A recipient that cannot exist was accepted, so "
                        + "this server accepts mail for unknown users and must bounce it after the session — to the "
                        + "envelope sender, which in spam is forged: backscatter. (Unless " + domain + " has a catch-all "
                        + "mailbox, or the server drops such mail silently or refuses it after DATA, which a probe that "
                        + "never sends DATA cannot see.)" + contrast);
            }
            String text = p.text();
            // Postfix's default smtpd_relay_restrictions defers (454) rather than rejects relaying.
            if (RELAY.matcher(text).find()) {
                return result(ProbeVerdict.REFUSED, quoted + ". The server does not accept mail for " + domain
                        + " (relaying denied): check --domain, or probe the domain's MX host.");
            }
            if (p.transientFailure()) {
                return result(ProbeVerdict.TEMPFAIL, quoted + ". A temporary failure tells nothing yet: greylisting, "
                        + "or a recipient look-up that failed. Probe again in a few minutes."
                        + senderHint(p));
            }
            if (PROBE_REFUSED.matcher(text).find()) {
                return result(ProbeVerdict.REFUSED, quoted + ". That refuses the probe (its address, host or "
                        + "reputation), not the recipient, so it says nothing about unknown users." + senderHint(p));
            }
            if (validReply != null && !validReply.positive()) {
                return result(ProbeVerdict.REFUSED, quoted + ", and the known-good address was refused too ("
                        + validReply + "): the server refuses this probe's mail whatever the recipient.");
            }
            String contrast = validReply != null ? " The known-good address was accepted, so the refusal is about the "
                    + "recipient: confirmed." : "";
            return result(ProbeVerdict.REJECTS_UNKNOWN, quoted + ". Unknown recipients are refused during the SMTP "
                    + "session: the sending server keeps the problem and tells its own user; nothing is bounced to a "
                    + "forged sender." + contrast);
        }

        private String senderHint(Reply r) {
            return r.text().toLowerCase(Locale.ROOT).contains("sender address rejected")
                    ? " The sender address was refused: use --from with an address in a real domain, or --null-sender." : "";
        }

        private ProbeResult result(ProbeVerdict v, String explanation) {
            return new ProbeResult(s.target(), domain, fromGreeting, s.sender(), probeRecipient,
                    s.validRecipient() == null ? "" : s.validRecipient(), v, stage, explanation, probeReply, validReply,
                    tls, tls != null ? "" : tlsNote, t.lines());
        }

        /** RSET and QUIT; their answers (or a server that already hung up) change nothing. */
        private void quitAfterTransaction(ProbeConnection c) {
            try {
                c.command("RSET");
            } catch (ProbeException e) {
                t.note("RSET: " + e.getMessage());
                return;
            }
            quit(c);
        }

        private void quit(ProbeConnection c) {
            try {
                c.command("QUIT");
            } catch (ProbeException e) {
                t.note("QUIT: " + e.getMessage());
            }
        }
    }
}
