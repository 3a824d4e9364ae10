package io.scatterguard.gateway.core;

import io.scatterguard.gateway.smtp.Session;
import io.scatterguard.mail.model.Reply;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * Where accepted mail goes, followed step by step with the client's transaction (one instance per
 * client connection). In deliver mode it stores locally; in proxy mode each step is relayed to the
 * backend MTA so its own refusals reach the client live. Every method's reply is what the client
 * hears; the final reply is given only when the message is durably with the backend or the store.
 */
public interface Backend {
    /** MAIL FROM passed our checks; a refusal (e.g. backend unreachable: 451) is relayed. */
    default Optional<Reply> mail(Session s, String sender) {
        return Optional.empty();
    }

    /** RCPT passed our checks; {@code recipient} is without a BATV tag. */
    default Optional<Reply> rcpt(Session s, String recipient) {
        return Optional.empty();
    }

    /** DATA passed our checks, before the client gets 354. */
    default Optional<Reply> data(Session s) {
        return Optional.empty();
    }

    /**
     * The message as it is to be stored: a final delivery (local mailboxes) adds the trace headers;
     * a relay to another MTA leaves them to that MTA.
     */
    default byte[] withTrace(Session s, byte[] message) {
        return message;
    }

    /** Receives the content while it arrives, or null to receive it whole in {@link #finish}. */
    default OutputStream stream() {
        return null;
    }

    /** Our end-of-data checks passed: deliver, and return the final reply for the client. */
    Reply finish(byte[] message, String sender, List<String> recipients);

    /** The transaction ends without delivery (our checks refused it, RSET, or the client left). */
    default void abort() {}

    /** The client connection is closing. */
    default void close() {}

    /** Creates the backend leg of one client connection. */
    interface Factory extends AutoCloseable {
        Backend open();

        /** Releases what the factory keeps between connections (cached backend sessions). */
        @Override
        default void close() {}
    }
}
