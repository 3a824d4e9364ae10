package io.scatterguard.gateway.milter;

import static io.scatterguard.gateway.milter.MilterProtocol.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes milter packets and converts them to and from {@link MtaCommand} and
 * {@link FilterReply}, in both directions (the MTA side serves tests and tools). Reading is
 * strict: a length beyond the limit is refused before anything is allocated, a packet cut short
 * by the peer is reported as truncated, and every command's data must have the shape the protocol
 * gives it.
 */
public final class MilterCodec {
    private MilterCodec() {}

    /** A raw packet: its command byte and data. */
    public record Packet(char command, byte[] data) {
        @Override
        public String toString() {
            return "Packet['" + command + "', " + data.length + " bytes]";
        }
    }

    private static final Charset TEXT = StandardCharsets.UTF_8;
    private static final Charset BYTES = StandardCharsets.ISO_8859_1;

    // ---- packets ----

    /**
     * Reads one packet; null when the stream ends cleanly between packets.
     *
     * @throws MilterProtocolException when the length is 0 or above {@code maxLength}, or the stream
     *                                  ends inside the packet
     */
    public static Packet read(InputStream in, int maxLength) throws IOException {
        int b0 = in.read();
        if (b0 < 0) return null;
        byte[] rest = in.readNBytes(3);
        if (rest.length < 3) throw new MilterProtocolException("truncated packet: the connection ended inside a length field");
        long length = ((long) b0 << 24) | ((rest[0] & 0xffL) << 16) | ((rest[1] & 0xffL) << 8) | (rest[2] & 0xffL);
        if (length == 0) throw new MilterProtocolException("malformed packet: length 0 (no command byte)");
        if (length > maxLength) {
            throw new MilterProtocolException("oversize packet: " + length + " bytes announced, the limit is " + maxLength);
        }
        int command = in.read();
        if (command < 0) throw new MilterProtocolException("truncated packet: the connection ended before the command byte");
        byte[] data = in.readNBytes((int) length - 1);
        if (data.length < length - 1) {
            throw new MilterProtocolException("truncated packet: '" + printable((char) command) + "' announced "
                    + (length - 1) + " data bytes, the connection ended after " + data.length);
        }
        return new Packet((char) command, data);
    }

    /** Writes one packet (not flushed). */
    public static void write(OutputStream out, Packet p) throws IOException {
        int length = p.data().length + 1;
        out.write(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length,
                (byte) p.command()});
        out.write(p.data());
    }

    // ---- MTA to filter ----

    /** Decodes a command from the MTA. */
    public static MtaCommand decodeCommand(Packet p) throws MilterProtocolException {
        Reader r = new Reader(p);
        MtaCommand c = switch (p.command()) {
            case SMFIC_OPTNEG -> new MtaCommand.OptionNegotiation(r.int32(), r.int32(), r.int32());
            case SMFIC_MACRO -> macros(r);
            case SMFIC_CONNECT -> connect(r);
            case SMFIC_HELO -> new MtaCommand.Helo(r.string(TEXT));
            case SMFIC_MAIL -> new MtaCommand.Mail(r.strings());
            case SMFIC_RCPT -> new MtaCommand.Rcpt(r.strings());
            case SMFIC_DATA -> new MtaCommand.Data();
            case SMFIC_HEADER -> new MtaCommand.Header(r.string(BYTES), r.string(BYTES));
            case SMFIC_EOH -> new MtaCommand.EndOfHeaders();
            case SMFIC_BODY -> new MtaCommand.Body(r.rest());
            case SMFIC_BODYEOB -> new MtaCommand.EndOfMessage(r.rest());
            case SMFIC_ABORT -> new MtaCommand.Abort();
            case SMFIC_QUIT -> new MtaCommand.Quit();
            case SMFIC_QUIT_NC -> new MtaCommand.QuitNewConnection();
            case SMFIC_UNKNOWN -> new MtaCommand.Unknown(r.string(TEXT));
            default -> throw new MilterProtocolException("unknown command '" + printable(p.command()) + "' ("
                    + p.data().length + " data bytes)");
        };
        // OPTNEG may carry more in later versions; every other command must be used up exactly.
        if (p.command() != SMFIC_OPTNEG && p.command() != SMFIC_MAIL && p.command() != SMFIC_RCPT) r.end();
        return c;
    }

    private static MtaCommand macros(Reader r) throws MilterProtocolException {
        char stage = (char) r.octet();
        Map<String, String> values = new LinkedHashMap<>();
        while (r.remaining() > 0) {
            String name = r.string(TEXT);
            String value = r.string(TEXT);
            values.put(name, value);
        }
        return new MtaCommand.Macros(stage, values);
    }

    private static MtaCommand connect(Reader r) throws MilterProtocolException {
        String host = r.string(TEXT);
        char family = (char) r.octet();
        if (family == SMFIA_UNKNOWN) return new MtaCommand.Connect(host, family, 0, "");
        if (family != SMFIA_INET && family != SMFIA_INET6 && family != SMFIA_UNIX) {
            throw new MilterProtocolException("malformed SMFIC_CONNECT: unknown address family '" + printable(family) + "'");
        }
        int port = r.int16();
        return new MtaCommand.Connect(host, family, port, r.string(TEXT));
    }

    /** Encodes a command as the MTA sends it. */
    public static Packet encode(MtaCommand c) {
        Writer w = new Writer();
        char code = switch (c) {
            case MtaCommand.OptionNegotiation o -> {
                w.int32(o.version()).int32(o.actions()).int32(o.protocol());
                yield SMFIC_OPTNEG;
            }
            case MtaCommand.Macros m -> {
                w.octet(m.stage());
                m.values().forEach((k, v) -> w.string(k, TEXT).string(v, TEXT));
                yield SMFIC_MACRO;
            }
            case MtaCommand.Connect cn -> {
                w.string(cn.hostname(), TEXT).octet(cn.family());
                if (cn.family() != SMFIA_UNKNOWN) w.int16(cn.port()).string(cn.address(), TEXT);
                yield SMFIC_CONNECT;
            }
            case MtaCommand.Helo h -> {
                w.string(h.name(), TEXT);
                yield SMFIC_HELO;
            }
            case MtaCommand.Mail m -> {
                m.args().forEach(a -> w.string(a, TEXT));
                yield SMFIC_MAIL;
            }
            case MtaCommand.Rcpt rc -> {
                rc.args().forEach(a -> w.string(a, TEXT));
                yield SMFIC_RCPT;
            }
            case MtaCommand.Data d -> SMFIC_DATA;
            case MtaCommand.Header h -> {
                w.string(h.name(), BYTES).string(h.value(), BYTES);
                yield SMFIC_HEADER;
            }
            case MtaCommand.EndOfHeaders e -> SMFIC_EOH;
            case MtaCommand.Body b -> {
                w.bytes(b.chunk());
                yield SMFIC_BODY;
            }
            case MtaCommand.EndOfMessage e -> {
                w.bytes(e.lastChunk());
                yield SMFIC_BODYEOB;
            }
            case MtaCommand.Abort a -> SMFIC_ABORT;
            case MtaCommand.Quit q -> SMFIC_QUIT;
            case MtaCommand.QuitNewConnection q -> SMFIC_QUIT_NC;
            case MtaCommand.Unknown u -> {
                w.string(u.command(), TEXT);
                yield SMFIC_UNKNOWN;
            }
        };
        return new Packet(code, w.toByteArray());
    }

    // ---- filter to MTA ----

    /** Encodes a reply as the filter sends it. */
    public static Packet encode(FilterReply reply) {
        Writer w = new Writer();
        char code = switch (reply) {
            case FilterReply.Continue c -> SMFIR_CONTINUE;
            case FilterReply.Accept a -> SMFIR_ACCEPT;
            case FilterReply.Reject r -> SMFIR_REJECT;
            case FilterReply.TempFail t -> SMFIR_TEMPFAIL;
            case FilterReply.Discard d -> SMFIR_DISCARD;
            case FilterReply.Progress p -> SMFIR_PROGRESS;
            case FilterReply.Skip s -> SMFIR_SKIP;
            case FilterReply.ReplyCode rc -> {
                w.string(rc.reply().replace("%", "%%"), TEXT);
                yield SMFIR_REPLYCODE;
            }
            case FilterReply.ChangeFrom cf -> {
                w.string(cf.sender(), TEXT);
                if (!cf.esmtpArgs().isEmpty()) w.string(cf.esmtpArgs(), TEXT);
                yield SMFIR_CHGFROM;
            }
            case FilterReply.AddHeader h -> {
                w.string(h.name(), BYTES).string(h.value(), BYTES);
                yield SMFIR_ADDHEADER;
            }
            case FilterReply.Quarantine q -> {
                w.string(q.reason(), TEXT);
                yield SMFIR_QUARANTINE;
            }
            case FilterReply.Negotiate n -> {
                w.int32(n.version()).int32(n.actions()).int32(n.protocol());
                n.macros().forEach((stage, list) -> w.int32(stage).string(list, TEXT));
                yield SMFIC_OPTNEG;
            }
        };
        return new Packet(code, w.toByteArray());
    }

    /** Decodes a reply from the filter (the MTA's side). */
    public static FilterReply decodeReply(Packet p) throws MilterProtocolException {
        Reader r = new Reader(p);
        FilterReply reply = switch (p.command()) {
            case SMFIR_CONTINUE -> new FilterReply.Continue();
            case SMFIR_ACCEPT -> new FilterReply.Accept();
            case SMFIR_REJECT -> new FilterReply.Reject();
            case SMFIR_TEMPFAIL -> new FilterReply.TempFail();
            case SMFIR_DISCARD -> new FilterReply.Discard();
            case SMFIR_PROGRESS -> new FilterReply.Progress();
            case SMFIR_SKIP -> new FilterReply.Skip();
            case SMFIR_REPLYCODE -> {
                String text = r.string(TEXT);
                try {
                    yield new FilterReply.ReplyCode(text.replace("%%", "%"));
                } catch (IllegalArgumentException e) {
                    throw new MilterProtocolException("malformed SMFIR_REPLYCODE: " + e.getMessage());
                }
            }
            case SMFIR_CHGFROM -> new FilterReply.ChangeFrom(r.string(TEXT), r.remaining() > 0 ? r.string(TEXT) : "");
            case SMFIR_ADDHEADER -> new FilterReply.AddHeader(r.string(BYTES), r.string(BYTES));
            case SMFIR_QUARANTINE -> new FilterReply.Quarantine(r.string(TEXT));
            case SMFIC_OPTNEG -> {
                int version = r.int32();
                int actions = r.int32();
                int protocol = r.int32();
                Map<Integer, String> macros = new LinkedHashMap<>();
                while (r.remaining() > 0) macros.put(r.int32(), r.string(TEXT));
                yield new FilterReply.Negotiate(version, actions, protocol, macros);
            }
            default -> throw new MilterProtocolException("unknown reply '" + printable(p.command()) + "'");
        };
        r.end();
        return reply;
    }

    static String printable(char c) {
        return c >= 0x21 && c <= 0x7e ? String.valueOf(c) : String.format("0x%02x", (int) c);
    }

    /** Reads the fields of one packet's data, naming the command when the data does not fit. */
    private static final class Reader {
        private final Packet packet;
        private final ByteBuffer buf;

        Reader(Packet packet) {
            this.packet = packet;
            this.buf = ByteBuffer.wrap(packet.data());
        }

        int remaining() {
            return buf.remaining();
        }

        int octet() throws MilterProtocolException {
            need(1, "a byte");
            return buf.get() & 0xff;
        }

        int int16() throws MilterProtocolException {
            need(2, "a 16-bit number");
            return buf.getShort() & 0xffff;
        }

        int int32() throws MilterProtocolException {
            need(4, "a 32-bit number");
            return buf.getInt();
        }

        String string(Charset cs) throws MilterProtocolException {
            int start = buf.position();
            for (int i = start; i < buf.limit(); i++) {
                if (buf.get(i) == 0) {
                    String s = new String(packet.data(), start, i - start, cs);
                    buf.position(i + 1);
                    return s;
                }
            }
            throw bad("a string is not NUL-terminated");
        }

        /** NUL-terminated strings up to the end; at least one. */
        List<String> strings() throws MilterProtocolException {
            List<String> out = new ArrayList<>();
            do {
                out.add(string(TEXT));
            } while (buf.remaining() > 0);
            return out;
        }

        byte[] rest() {
            byte[] b = new byte[buf.remaining()];
            buf.get(b);
            return b;
        }

        void end() throws MilterProtocolException {
            if (buf.remaining() > 0) throw bad(buf.remaining() + " unexpected bytes at the end");
        }

        private void need(int n, String what) throws MilterProtocolException {
            if (buf.remaining() < n) throw bad("too short for " + what);
        }

        private MilterProtocolException bad(String why) {
            return new MilterProtocolException("malformed '" + printable(packet.command()) + "' packet ("
                    + packet.data().length + " data bytes): " + why);
        }
    }

    private static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Writer octet(int b) {
            out.write(b);
            return this;
        }

        Writer int16(int v) {
            out.write(v >>> 8);
            out.write(v);
            return this;
        }

        Writer int32(int v) {
            out.write(v >>> 24);
            out.write(v >>> 16);
            out.write(v >>> 8);
            out.write(v);
            return this;
        }

        Writer string(String s, Charset cs) {
            out.writeBytes(s.getBytes(cs));
            out.write(0);
            return this;
        }

        Writer bytes(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
