package io.scatterguard.gateway.milter;

/**
 * The constants of the Sendmail milter protocol, version 6 (Sendmail 8.14+, Postfix 2.6+), as in
 * libmilter's {@code mfdef.h} and Postfix's {@code milter8.c}. A packet is a 32-bit big-endian
 * length (counting the command byte), one command byte, then the command's data.
 */
public final class MilterProtocol {
    private MilterProtocol() {}

    /** The highest protocol version we speak. */
    public static final int VERSION = 6;
    /** The oldest version we accept (Postfix speaks 2, 3, 4 and 6). */
    public static final int OLDEST_VERSION = 2;

    /** The MTA's body chunks are at most this long (MILTER_CHUNK_SIZE; we never ask for more). */
    public static final int CHUNK_SIZE = 65535;
    /**
     * The largest packet we accept: a body chunk plus 64 KiB for a header or macro packet's worth of
     * slack (Postfix keeps one header under its header_size_limit of 100 KiB in one packet).
     */
    public static final int MAX_PACKET = 64 * 1024 + CHUNK_SIZE + 1;

    // Commands, MTA to filter (SMFIC_*).
    public static final char SMFIC_ABORT = 'A';
    public static final char SMFIC_BODY = 'B';
    public static final char SMFIC_CONNECT = 'C';
    public static final char SMFIC_MACRO = 'D';
    public static final char SMFIC_BODYEOB = 'E';
    public static final char SMFIC_HELO = 'H';
    public static final char SMFIC_QUIT_NC = 'K';
    public static final char SMFIC_HEADER = 'L';
    public static final char SMFIC_MAIL = 'M';
    public static final char SMFIC_EOH = 'N';
    public static final char SMFIC_OPTNEG = 'O';
    public static final char SMFIC_QUIT = 'Q';
    public static final char SMFIC_RCPT = 'R';
    public static final char SMFIC_DATA = 'T';
    public static final char SMFIC_UNKNOWN = 'U';

    // Replies and modifications, filter to MTA (SMFIR_*).
    public static final char SMFIR_ADDRCPT = '+';
    public static final char SMFIR_DELRCPT = '-';
    public static final char SMFIR_ACCEPT = 'a';
    public static final char SMFIR_CONTINUE = 'c';
    public static final char SMFIR_DISCARD = 'd';
    public static final char SMFIR_CHGFROM = 'e';
    public static final char SMFIR_ADDHEADER = 'h';
    public static final char SMFIR_PROGRESS = 'p';
    public static final char SMFIR_QUARANTINE = 'q';
    public static final char SMFIR_REJECT = 'r';
    public static final char SMFIR_SKIP = 's';
    public static final char SMFIR_TEMPFAIL = 't';
    public static final char SMFIR_REPLYCODE = 'y';

    // Actions the filter may take at end of message (SMFIF_*), negotiated in SMFIC_OPTNEG.
    public static final int SMFIF_ADDHDRS = 0x01;
    public static final int SMFIF_CHGBODY = 0x02;
    public static final int SMFIF_ADDRCPT = 0x04;
    public static final int SMFIF_DELRCPT = 0x08;
    public static final int SMFIF_CHGHDRS = 0x10;
    public static final int SMFIF_QUARANTINE = 0x20;
    public static final int SMFIF_CHGFROM = 0x40;
    public static final int SMFIF_ADDRCPT_PAR = 0x80;
    public static final int SMFIF_SETSYMLIST = 0x100;

    // Protocol steps the filter does not want (SMFIP_NO*) or will not answer (SMFIP_NR_*).
    public static final int SMFIP_NOCONNECT = 0x01;
    public static final int SMFIP_NOHELO = 0x02;
    public static final int SMFIP_NOMAIL = 0x04;
    public static final int SMFIP_NORCPT = 0x08;
    public static final int SMFIP_NOBODY = 0x10;
    public static final int SMFIP_NOHDRS = 0x20;
    public static final int SMFIP_NOEOH = 0x40;
    public static final int SMFIP_NR_HDR = 0x80;
    public static final int SMFIP_NOUNKNOWN = 0x100;
    public static final int SMFIP_NODATA = 0x200;
    public static final int SMFIP_SKIP = 0x400;
    public static final int SMFIP_RCPT_REJ = 0x800;
    public static final int SMFIP_NR_CONN = 0x1000;
    public static final int SMFIP_NR_HELO = 0x2000;
    public static final int SMFIP_NR_MAIL = 0x4000;
    public static final int SMFIP_NR_RCPT = 0x8000;
    public static final int SMFIP_NR_DATA = 0x10000;
    public static final int SMFIP_NR_UNKN = 0x20000;
    public static final int SMFIP_NR_EOH = 0x40000;
    public static final int SMFIP_NR_BODY = 0x80000;
    public static final int SMFIP_HDR_LEADSPC = 0x100000;

    // Address families in SMFIC_CONNECT (SMFIA_*).
    public static final char SMFIA_UNKNOWN = 'U';
    public static final char SMFIA_UNIX = 'L';
    public static final char SMFIA_INET = '4';
    public static final char SMFIA_INET6 = '6';

    // Protocol stages for macro lists requested with SMFIF_SETSYMLIST (SMFIM_*).
    public static final int SMFIM_CONNECT = 0;
    public static final int SMFIM_HELO = 1;
    public static final int SMFIM_ENVFROM = 2;
    public static final int SMFIM_ENVRCPT = 3;
    public static final int SMFIM_DATA = 4;
    public static final int SMFIM_EOM = 5;
    public static final int SMFIM_EOH = 6;
}
