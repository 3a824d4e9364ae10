package io.scatterguard.gateway.milter;

import static io.scatterguard.gateway.milter.MilterProtocol.*;

/**
 * What option negotiation settled for one connection: the protocol version, the actions (SMFIF_*)
 * the filter may take at end of message, and the protocol flags (SMFIP_*) in force.
 */
public record Negotiated(int version, int actions, int protocol) {

    /** Whether the MTA allowed this end-of-message action (SMFIF_CHGFROM, SMFIF_ADDHDRS...). */
    public boolean allows(int action) {
        return (actions & action) == action;
    }

    /** Whether this protocol flag is in force. */
    public boolean has(int flag) {
        return (protocol & flag) == flag;
    }

    /** Whether header values arrive with the space after the colon (SMFIP_HDR_LEADSPC). */
    public boolean leadingSpace() {
        return has(SMFIP_HDR_LEADSPC);
    }

    /** Whether the MTA waits for an answer to this command, given the no-reply flags in force. */
    public boolean expectsReply(char command) {
        return switch (command) {
            case SMFIC_CONNECT -> !has(SMFIP_NR_CONN);
            case SMFIC_HELO -> !has(SMFIP_NR_HELO);
            case SMFIC_MAIL -> !has(SMFIP_NR_MAIL);
            case SMFIC_RCPT -> !has(SMFIP_NR_RCPT);
            case SMFIC_DATA -> !has(SMFIP_NR_DATA);
            case SMFIC_UNKNOWN -> !has(SMFIP_NR_UNKN);
            case SMFIC_HEADER -> !has(SMFIP_NR_HDR);
            case SMFIC_EOH -> !has(SMFIP_NR_EOH);
            case SMFIC_BODY -> !has(SMFIP_NR_BODY);
            case SMFIC_BODYEOB, SMFIC_OPTNEG -> true;
            default -> false; // MACRO, ABORT, QUIT, QUIT_NC
        };
    }
}
