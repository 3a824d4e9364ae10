package io.scatterguard.gateway.milter;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One command from the MTA to the filter (SMFIC_*), decoded. Addresses, names and macro values are
 * UTF-8; header names and values are ISO-8859-1, one char per byte, so that the message can be
 * rebuilt byte for byte whatever 8-bit text its header holds.
 */
public sealed interface MtaCommand {

    /** SMFIC_OPTNEG: the MTA's protocol version, the actions it allows, the protocol steps it can skip. */
    record OptionNegotiation(int version, int actions, int protocol) implements MtaCommand {}

    /** SMFIC_MACRO: macro values for the command {@code stage} (e.g. 'C', 'M', 'R') that follows. */
    record Macros(char stage, Map<String, String> values) implements MtaCommand {
        public Macros {
            values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        }
    }

    /**
     * SMFIC_CONNECT: the client's host name ("[192.0.2.1]" when it has none), the address family
     * (SMFIA_*), and for the inet families its port and address.
     */
    record Connect(String hostname, char family, int port, String address) implements MtaCommand {}

    /** SMFIC_HELO: the HELO/EHLO argument. */
    record Helo(String name) implements MtaCommand {}

    /** SMFIC_MAIL: the sender as written ("&lt;alice@example.com&gt;", "&lt;&gt;") then its ESMTP parameters. */
    record Mail(List<String> args) implements MtaCommand {
        public Mail {
            args = List.copyOf(args);
        }
    }

    /** SMFIC_RCPT: the recipient as written, then its ESMTP parameters. */
    record Rcpt(List<String> args) implements MtaCommand {
        public Rcpt {
            args = List.copyOf(args);
        }
    }

    /** SMFIC_DATA: the client sent DATA. */
    record Data() implements MtaCommand {}

    /** SMFIC_HEADER: one header field; the value as the MTA passes it (see {@link Negotiated#leadingSpace()}). */
    record Header(String name, String value) implements MtaCommand {}

    /** SMFIC_EOH: the end of the header. */
    record EndOfHeaders() implements MtaCommand {}

    /** SMFIC_BODY: a chunk of the body, CRLF line endings, at most {@link MilterProtocol#CHUNK_SIZE} bytes. */
    record Body(byte[] chunk) implements MtaCommand {
        @Override
        public boolean equals(Object o) {
            return o instanceof Body b && Arrays.equals(chunk, b.chunk);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(chunk);
        }

        @Override
        public String toString() {
            return "Body[" + chunk.length + " bytes]";
        }
    }

    /** SMFIC_BODYEOB: the end of the message, possibly with a last body chunk (Postfix sends none). */
    record EndOfMessage(byte[] lastChunk) implements MtaCommand {
        @Override
        public boolean equals(Object o) {
            return o instanceof EndOfMessage e && Arrays.equals(lastChunk, e.lastChunk);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(lastChunk);
        }

        @Override
        public String toString() {
            return "EndOfMessage[" + lastChunk.length + " bytes]";
        }
    }

    /** SMFIC_ABORT: the transaction ended without end of message (RSET, refusal, client gone). */
    record Abort() implements MtaCommand {}

    /** SMFIC_QUIT: the SMTP session is over; close. */
    record Quit() implements MtaCommand {}

    /** SMFIC_QUIT_NC: the SMTP session is over, another one follows on this connection. */
    record QuitNewConnection() implements MtaCommand {}

    /** SMFIC_UNKNOWN: an SMTP command the MTA does not know, as the client sent it. */
    record Unknown(String command) implements MtaCommand {}
}
