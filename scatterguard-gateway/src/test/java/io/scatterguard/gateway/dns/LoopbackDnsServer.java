package io.scatterguard.gateway.dns;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * A real DNS server on loopback UDP for tests: answers authoritatively from the records it is given,
 * NXDOMAIN for unknown names, and can be told to stay silent (to test timeouts).
 */
public final class LoopbackDnsServer implements AutoCloseable {
    private final DatagramSocket socket;
    private final Map<Name, List<Record>> records = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean silent;

    public LoopbackDnsServer() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = Thread.ofPlatform().daemon(true).name("test-dns").start(this::serve);
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
    }

    /** Adds records in zone-file syntax, e.g. {@code "2.0.0.127.bl.test. 60 IN A 127.0.0.2"}. */
    public LoopbackDnsServer add(String... zoneLines) throws IOException {
        for (String line : zoneLines) {
            try (org.xbill.DNS.Master m = new org.xbill.DNS.Master(new java.io.ByteArrayInputStream(
                    line.getBytes(java.nio.charset.StandardCharsets.US_ASCII)), Name.root, 60)) {
                Record r;
                while ((r = m.nextRecord()) != null) {
                    records.computeIfAbsent(r.getName(), k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(r);
                }
            }
        }
        return this;
    }

    public void silent(boolean s) {
        silent = s;
    }

    private void serve() {
        byte[] buf = new byte[4096];
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
                if (silent) continue;
                Message q = new Message(java.util.Arrays.copyOf(p.getData(), p.getLength()));
                Message r = new Message(q.getHeader().getID());
                r.getHeader().setFlag(Flags.QR);
                r.getHeader().setFlag(Flags.AA);
                Record question = q.getQuestion();
                r.addRecord(question, Section.QUESTION);
                List<Record> named = records.get(question.getName());
                if (named == null) {
                    r.getHeader().setRcode(Rcode.NXDOMAIN);
                } else {
                    for (Record rec : named) {
                        if (rec.getType() == question.getType() && rec.getDClass() == DClass.IN) r.addRecord(rec, Section.ANSWER);
                    }
                }
                byte[] out = r.toWire();
                socket.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
            } catch (IOException e) {
                if (socket.isClosed()) return;
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
