package io.scatterguard.tools.probe;

/** What the probe concluded; the exit status of {@code scatterguard probe}. */
public enum ProbeVerdict {
    /** Unknown recipients are refused at RCPT: this server does not cause backscatter this way. */
    REJECTS_UNKNOWN(0, "rejects unknown recipients at RCPT (good)"),
    /** A recipient that cannot exist was accepted: the server must bounce it later (backscatter). */
    ACCEPTS_UNKNOWN(1, "accepts mail for recipients that do not exist: it will bounce later (backscatterer)"),
    /** A temporary failure: greylisting, or a lookup that failed. Try again later. */
    TEMPFAIL(2, "temporary failure: cannot tell yet (greylisting?)"),
    /** The server refused the probe itself (connection, HELO, MAIL, or every recipient): nothing learned. */
    REFUSED(2, "refused the probe itself: cannot tell"),
    /** The connection failed, timed out, or the server did not speak SMTP. */
    ERROR(3, "connection or protocol error");

    private final int exitCode;
    private final String summary;

    ProbeVerdict(int exitCode, String summary) {
        this.exitCode = exitCode;
        this.summary = summary;
    }

    public int exitCode() {
        return exitCode;
    }

    public String summary() {
        return summary;
    }

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
