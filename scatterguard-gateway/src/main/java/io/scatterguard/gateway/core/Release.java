package io.scatterguard.gateway.core;

import io.scatterguard.gateway.smtp.Session;
import io.scatterguard.mail.model.Reply;
import io.scatterguard.store.QuarantineStore;
import io.scatterguard.store.QuarantinedMessage;
import io.scatterguard.store.ReleaseRefusedException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Delivers a quarantined message to where accepted mail goes (the proxy backend over SMTP, or the
 * local Maildirs), exactly once: the store claims the message atomically, so two operators or two
 * nodes releasing at once deliver it once, and the release is recorded (who, when, where to). All
 * or nothing: if the backend refuses any recipient or the message, nothing is delivered and the
 * message stays held with the reason recorded. Never a bounce.
 */
public final class Release {
    private final QuarantineStore quarantine;
    private final Backend.Factory backends;
    private final String target;

    /**
     * @param target where released mail goes, as recorded and shown (e.g. {@code proxy 127.0.0.1:10025})
     */
    public Release(QuarantineStore quarantine, Backend.Factory backends, String target) {
        this.quarantine = quarantine;
        this.backends = backends;
        this.target = target;
    }

    /**
     * Releases the message.
     *
     * @param by who releases it (an operator's name), recorded
     * @throws ReleaseRefusedException when it is unknown, released already, being released, deleted, or
     *                                 the backend did not take it ({@code DELIVERY_FAILED}; still held)
     */
    public QuarantinedMessage release(long id, String by) throws ReleaseRefusedException {
        return quarantine.release(id, by, target, this::deliver);
    }

    public String target() {
        return target;
    }

    private void deliver(QuarantinedMessage m, byte[] raw) throws IOException {
        List<String> rcpts = m.recipients().stream().map(GatewayHandler::untagged).toList();
        Session s = new ReleaseSession(m, rcpts);
        Backend b = backends.open();
        boolean done = false;
        try {
            refused("MAIL FROM:<" + m.sender() + ">", b.mail(s, m.sender()));
            List<String> problems = new ArrayList<>();
            for (String r : rcpts) {
                Optional<Reply> rep = b.rcpt(s, r);
                if (rep.isPresent() && !rep.get().isPositive()) problems.add("RCPT TO:<" + r + ">: " + rep.get());
            }
            if (!problems.isEmpty()) throw new IOException("the backend refused " + String.join("; ", problems));
            refused("DATA", b.data(s));
            OutputStream out = b.stream();
            if (out != null) {
                out.write(raw);
                if (raw.length < 2 || raw[raw.length - 2] != '\r' || raw[raw.length - 1] != '\n') out.write(new byte[] {'\r', '\n'});
            }
            Reply r = b.finish(b.withTrace(s, raw), m.sender(), rcpts); // a final delivery adds Return-Path and Received
            if (!r.isPositive()) throw new IOException("the backend did not take the message: " + r);
            done = true;
        } finally {
            if (!done) b.abort();
            b.close();
        }
    }

    private static void refused(String step, Optional<Reply> r) throws IOException {
        if (r.isPresent() && !r.get().isPositive()) throw new IOException("the backend refused " + step + ": " + r.get());
    }
}
