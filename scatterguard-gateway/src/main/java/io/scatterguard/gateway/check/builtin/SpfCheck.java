package io.scatterguard.gateway.check.builtin;

import io.scatterguard.gateway.check.Check;
import io.scatterguard.gateway.check.Contexts;
import io.scatterguard.gateway.check.Verdict;
import io.scatterguard.gateway.spf.SpfEvaluator;
import io.scatterguard.mail.model.Reply;

/**
 * MAIL: SPF (RFC 7208) for the sender — or the HELO name for the null sender (§2.3). A hard
 * {@code fail} is refused with 550 5.7.23 (RFC 7372), with the domain's explanation when it publishes
 * one (§6.2); {@code temperror} is a 451 4.7.24 so the client retries; a {@code permerror} (a broken
 * policy) is refused only if configured to. Other results leave a symbol for the log and later checks.
 */
public final class SpfCheck implements Check<Contexts.Mail> {
    /** Keeps the reply line well under SMTP's 512 octets (RFC 5321 §4.5.3.1.5). */
    private static final int MAX_EXPLANATION = 200;
    private final SpfEvaluator spf;
    private final boolean rejectPermError;

    public SpfCheck(SpfEvaluator spf, boolean rejectPermError) {
        this.spf = spf;
        this.rejectPermError = rejectPermError;
    }

    @Override
    public String name() {
        return "spf";
    }

    @Override
    public Verdict evaluate(Contexts.Mail c) {
        String ip = c.client().address().getHostAddress();
        String identity = c.sender().isEmpty() ? "postmaster@" + c.client().heloName() : c.sender();
        SpfEvaluator.Outcome outcome = spf.evaluate(ip, c.sender(), c.client().heloName());
        SpfEvaluator.Result r = outcome.result();
        return switch (r) {
            case FAIL -> new Verdict.Reject(name(), "SPF_FAIL", Reply.of(550, "5.7.23",
                    "SPF check failed: " + ip + " is not allowed to send mail as " + identity
                            + explanation(outcome.explanation())));
            case TEMPERROR -> new Verdict.TempFail(name(), "SPF_TEMPERROR", Reply.of(451, "4.7.24",
                    "SPF look-up for " + identity + " failed temporarily; try again later"));
            case PERMERROR -> rejectPermError
                    ? new Verdict.Reject(name(), "SPF_PERMERROR", Reply.of(550, "5.7.24",
                            "The SPF record for " + identity + " is broken (permerror)"))
                    : new Verdict.Continue(name(), "SPF_PERMERROR");
            default -> new Verdict.Continue(name(), "SPF_" + r.name());
        };
    }

    /** The sender domain's own text, printable ASCII only and bounded: it is published by a stranger. */
    private static String explanation(String text) {
        if (text.isBlank()) return "";
        StringBuilder sb = new StringBuilder(": ");
        for (int i = 0; i < text.length() && i < MAX_EXPLANATION; i++) {
            char ch = text.charAt(i);
            sb.append(ch >= 0x20 && ch < 0x7f ? ch : '?');
        }
        return sb.toString();
    }
}
