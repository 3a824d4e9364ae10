package io.scatterguard.mail.bounce;

/**
 * The outcome for one recipient in a bounce, whichever format it came from.
 *
 * @param recipient    the failed address (Final-Recipient, or what the MTA's text names)
 * @param action       RFC 3464 action: failed, delayed, delivered, relayed, expanded ("" if unknown)
 * @param status       RFC 3463 enhanced status code, e.g. "5.1.1" ("" if none could be found)
 * @param replyCode    the SMTP reply code, e.g. "550" ("" if none)
 * @param reason       the classified reason
 * @param hardBounce   true when retrying cannot succeed
 * @param diagnostic   the remote server's or MTA's own explanation, one line
 * @param remoteMta    the host that refused, if named
 * @param command      the SMTP command that failed (CONN, EHLO, HELO, MAIL, RCPT, DATA, ...) or ""
 * @param feedbackType ARF Feedback-Type (abuse, fraud, ...) for feedback reports, else ""
 */
public record DeliveryStatus(
        String recipient,
        String action,
        String status,
        String replyCode,
        Reason reason,
        boolean hardBounce,
        String diagnostic,
        String remoteMta,
        String command,
        String feedbackType) {

    public Builder toBuilder() {
        return new Builder().recipient(recipient).action(action).status(status).replyCode(replyCode)
                .reason(reason).hardBounce(hardBounce).diagnostic(diagnostic).remoteMta(remoteMta)
                .command(command).feedbackType(feedbackType);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Mutable builder used by the parsers while they read a report. Null strings become "". */
    public static final class Builder {
        private String recipient = "";
        private String action = "";
        private String status = "";
        private String replyCode = "";
        private Reason reason;
        private Boolean hardBounce;
        private String diagnostic = "";
        private String remoteMta = "";
        private String command = "";
        private String feedbackType = "";

        public Builder recipient(String v) { recipient = nz(v); return this; }
        public Builder action(String v) { action = nz(v); return this; }
        public Builder status(String v) { status = nz(v); return this; }
        public Builder replyCode(String v) { replyCode = nz(v); return this; }
        /** A reason the parser knows for sure (e.g. from the format itself); null lets the resolver decide. */
        public Builder reason(Reason v) { reason = v; return this; }
        public Builder hardBounce(Boolean v) { hardBounce = v; return this; }
        public Builder diagnostic(String v) { diagnostic = nz(v); return this; }
        public Builder remoteMta(String v) { remoteMta = nz(v); return this; }
        public Builder command(String v) { command = nz(v); return this; }
        public Builder feedbackType(String v) { feedbackType = nz(v); return this; }

        public String recipient() { return recipient; }
        public String action() { return action; }
        public String status() { return status; }
        public String replyCode() { return replyCode; }
        public Reason reason() { return reason; }
        public Boolean hardBounce() { return hardBounce; }
        public String diagnostic() { return diagnostic; }
        public String remoteMta() { return remoteMta; }
        public String command() { return command; }
        public String feedbackType() { return feedbackType; }

        /** Appends text to the diagnostic (continuation lines), separated by a space. */
        public Builder appendDiagnostic(String more) {
            String m = nz(more).strip();
            if (m.isEmpty()) return this;
            diagnostic = diagnostic.isEmpty() ? m : diagnostic + " " + m;
            return this;
        }

        public DeliveryStatus build() {
            Reason r = reason == null ? Reason.UNDEFINED : reason;
            boolean hard = hardBounce != null ? hardBounce : r.alwaysHard();
            return new DeliveryStatus(recipient, action, status, replyCode, r, hard, diagnostic.strip(),
                    remoteMta, command, feedbackType);
        }

        private static String nz(String v) {
            return v == null ? "" : v;
        }
    }
}
