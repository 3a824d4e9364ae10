package io.scatterguard.mail.bounce.reason;

import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.bounce.Reason;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.Locale;

/**
 * Completes one recipient's result the way Sisimai's post-processing (Sisimai::Fact) does, so that
 * status, reason and hard/soft compare with Sisimai's output:
 * <ol>
 *   <li>status and reply code: the code in the error message is found and weighed against the
 *       stated Status: field ({@link StatusCodes#prefer}); a missing reply code is taken from the
 *       message; a missing failed command is taken from the message or from the report's
 *       human-readable paragraph ({@link ReportContext});</li>
 *   <li>reason: a reason the format itself stated is kept, unless it is one Sisimai re-examines
 *       (undefined, onhold, userunknown, expired, ...); an MTA's own fixed message
 *       ({@link MtaMessages}) counts as stated; otherwise provider-specific rules for the remote
 *       host or recipient domain ({@link RemoteHostRules}), then the general classification
 *       ({@link ReasonClassifier});</li>
 *   <li>hard bounce per {@link HardBounce};</li>
 *   <li>no status code anywhere: Sisimai's pseudo code for the reason (5.0.911 for userunknown...),
 *       4.0.9NN when the message says the failure is temporary;</li>
 *   <li>a reply code whose class contradicts the status is replaced or dropped; expired results get
 *       action "delayed", others without an action "failed".</li>
 * </ol>
 * Stateless and thread-safe.
 */
public final class ReasonResolver {

    public DeliveryStatus resolve(DeliveryStatus d, ParsedMessage message) {
        Facts f = facts(d, message);
        return finish(d, f, decide(f));
    }

    /** Codes completed from the message, the tidied diagnostic and what the report tells. */
    private static Facts facts(DeliveryStatus d, ParsedMessage message) {
        Facts f = new Facts();
        String diag = d.diagnostic().replace("\r", "");
        String reply = ReplyCodes.isKnown(d.replyCode()) ? d.replyCode() : "";
        String status = normaliseStatus(d.status());
        String cleaned = diag;
        if (!diag.isEmpty()) {
            String inText = StatusCodes.find(diag, ' ');
            String replyInText = ReplyCodes.find(diag, inText);
            status = StatusCodes.prefer(status, inText, replyInText);
            if (!replyInText.isEmpty()) {
                if (reply.isEmpty()) reply = replyInText;
                cleaned = DiagnosticText.withoutContinuations(diag, replyInText, inText);
            }
            cleaned = DiagnosticText.sweep(DiagnosticText.withoutHtml(cleaned));
        }
        String command = SmtpCommands.isValid(d.command()) ? d.command() : SmtpCommands.find(diag);
        if (command.isEmpty()) command = ReportContext.commandFor(message, d.recipient());

        f.reason = d.reason() == Reason.UNDEFINED ? null : d.reason();
        if (f.reason == null) {
            String lower = " " + cleaned.toLowerCase(Locale.ROOT) + " ";
            f.reason = MtaMessages.stated(lower);
            f.mtaTemporary = f.reason != null && MtaMessages.eximTemporary(lower);
        }
        f.status = status;
        f.replyCode = reply;
        f.command = command;
        f.action = d.action().toLowerCase(Locale.ROOT);
        f.diagType = diagnosticType(message, diag, f.reason);
        f.diagnostic(cleaned);
        f.remoteHost = RemoteHostRules.hostOf(d.remoteMta());
        f.message = message;
        f.destination = domainOf(d.recipient());
        return f;
    }

    /** A stated reason outside Sisimai's re-examined set stands; else provider rules, then classification. */
    private static Reason decide(Facts f) {
        Reason stated = f.reason;
        if (stated != null && !ReasonClassifier.RETRY.contains(stated)) return stated;
        Reason byProvider = RemoteHostRules.find(f);
        return byProvider != null ? byProvider : ReasonClassifier.classify(f);
    }

    /** Hard/soft, pseudo status, reply code consistency and action, as Sisimai::Fact finishes a result. */
    private static DeliveryStatus finish(DeliveryStatus d, Facts f, Reason reason) {
        String status = f.status;
        String reply = f.replyCode;
        boolean hard = false;
        if (reason == Reason.FEEDBACK || reason == Reason.VACATION) {
            reply = "";
        } else if (reason != Reason.DELIVERED) {
            String codes = (status + " " + f.diagnostic).strip();
            hard = HardBounce.isHard(reason, codes.length() < 4 ? "" : codes);
        }
        if (status.isEmpty()) {
            boolean temporary = f.mtaTemporary || HardBounce.isTemporary((reply + " " + f.diagnostic).strip());
            status = StatusCodes.pseudo(reason, temporary);
        }
        reply = consistentReply(status, reply, f.diagnostic);

        String action = f.action;
        if (reason == Reason.DELIVERED) action = "delivered";
        else if (reason == Reason.EXPIRED) action = "delayed";
        else if (action.isEmpty() && (status.startsWith("4") || status.startsWith("5"))) action = "failed";

        return d.toBuilder().status(status).replyCode(reply).command(f.command).reason(reason).hardBounce(hard)
                .action(action).build();
    }

    /** A reply code must share the status code's class; otherwise look for one that does. */
    private static String consistentReply(String status, String reply, String diag) {
        if (reply.isEmpty() || status.isEmpty() || status.charAt(0) == reply.charAt(0)) return reply;
        String other = ReplyCodes.find(diag, status.charAt(0));
        return other.startsWith(status.substring(0, 1)) ? other : "";
    }

    /** A stated status that is not a clean code ("5.1.1 (unknown)", "550") is reduced to the code in it. */
    private static String normaliseStatus(String stated) {
        if (stated == null || stated.isEmpty()) return "";
        String s = stated.strip();
        if (StatusCodes.isValid(s)) return s;
        return StatusCodes.find(s, ' ');
    }

    /**
     * X-UNIX when the report says a local delivery program failed ("Diagnostic-Code: X-Unix; 255")
     * or the parser stated mailererror; otherwise SMTP (a remote server's reply, or a report by
     * the MTA itself such as X-Postfix, which Sisimai also weighs as SMTP).
     */
    private static String diagnosticType(ParsedMessage message, String diag, Reason stated) {
        if (stated == Reason.MAILERERROR || diag.regionMatches(true, 0, "x-unix", 0, 6)) return "X-UNIX";
        return ReportContext.diagnosticType(message, diag).startsWith("X-UNIX") ? "X-UNIX" : "SMTP";
    }

    private static String domainOf(String recipient) {
        int at = recipient.lastIndexOf('@');
        if (at < 0) return "";
        String d = recipient.substring(at + 1).toLowerCase(Locale.ROOT).strip();
        return d.endsWith(">") ? d.substring(0, d.length() - 1) : d;
    }
}
