package io.scatterguard.gateway.core;

import io.scatterguard.gateway.smtp.Session;
import io.scatterguard.store.QuarantinedMessage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The session a released message is delivered in: the original client's address and HELO (so a
 * proxy backend that takes XFORWARD logs who really sent it), the stored envelope.
 */
final class ReleaseSession implements Session {
    private final QuarantinedMessage m;
    private final InetSocketAddress client;
    private final List<String> recipients;

    ReleaseSession(QuarantinedMessage m, List<String> recipients) {
        this.m = m;
        this.recipients = List.copyOf(recipients);
        InetAddress a;
        try {
            // a literal address is parsed, never looked up; anything else stands for "unknown"
            a = m.clientIp().matches("[0-9a-fA-F:.]+") ? InetAddress.getByName(m.clientIp()) : InetAddress.getLoopbackAddress();
        } catch (UnknownHostException e) {
            a = InetAddress.getLoopbackAddress();
        }
        this.client = new InetSocketAddress(a, 0);
    }

    @Override
    public String id() {
        return "release-" + m.id();
    }

    @Override
    public InetSocketAddress client() {
        return client;
    }

    @Override
    public String heloName() {
        return m.helo();
    }

    @Override
    public boolean extended() {
        return true;
    }

    @Override
    public boolean tls() {
        return false;
    }

    @Override
    public String sender() {
        return m.sender();
    }

    @Override
    public List<String> recipients() {
        return recipients;
    }

    @Override
    public boolean smtpUtf8() {
        return !m.sender().chars().allMatch(c -> c < 128)
                || recipients.stream().anyMatch(r -> !r.chars().allMatch(c -> c < 128));
    }
}
