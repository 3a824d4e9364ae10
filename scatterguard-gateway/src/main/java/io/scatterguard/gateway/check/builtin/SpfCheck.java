package io.scatterguard.gateway.check.builtin;

import io.scatterguard.gateway.check.Check;
import io.scatterguard.gateway.check.Contexts;
import io.scatterguard.gateway.check.Verdict;
import io.scatterguard.gateway.spf.SpfEvaluator;
import io.scatterguard.mail.model.Reply;

/**
 * MAIL: SPF (RFC 7208) for the sender — or the HELO name for the null sender (§2.3). A hard
 * {@code fail} is refused with 550 5.7.23 (RFC 7372); {@code temperror} is a 451 4.7.24 so the
 * client retries; a {@code permerror} (a broken policy) is refused only if configured to. Other
 * results leave a symbol for the log and later checks.
 */
public final class SpfCheck implements Check<Contexts.Mail> {
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
        SpfEvaluator.Result r = spf.evaluate(ip, c.sender(), c.client().heloName());
        return switch (r) {
            case FAIL -> new Verdict.Reject(name(), "SPF_FAIL", Reply.of(550, "5.7.23",
                    "SPF check failed: " + ip + " is not allowed to send mail as " + identity));
            case TEMPERROR -> new Verdict.TempFail(name(), "SPF_TEMPERROR", Reply.of(451, "4.7.24",
                    "SPF look-up for " + identity + " failed temporarily; try again later"));
            case PERMERROR -> rejectPermError
                    ? new Verdict.Reject(name(), "SPF_PERMERROR", Reply.of(550, "5.7.24",
                            "The SPF record for " + identity + " is broken (permerror)"))
                    : new Verdict.Continue(name(), "SPF_PERMERROR");
            default -> new Verdict.Continue(name(), "SPF_" + r.name());
        };
    }
}
