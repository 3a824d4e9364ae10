package io.scatterguard.gateway.milter;

import java.util.List;
import java.util.Map;

/**
 * What a milter does with one MTA connection, stage by stage (the MTA-facing counterpart of the SMTP
 * gateway's handler). {@link MilterSession} speaks the protocol; a filter only decides. Calls come
 * from one thread per connection, in protocol order; a filter that throws gets a temporary failure
 * answered for it, never an acceptance.
 */
public interface MilterFilter {

    /** The final decision at end of message and the changes to apply before it. */
    record EndOfMessage(List<FilterReply> modifications, FilterReply decision) {
        public EndOfMessage {
            modifications = List.copyOf(modifications);
        }
    }

    /** SMFIC_CONNECT with the connection's macros. */
    FilterReply connect(MtaCommand.Connect connect, Macros macros);

    FilterReply helo(String name, Macros macros);

    /** SMFIC_MAIL: args[0] is the sender as written ("&lt;&gt;" for the null sender). */
    FilterReply mail(List<String> args, Macros macros);

    FilterReply rcpt(List<String> args, Macros macros);

    FilterReply data(Macros macros);

    /** One header field; {@code value} is everything after the colon, its leading space included. */
    void header(String name, String value);

    void endOfHeaders();

    void body(byte[] chunk);

    /** The message is complete: decide. May take long; the session keeps the MTA informed. */
    EndOfMessage endOfMessage(Macros macros);

    /** The transaction ended before end of message (RSET, a refusal, the client left). */
    void abort();

    /** The connection (or, with SMFIC_QUIT_NC, this SMTP session on it) is over. */
    void close();

    /** Creates the filter for one SMTP session. */
    interface Factory {
        /**
         * @param sessionId  an identifier for logs and events
         * @param negotiated what the MTA agreed to (e.g. whether SMFIR_CHGFROM is allowed)
         */
        MilterFilter open(String sessionId, Negotiated negotiated);

        /** The macros wanted per stage (SMFIM_* to "{auth_authen} i"), asked for when the MTA allows. */
        default Map<Integer, String> wantedMacros() {
            return Map.of();
        }
    }
}
