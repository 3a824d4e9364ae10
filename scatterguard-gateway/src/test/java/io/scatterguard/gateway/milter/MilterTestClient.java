package io.scatterguard.gateway.milter;

import static io.scatterguard.gateway.milter.MilterProtocol.*;

import io.scatterguard.gateway.net.ListenAddress;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/** The MTA's side of the milter protocol, for tests: sends commands, reads the filter's replies. */
final class MilterTestClient implements AutoCloseable {
    /** Everything Postfix 3.7 offers in SMFIC_OPTNEG. */
    static final int ALL_ACTIONS = 0x1ff;
    static final int ALL_PROTOCOL = 0x1fffff;

    private final SocketChannel channel;
    private final InputStream in;
    private final OutputStream out;

    private MilterTestClient(SocketChannel channel) {
        this.channel = channel;
        this.in = new BufferedInputStream(Channels.newInputStream(channel));
        this.out = new BufferedOutputStream(Channels.newOutputStream(channel));
    }

    static MilterTestClient connect(ListenAddress a) throws IOException {
        SocketChannel ch = a instanceof ListenAddress.Unix ? SocketChannel.open(StandardProtocolFamily.UNIX)
                : SocketChannel.open();
        ch.connect(a.socketAddress());
        return new MilterTestClient(ch);
    }

    /** Negotiates as Postfix does (version 6, everything offered) and returns the filter's answer. */
    FilterReply.Negotiate negotiate() throws IOException {
        return negotiate(6, ALL_ACTIONS, ALL_PROTOCOL);
    }

    FilterReply.Negotiate negotiate(int version, int actions, int protocol) throws IOException {
        return (FilterReply.Negotiate) ask(new MtaCommand.OptionNegotiation(version, actions, protocol));
    }

    void send(MtaCommand c) throws IOException {
        MilterCodec.write(out, MilterCodec.encode(c));
        out.flush();
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    FilterReply ask(MtaCommand c) throws IOException {
        send(c);
        return reply();
    }

    /** Sends macros for a stage, then the command, and reads the reply. */
    FilterReply ask(char stage, java.util.Map<String, String> macros, MtaCommand c) throws IOException {
        send(new MtaCommand.Macros(stage, macros));
        return ask(c);
    }

    FilterReply reply() throws IOException {
        MilterCodec.Packet p = MilterCodec.read(in, 1 << 20);
        if (p == null) throw new IOException("the filter closed the connection");
        return MilterCodec.decodeReply(p);
    }

    /** Sends end of message and reads every reply up to the decision (modifications, progress, decision). */
    List<FilterReply> endOfMessage() throws IOException {
        send(new MtaCommand.EndOfMessage(new byte[0]));
        List<FilterReply> all = new ArrayList<>();
        while (true) {
            FilterReply r = reply();
            all.add(r);
            if (isDecision(r)) return all;
        }
    }

    /** Sends a message's header fields and body the way Postfix does (SMFIC_HEADER each, then chunks). */
    void message(String headerBlock, String body) throws IOException {
        for (String field : headerBlock.split("\r\n(?![ \t])")) {
            if (field.isEmpty()) continue;
            int colon = field.indexOf(':');
            send(new MtaCommand.Header(field.substring(0, colon), field.substring(colon + 1)));
        }
        send(new MtaCommand.EndOfHeaders());
        byte[] b = body.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        for (int off = 0; off < b.length; off += CHUNK_SIZE) {
            send(new MtaCommand.Body(java.util.Arrays.copyOfRange(b, off, Math.min(b.length, off + CHUNK_SIZE))));
        }
    }

    /** Whether the filter has closed the connection (reads until end of stream). */
    boolean closedByFilter() {
        try {
            return in.read() < 0;
        } catch (IOException e) {
            return true;
        }
    }

    static boolean isDecision(FilterReply r) {
        return !(r instanceof FilterReply.Progress || r instanceof FilterReply.ChangeFrom || r instanceof FilterReply.AddHeader
                || r instanceof FilterReply.Quarantine);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
