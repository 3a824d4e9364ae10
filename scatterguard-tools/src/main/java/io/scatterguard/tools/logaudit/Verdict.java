package io.scatterguard.tools.logaudit;

/** The log audit's overall finding, and the exit status of {@code scatterguard logaudit}. */
public enum Verdict {
    /** No notice to a remote address, or only notices about the site's own users' mail. */
    CLEAN(0, "no backscatter: no notices to remote addresses about mail from outside"),
    /**
     * This server accepted mail from outside and sent notices about it to remote addresses
     * (accept-then-bounce), or its autoresponders answered remote senders — whose addresses may be forged.
     */
    BACKSCATTER(1, "this server sends backscatter"),
    /** Notices went to remote addresses, but the mail they answer is not in the log. */
    UNCLEAR(2, "notices went to remote addresses, but the mail they answer is not in these logs"),
    /** Nothing in the input is a Postfix, Exim or Sendmail log line. */
    NO_MAIL_LOG(2, "no Postfix, Exim or Sendmail log lines found");

    private final int exitCode;
    private final String summary;

    Verdict(int exitCode, String summary) {
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
