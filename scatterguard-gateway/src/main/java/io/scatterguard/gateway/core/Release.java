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
    private final Backend.Factory smarthost; // null: no relay listener, held outbound mail cannot be released
    private final String smarthostTarget;

    /**
     * @param target where released mail goes, as recorded and shown (e.g. {@code proxy 127.0.0.1:10025})
     */
    public Release(QuarantineStore quarantine, Backend.Factory backends, String target) {
        this(quarantine, backends, target, null, "");
    }

    private Release(QuarantineStore quarantine, Backend.Factory backends, String target, Backend.Factory smarthost,
            String smarthostTarget) {
        this.quarantine = quarantine;
        this.backends = backends;
        this.target = target;
        this.smarthost = smarthost;
        this.smarthostTarget = smarthostTarget;
    }

    /**
     * ... and outbound mail the guard held ({@link OutboundHandler#OUTBOUND_CATEGORY}) goes on to
     * {@code smarthost}, where it was headed, not to our own users' mail store.
     */
    public Release withSmarthost(Backend.Factory smarthost, String smarthostTarget) {
        return new Release(quarantine, backends, target, smarthost, smarthostTarget);
    }

    /**
     * Releases the message.
     *
     * @param by who releases it (an operator's name), recorded
     * @throws ReleaseRefusedException when it is unknown, released already, being released, deleted, or
     *                                 the backend did not take it ({@code DELIVERY_FAILED}; still held)
     */
    public QuarantinedMessage release(long id, String by) throws ReleaseRefusedException {
        boolean outbound = quarantine.get(id).map(m -> m.category().equals(OutboundHandler.OUTBOUND_CATEGORY)).orElse(false);
        return quarantine.release(id, by, outbound ? smarthostTarget : target, this::deliver);
    }

    public String target() {
        return target;
    }

    private void deliver(QuarantinedMessage m, byte[] raw) throws IOException {
        boolean outbound = m.category().equals(OutboundHandler.OUTBOUND_CATEGORY);
        if (outbound && smarthost == null) {
            throw new IOException("held outbound mail goes to the smarthost, and this node has no relay listener");
        }
        // outbound recipients are other people's addresses: their tags are theirs to keep
        List<String> rcpts = outbound ? m.recipients() : m.recipients().stream().map(GatewayHandler::untagged).toList();
        Session s = new ReleaseSession(m, rcpts);
        Backend b = outbound ? smarthost.open() : backends.open();
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
            // a final delivery adds Return-Path and Received; the smarthost is not a final delivery
            Reply r = b.finish(outbound ? raw : b.withTrace(s, raw), m.sender(), rcpts);
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
