package io.scatterguard.gateway.core;

import io.scatterguard.gateway.deliver.MaildirDelivery;
import io.scatterguard.gateway.smtp.Session;
import io.scatterguard.mail.model.Reply;
import java.io.IOException;
import java.util.List;

/** Deliver mode: local Maildirs, fsynced before the 250; a write failure is a 451, never a loss. */
public final class MaildirTarget implements Backend, Backend.Factory {
    private final MaildirDelivery maildir;

    public MaildirTarget(MaildirDelivery maildir) {
        this.maildir = maildir;
    }

    /** Stateless: one instance serves every connection. */
    @Override
    public Backend open() {
        return this;
    }

    @Override
    public byte[] withTrace(Session s, byte[] message) {
        return TraceHeaders.prepend(s, maildir.hostName(), message);
    }

    /** Nothing is kept between connections or transactions. */
    @Override
    public void close() {}

    @Override
    public Reply finish(byte[] message, String sender, List<String> recipients) {
        try {
            maildir.deliver(message, recipients);
            return Reply.of(250, "2.0.0", "Ok: delivered to " + recipients.size() + " mailbox(es)");
        } catch (IOException | RuntimeException e) {
            return Reply.of(451, "4.3.0", "Temporary local problem storing the message; try again later");
        }
    }
}
