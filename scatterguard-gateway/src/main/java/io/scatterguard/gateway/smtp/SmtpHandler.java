package io.scatterguard.gateway.smtp;

import io.scatterguard.mail.model.Reply;
import java.io.IOException;
import java.util.Optional;

/**
 * What the SMTP session asks at each stage (house style: SubEthaSMTP's tiny handler API, James'
 * typed hooks). Every method answers the reply the client gets; an empty Optional means "the
 * session's default" (250 OK and friends). One handler instance serves one connection, so it may
 * keep that connection's state; the session calls it from one thread.
 */
public interface SmtpHandler {
    /** The client connected; a non-positive reply refuses the connection (554 / 421). */
    default Optional<Reply> connect(Session session) {
        return Optional.empty();
    }

    default Optional<Reply> helo(Session session, String heloName, boolean extended) {
        return Optional.empty();
    }

    /** MAIL FROM; {@code sender} is "" for the null sender. */
    default Optional<Reply> mail(Session session, String sender) {
        return Optional.empty();
    }

    default Optional<Reply> rcpt(Session session, String recipient) {
        return Optional.empty();
    }

    /** Before 354: the last chance to refuse the whole transaction (e.g. null sender with two recipients). */
    default Optional<Reply> data(Session session) {
        return Optional.empty();
    }

    /**
     * Called after the 354: an extra destination that receives the message content as it arrives
     * (CRLF lines, dots undone), e.g. a backend in proxy mode; null for none. If the content turns
     * out to be unacceptable the session calls {@link #reset} instead of {@link #message}.
     */
    default java.io.OutputStream dataSink(Session session) {
        return null;
    }

    /**
     * The message, complete and well-formed (CRLF lines, dots undone, within the size limit). The
     * reply is the final answer for the transaction: 250 means we own the message now.
     */
    Reply message(Session session, byte[] content) throws IOException;

    /** The transaction was abandoned (RSET, a new EHLO, disconnect, a refused DATA). */
    default void reset(Session session) {}

    /** The connection is closing. */
    default void close(Session session) {}

    /**
     * Checks SMTP AUTH credentials (RFC 4954); null when this listener offers no AUTH. AUTH is
     * offered after STARTTLS, and without TLS only when {@link Authenticator#plaintextAllowed()}.
     */
    default Authenticator authenticator() {
        return null;
    }

    /** Verifies a user name and password for SMTP AUTH. */
    interface Authenticator {
        /** Whether the password is right; the user name as the client gave it. */
        boolean verify(String user, char[] password);

        /** Whether AUTH may be used on a connection without TLS (a password then crosses in clear). */
        boolean plaintextAllowed();
    }

    /** Creates one handler per connection. */
    interface Factory {
        SmtpHandler create(Session session);
    }
}
