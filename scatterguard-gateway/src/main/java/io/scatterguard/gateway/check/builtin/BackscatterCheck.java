package io.scatterguard.gateway.check.builtin;

import io.scatterguard.gateway.check.Check;
import io.scatterguard.gateway.check.Contexts;
import io.scatterguard.gateway.check.Verdict;
import io.scatterguard.mail.Analysis;
import io.scatterguard.mail.model.Reply;
import io.scatterguard.mail.verdict.BackscatterVerdict;

/**
 * END OF DATA: refuses auto-generated mail (bounces, autoreplies, virus notices, challenges,
 * subscription confirmations) that does not answer mail we sent, before the final 250, with the
 * judge's reason in the reply text. The sending server keeps its notice; nobody bounces it to us.
 */
public final class BackscatterCheck implements Check<Contexts.Message> {
    /** What to do with backscatter: refuse it (the default), or keep it in quarantine for review. */
    public enum Action { REJECT, QUARANTINE }

    private final Action action;

    public BackscatterCheck() {
        this(Action.REJECT);
    }

    public BackscatterCheck(Action action) {
        this.action = action;
    }

    @Override
    public String name() {
        return "backscatter";
    }

    @Override
    public Verdict evaluate(Contexts.Message c) {
        Analysis a = c.analysis();
        BackscatterVerdict v = a.backscatter();
        if (!v.backscatter()) return new Verdict.Continue(name(), v.evidence().isEmpty() ? "" : v.decidedBy().symbol().name());
        String why = v.evidence().isEmpty() ? "it does not answer mail we sent" : v.decidedBy().detail();
        String symbol = "BACKSCATTER_" + a.category().name();
        String reason = "This " + a.category().id() + " does not answer mail we sent (" + why + ")";
        if (action == Action.QUARANTINE) return new Verdict.Quarantine(name(), symbol, reason);
        return new Verdict.Reject(name(), symbol, Reply.of(550, "5.7.1", reason + "; backscatter refused"));
    }
}
