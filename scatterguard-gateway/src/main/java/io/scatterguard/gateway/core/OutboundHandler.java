package io.scatterguard.gateway.core;

import io.scatterguard.gateway.check.builtin.AllowList;
import io.scatterguard.gateway.smtp.Session;
import io.scatterguard.gateway.smtp.SmtpHandler;
import io.scatterguard.mail.batv.BatvSigner;
import io.scatterguard.mail.model.Headers;
import io.scatterguard.mail.model.Reply;
import io.scatterguard.mail.parse.internal.HeaderBlocks;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The relay listener for our own outbound mail: only clients in the relay networks may use it; the
 * envelope sender is BATV-signed (so that genuine bounces to it are recognised and pass), each
 * Message-ID is recorded in the outbound ledger the inbound judge consults, and the message is
 * passed to the smarthost through the same live, per-command proxy as inbound proxy mode.
 */
public final class OutboundHandler implements SmtpHandler {
    private final AllowList networks;
    private final BatvSigner signer; // null: no BATV signing configured
    private final OutboundRecorder ledger;
    private final Backend backend;
    private boolean txOpen;

    public OutboundHandler(AllowList networks, BatvSigner signer, OutboundRecorder ledger, Backend backend) {
        this.networks = networks;
        this.signer = signer;
        this.ledger = ledger;
        this.backend = backend;
    }

    @Override
    public Optional<Reply> connect(Session s) {
        if (networks.contains(s.client().getAddress())) return Optional.empty();
        return Optional.of(Reply.of(554, "5.7.1", "Relay access denied: this port is for our own outbound mail only"));
    }

    @Override
    public Optional<Reply> mail(Session s, String sender) {
        String envelope = signer != null && signer.canSign(sender) ? signer.sign(sender) : sender;
        Optional<Reply> r = backend.mail(s, envelope);
        txOpen = r.isEmpty() || r.get().isPositive();
        return r;
    }

    @Override
    public Optional<Reply> rcpt(Session s, String recipient) {
        return backend.rcpt(s, recipient);
    }

    @Override
    public Optional<Reply> data(Session s) {
        return backend.data(s);
    }

    @Override
    public OutputStream dataSink(Session s) {
        return backend.stream();
    }

    @Override
    public Reply message(Session s, byte[] raw) {
        Reply reply = backend.finish(raw, s.sender(), s.recipients());
        txOpen = false;
        if (reply.isPositive()) {
            String id = messageId(raw);
            if (!id.isEmpty()) ledger.record(id, s.sender());
        }
        return reply;
    }

    /** The Message-ID from the header block (only the header is read). */
    static String messageId(byte[] raw) {
        int end = indexOfBlankLine(raw);
        Headers h = HeaderBlocks.parse(new String(raw, 0, end, StandardCharsets.UTF_8).replace("\r\n", "\n"));
        return h.get("Message-ID").strip();
    }

    private static int indexOfBlankLine(byte[] raw) {
        for (int i = 0; i + 3 < raw.length; i++) {
            if (raw[i] == '\r' && raw[i + 1] == '\n' && raw[i + 2] == '\r' && raw[i + 3] == '\n') return i + 2;
        }
        return raw.length;
    }

    @Override
    public void reset(Session s) {
        if (txOpen) backend.abort();
        txOpen = false;
    }

    @Override
    public void close(Session s) {
        backend.close();
    }
}
