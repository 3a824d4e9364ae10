package io.scatterguard.gateway.milter;

import java.util.Map;
import java.util.Objects;

/**
 * One packet from the filter to the MTA (SMFIR_*): a decision on the current step, a change of the
 * message at end of data, or the option-negotiation answer.
 */
public sealed interface FilterReply {

    /** SMFIR_CONTINUE: no objection, go on. */
    record Continue() implements FilterReply {}

    /** SMFIR_ACCEPT: accept the message (or connection) without calling the filter again for it. */
    record Accept() implements FilterReply {}

    /** SMFIR_REJECT: refuse with the MTA's generic text; we prefer {@link ReplyCode}. */
    record Reject() implements FilterReply {}

    /** SMFIR_TEMPFAIL: temporary refusal with the MTA's generic text. */
    record TempFail() implements FilterReply {}

    /** SMFIR_DISCARD: accept and silently drop the message. */
    record Discard() implements FilterReply {}

    /** SMFIR_PROGRESS: still working; resets the MTA's timer while a slow check runs at end of message. */
    record Progress() implements FilterReply {}

    /** SMFIR_SKIP: no more body chunks are wanted. */
    record Skip() implements FilterReply {}

    /**
     * SMFIR_REPLYCODE: refuse with exactly this SMTP reply ("550 5.7.1 reason"; a multi-line reply
     * has CRLF between its lines). The wire form doubles '%' (Sendmail treats the text as a format).
     */
    record ReplyCode(String reply) implements FilterReply {
        public ReplyCode {
            if (reply.length() < 4 || (reply.charAt(0) != '4' && reply.charAt(0) != '5')
                    || !Character.isDigit(reply.charAt(1)) || !Character.isDigit(reply.charAt(2))
                    || (reply.charAt(3) != ' ' && reply.charAt(3) != '-')) {
                throw new IllegalArgumentException("a milter reply code must be a 4xx or 5xx SMTP reply: " + reply);
            }
        }
    }

    /** SMFIR_CHGFROM: replace the envelope sender (e.g. with its BATV-signed form), optionally with ESMTP parameters. */
    record ChangeFrom(String sender, String esmtpArgs) implements FilterReply {
        public ChangeFrom {
            Objects.requireNonNull(sender);
            esmtpArgs = esmtpArgs == null ? "" : esmtpArgs;
        }
    }

    /** SMFIR_ADDHEADER: append a header field; the value without the leading space. */
    record AddHeader(String name, String value) implements FilterReply {}

    /** SMFIR_QUARANTINE: accept, but hold the message (Postfix: the hold queue) with this reason. */
    record Quarantine(String reason) implements FilterReply {}

    /**
     * The answer to SMFIC_OPTNEG: the version, actions and protocol flags we want (each within what
     * the MTA offered) and, with SMFIF_SETSYMLIST, the macros wanted per stage (SMFIM_* to a
     * space-separated list such as "{auth_authen} {mail_addr}").
     */
    record Negotiate(int version, int actions, int protocol, Map<Integer, String> macros) implements FilterReply {
        public Negotiate {
            macros = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(macros));
        }
    }
}
