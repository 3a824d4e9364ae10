package io.scatterguard.gateway.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Postfix SMTPD access policy delegation request: the name=value attributes Postfix sends
 * (see Postfix's SMTPD_POLICY_README), e.g. {@code request=smtpd_access_policy},
 * {@code protocol_state=RCPT}, {@code sender=}, {@code recipient=alice@example.com},
 * {@code recipient_count=0}, {@code client_address=192.0.2.7}, {@code sasl_username=}.
 * Missing attributes read as "".
 */
public record PolicyRequest(Map<String, String> attributes) {
    public PolicyRequest {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    public String get(String name) {
        return attributes.getOrDefault(name, "");
    }

    /** "smtpd_access_policy" for every request Postfix's smtpd sends. */
    public String request() {
        return get("request");
    }

    /** CONNECT, EHLO, HELO, MAIL, RCPT, DATA, BDAT, END-OF-MESSAGE, VRFY or ETRN. */
    public String protocolState() {
        return get("protocol_state");
    }

    /** The envelope sender without angle brackets; "" is the null sender. */
    public String sender() {
        return get("sender");
    }

    public String recipient() {
        return get("recipient");
    }

    /**
     * How many recipients Postfix accepted in this transaction before this request (at RCPT), or in
     * all (at DATA and END-OF-MESSAGE); 0 when absent or not a number.
     */
    public int recipientCount() {
        try {
            return Math.max(0, Integer.parseInt(get("recipient_count").strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public String clientAddress() {
        return get("client_address");
    }

    public String heloName() {
        return get("helo_name");
    }

    /** Set when the client authenticated with SASL: one of our own users. */
    public String saslUsername() {
        return get("sasl_username");
    }

    /** The TLS protocol of the client's session, "" without TLS. */
    public String encryptionProtocol() {
        return get("encryption_protocol");
    }

    public String queueId() {
        return get("queue_id");
    }

    /** Postfix's identifier of the current message, the same for every request about it. */
    public String instance() {
        return get("instance");
    }
}
