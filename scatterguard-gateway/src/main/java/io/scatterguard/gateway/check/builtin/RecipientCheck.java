package io.scatterguard.gateway.check.builtin;

import io.scatterguard.gateway.check.Check;
import io.scatterguard.gateway.check.Contexts;
import io.scatterguard.gateway.check.Verdict;
import io.scatterguard.mail.model.Reply;

/**
 * RCPT: refuses unknown users at once (550 5.1.1) so that nobody has to bounce later, and refuses
 * relaying to domains that are not ours (554 5.7.1) — an MX front end is never an open relay.
 * Mail for existing users gets no opinion here, so later checks still run.
 */
public final class RecipientCheck implements Check<Contexts.Rcpt> {
    private final RecipientDirectory directory;

    public RecipientCheck(RecipientDirectory directory) {
        this.directory = directory;
    }

    @Override
    public String name() {
        return "recipients";
    }

    @Override
    public Verdict evaluate(Contexts.Rcpt c) {
        if (!directory.isOurDomain(c.recipient())) {
            return new Verdict.Reject(name(), "RELAY_DENIED",
                    Reply.of(554, "5.7.1", "<" + c.recipient() + ">: Relay access denied"));
        }
        if (!directory.exists(c.recipient())) {
            return new Verdict.Reject(name(), "RCPT_UNKNOWN",
                    Reply.of(550, "5.1.1", "<" + c.recipient() + ">: Recipient address rejected: User unknown"));
        }
        return new Verdict.Continue(name(), "RCPT_KNOWN");
    }
}
