package io.scatterguard.gateway.milter;

import static io.scatterguard.gateway.milter.MilterProtocol.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MilterCodecTest {

    static Stream<MtaCommand> everyCommand() {
        Map<String, String> macros = new LinkedHashMap<>();
        macros.put("j", "mx.example.com");
        macros.put("{daemon_name}", "smtpd");
        macros.put("{client_addr}", "192.0.2.7");
        byte[] chunk = new byte[CHUNK_SIZE];
        new Random(7).nextBytes(chunk);
        return Stream.of(
                new MtaCommand.OptionNegotiation(6, 0x1ff, 0x1fffff),
                new MtaCommand.Macros(SMFIC_CONNECT, macros),
                new MtaCommand.Macros(SMFIC_MAIL, Map.of()),
                new MtaCommand.Connect("client.example.net", SMFIA_INET, 40312, "192.0.2.7"),
                new MtaCommand.Connect("[2001:db8::7]", SMFIA_INET6, 25, "2001:db8::7"),
                new MtaCommand.Connect("localhost", SMFIA_UNIX, 0, "/var/run/socket"),
                new MtaCommand.Connect("unknown", SMFIA_UNKNOWN, 0, ""),
                new MtaCommand.Helo("client.example.net"),
                new MtaCommand.Mail(List.of("<alice@example.com>", "SIZE=1024", "BODY=8BITMIME")),
                new MtaCommand.Mail(List.of("<>")),
                new MtaCommand.Rcpt(List.of("<bob@example.com>", "NOTIFY=NEVER")),
                new MtaCommand.Data(),
                new MtaCommand.Header("Subject", " =?utf-8?q?caf=C3=A9?= \u00e9\u00ff raw 8-bit"),
                new MtaCommand.Header("Received", " from a\n\tby b"),
                new MtaCommand.EndOfHeaders(),
                new MtaCommand.Body("line one\r\n.line two\r\n".getBytes(StandardCharsets.US_ASCII)),
                new MtaCommand.Body(chunk),
                new MtaCommand.Body(new byte[0]),
                new MtaCommand.EndOfMessage(new byte[0]),
                new MtaCommand.EndOfMessage("last".getBytes(StandardCharsets.US_ASCII)),
                new MtaCommand.Abort(),
                new MtaCommand.Quit(),
                new MtaCommand.QuitNewConnection(),
                new MtaCommand.Unknown("XYZZY plugh"));
    }

    static Stream<FilterReply> everyReply() {
        return Stream.of(new FilterReply.Continue(), new FilterReply.Accept(), new FilterReply.Reject(),
                new FilterReply.TempFail(), new FilterReply.Discard(), new FilterReply.Progress(), new FilterReply.Skip(),
                new FilterReply.ReplyCode("550 5.7.1 100% forged; backscatter refused"),
                new FilterReply.ReplyCode("550-5.7.1 first line\r\n550 5.7.1 second line"),
                new FilterReply.ChangeFrom("<prvs=1234abcdef=alice@example.com>", ""),
                new FilterReply.ChangeFrom("<alice@example.com>", "SIZE=100"),
                new FilterReply.AddHeader("Message-ID", " <x@example.com>"),
                new FilterReply.Quarantine("spamd: score 9.0"),
                new FilterReply.Negotiate(6, SMFIF_CHGFROM | SMFIF_SETSYMLIST, SMFIP_NR_HDR,
                        Map.of(SMFIM_ENVFROM, "{auth_authen}", SMFIM_CONNECT, "j _")),
                new FilterReply.Negotiate(2, 0, 0, Map.of()));
    }

    @ParameterizedTest
    @MethodSource("everyCommand")
    void everyCommandSurvivesTheWire(MtaCommand command) throws IOException {
        MilterCodec.Packet p = readOne(wire(MilterCodec.encode(command)));
        assertThat(MilterCodec.decodeCommand(p)).isEqualTo(command);
    }

    @ParameterizedTest
    @MethodSource("everyReply")
    void everyReplySurvivesTheWire(FilterReply reply) throws IOException {
        MilterCodec.Packet p = readOne(wire(MilterCodec.encode(reply)));
        assertThat(MilterCodec.decodeReply(p)).isEqualTo(reply);
    }

    @Test
    void optionNegotiationHasTheLibmilterLayout() throws IOException {
        byte[] b = wire(MilterCodec.encode(new MtaCommand.OptionNegotiation(6, 0x1ff, 0x1fffff)));
        assertThat(HexFormat.of().formatHex(b)).isEqualTo("0000000d" + "4f" + "00000006" + "000001ff" + "001fffff");
        byte[] reply = wire(MilterCodec.encode(new FilterReply.Negotiate(6, SMFIF_CHGFROM | SMFIF_SETSYMLIST, SMFIP_NR_HDR,
                Map.of(SMFIM_ENVFROM, "{auth_authen}"))));
        assertThat(HexFormat.of().formatHex(reply)).isEqualTo("0000001f" + "4f" + "00000006" + "00000140" + "00000080"
                + "00000002" + HexFormat.of().formatHex("{auth_authen}\0".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void connectHasHostFamilyPortAddress() throws IOException {
        byte[] b = wire(MilterCodec.encode(new MtaCommand.Connect("h", SMFIA_INET, 25, "1.2.3.4")));
        assertThat(HexFormat.of().formatHex(b)).isEqualTo("0000000e" + "43" + "6800" + "34" + "0019" + "312e322e332e3400");
    }

    @Test
    void replyCodeDoublesPercentOnTheWireAsSendmailAndPostfixExpect() {
        MilterCodec.Packet p = MilterCodec.encode(new FilterReply.ReplyCode("550 5.7.1 100% sure"));
        assertThat(new String(p.data(), StandardCharsets.US_ASCII)).isEqualTo("550 5.7.1 100%% sure\0");
        assertThatThrownBy(() -> new FilterReply.ReplyCode("250 ok")).hasMessageContaining("4xx or 5xx");
    }

    @Test
    void manyPacketsReadBackWhateverTheFragmentation() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        List<MtaCommand> sent = everyCommand().toList();
        for (MtaCommand c : sent) MilterCodec.write(all, MilterCodec.encode(c));
        for (int seed = 0; seed < 20; seed++) {
            InputStream in = new Fragmenting(all.toByteArray(), new Random(seed), seed == 0 ? 1 : 1 + seed * 3);
            List<MtaCommand> got = new ArrayList<>();
            MilterCodec.Packet p;
            while ((p = MilterCodec.read(in, MAX_PACKET)) != null) got.add(MilterCodec.decodeCommand(p));
            assertThat(got).as("fragment seed " + seed).isEqualTo(sent);
        }
    }

    @Test
    void cleanEndBetweenPacketsIsNoPacket() throws IOException {
        assertThat(MilterCodec.read(new ByteArrayInputStream(new byte[0]), MAX_PACKET)).isNull();
    }

    @Test
    void truncatedPacketsAreReportedAsTruncated() throws IOException {
        byte[] whole = wire(MilterCodec.encode(new MtaCommand.Helo("client.example.net")));
        for (int cut : new int[] {1, 3, 4, 5, whole.length - 1}) {
            byte[] part = java.util.Arrays.copyOf(whole, cut);
            assertThatThrownBy(() -> MilterCodec.read(new ByteArrayInputStream(part), MAX_PACKET))
                    .as("cut at " + cut).isInstanceOf(MilterProtocolException.class).hasMessageContaining("truncated");
        }
    }

    @Test
    void oversizeAndEmptyPacketsAreRefusedBeforeReading() {
        byte[] huge = {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 'B'};
        assertThatThrownBy(() -> MilterCodec.read(new ByteArrayInputStream(huge), MAX_PACKET))
                .isInstanceOf(MilterProtocolException.class)
                .hasMessage("oversize packet: 2147483647 bytes announced, the limit is " + MAX_PACKET);
        byte[] justOver = {0, 2, 0, 1, 'B'};
        assertThatThrownBy(() -> MilterCodec.read(new ByteArrayInputStream(justOver), MAX_PACKET))
                .hasMessageContaining("oversize packet: 131073 bytes");
        assertThatThrownBy(() -> MilterCodec.read(new ByteArrayInputStream(new byte[] {0, 0, 0, 0}), MAX_PACKET))
                .hasMessageContaining("length 0");
    }

    @Test
    void aFullBodyChunkPlusAHeaderSizedPacketFitTheLimit() throws IOException {
        MilterCodec.Packet body = new MilterCodec.Packet(SMFIC_BODY, new byte[CHUNK_SIZE]);
        assertThat(readOne(wire(body)).data()).hasSize(CHUNK_SIZE);
        MilterCodec.Packet header = MilterCodec.encode(new MtaCommand.Header("X-Big", "x".repeat(100 * 1024)));
        assertThat(readOne(wire(header)).data()).hasSize(header.data().length);
    }

    @Test
    void unknownCommandsAndBadDataNameTheProblem() {
        assertThatThrownBy(() -> MilterCodec.decodeCommand(new MilterCodec.Packet('Z', new byte[3])))
                .isInstanceOf(MilterProtocolException.class).hasMessage("unknown command 'Z' (3 data bytes)");
        assertThatThrownBy(() -> MilterCodec.decodeCommand(new MilterCodec.Packet((char) 1, new byte[0])))
                .hasMessage("unknown command '0x01' (0 data bytes)");
        assertThatThrownBy(() -> decode(SMFIC_OPTNEG, new byte[] {0, 0, 0, 6, 0, 0}))
                .hasMessageContaining("malformed 'O' packet").hasMessageContaining("too short for a 32-bit number");
        assertThatThrownBy(() -> decode(SMFIC_HELO, "no terminator".getBytes(StandardCharsets.US_ASCII)))
                .hasMessageContaining("not NUL-terminated");
        assertThatThrownBy(() -> decode(SMFIC_HELO, "a\0b\0".getBytes(StandardCharsets.US_ASCII)))
                .hasMessageContaining("2 unexpected bytes at the end");
        assertThatThrownBy(() -> decode(SMFIC_CONNECT, "host\0".getBytes(StandardCharsets.US_ASCII)))
                .hasMessageContaining("too short for a byte");
        assertThatThrownBy(() -> decode(SMFIC_CONNECT, "host\0X".getBytes(StandardCharsets.US_ASCII)))
                .hasMessageContaining("unknown address family 'X'");
        assertThatThrownBy(() -> decode(SMFIC_CONNECT, "host\0004\0".getBytes(StandardCharsets.US_ASCII)))
                .hasMessageContaining("too short for a 16-bit number");
        assertThatThrownBy(() -> decode(SMFIC_MACRO, "Cj\0".getBytes(StandardCharsets.US_ASCII)))
                .hasMessageContaining("not NUL-terminated");
        assertThatThrownBy(() -> decode(SMFIC_HEADER, "Subject\0".getBytes(StandardCharsets.US_ASCII)))
                .hasMessageContaining("not NUL-terminated");
        assertThatThrownBy(() -> decode(SMFIC_MAIL, new byte[0])).hasMessageContaining("not NUL-terminated");
        assertThatThrownBy(() -> decode(SMFIC_QUIT, new byte[] {1})).hasMessageContaining("1 unexpected bytes");
        assertThatThrownBy(() -> MilterCodec.decodeReply(new MilterCodec.Packet(SMFIR_REPLYCODE,
                "250 fine\0".getBytes(StandardCharsets.US_ASCII)))).hasMessageContaining("malformed SMFIR_REPLYCODE");
    }

    private static MtaCommand decode(char command, byte[] data) throws MilterProtocolException {
        return MilterCodec.decodeCommand(new MilterCodec.Packet(command, data));
    }

    private static byte[] wire(MilterCodec.Packet p) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MilterCodec.write(out, p);
        return out.toByteArray();
    }

    private static MilterCodec.Packet readOne(byte[] wire) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(wire);
        MilterCodec.Packet p = MilterCodec.read(in, MAX_PACKET);
        assertThat(in.read()).as("nothing left after one packet").isEqualTo(-1);
        return p;
    }

    /** Hands out the bytes in small random pieces, as a slow or fragmenting network would. */
    private static final class Fragmenting extends InputStream {
        private final byte[] data;
        private final Random random;
        private final int maxPiece;
        private int pos;

        Fragmenting(byte[] data, Random random, int maxPiece) {
            this.data = data;
            this.random = random;
            this.maxPiece = maxPiece;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= data.length) return -1;
            int n = Math.min(Math.min(len, data.length - pos), 1 + random.nextInt(maxPiece));
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
