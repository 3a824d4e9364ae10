package io.scatterguard.gateway.smtp;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * What is known about one SMTP connection and its current transaction, as the handler sees it.
 * Read-only for handlers; the session updates it as commands arrive.
 */
public interface Session {
    String id();

    InetSocketAddress client();

    /** The name given in HELO/EHLO, or "" before it. */
    String heloName();

    boolean extended();

    boolean tls();

    /** The MAIL FROM address of the open transaction ("" for the null sender), or null when none is open. */
    String sender();

    /** The recipients accepted so far in this transaction. */
    List<String> recipients();

    /** Whether the client declared SMTPUTF8 or BODY=8BITMIME for this transaction. */
    boolean smtpUtf8();

    /** The user name the client authenticated as (SMTP AUTH), "" when it did not. */
    default String authenticatedUser() {
        return "";
    }
}
