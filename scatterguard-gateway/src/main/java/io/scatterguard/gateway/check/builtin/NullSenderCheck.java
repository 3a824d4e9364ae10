package io.scatterguard.gateway.check.builtin;

import io.scatterguard.gateway.check.Check;
import io.scatterguard.gateway.check.Contexts;
import io.scatterguard.gateway.check.Verdict;
import io.scatterguard.mail.batv.BatvAddress;
import io.scatterguard.mail.batv.BatvResult;
import io.scatterguard.mail.batv.BatvVerifier;
import io.scatterguard.mail.model.Addresses;
import io.scatterguard.mail.model.Reply;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * RCPT rules for the null sender {@code <>}, i.e. for bounces (primer §3, Haraka's bounce plugin,
 * rspamd): a bounce has exactly one recipient; addresses that never send mail never receive a
 * genuine bounce; a BATV tag on the recipient must be valid and unexpired. A missing tag is not
 * judged here: address-verification probes send {@code MAIL FROM:<>} and never DATA, and must not
 * be refused (the end-of-data check judges real bounces).
 */
public final class NullSenderCheck implements Check<Contexts.Rcpt> {
    private final Set<String> roleLocalParts;
    private final Optional<BatvVerifier> batv;

    public NullSenderCheck(Set<String> roleLocalParts, Optional<BatvVerifier> batv) {
        this.roleLocalParts = Set.copyOf(roleLocalParts);
        this.batv = batv;
    }

    @Override
    public String name() {
        return "null-sender";
    }

    @Override
    public Verdict evaluate(Contexts.Rcpt c) {
        if (!c.sender().isEmpty()) return new Verdict.Continue(name(), "");
        if (!c.accepted().isEmpty()) {
            return new Verdict.Reject(name(), "NULL_SENDER_MULTI_RCPT", Reply.of(550, "5.7.1",
                    "Bounces have one recipient; refusing a second one for the null sender"));
        }
        String local = Addresses.localPart(RecipientDirectory.canonical(c.recipient())).toLowerCase(Locale.ROOT);
        if (roleLocalParts.contains(local)) {
            return new Verdict.Reject(name(), "ROLE_RECIPIENT", Reply.of(550, "5.7.1",
                    "<" + c.recipient() + "> never sends mail, so it receives no bounces"));
        }
        if (batv.isPresent() && BatvAddress.parse(c.recipient()).isVerifiable()) {
            BatvResult r = batv.get().verify(c.recipient());
            if (r.status() == BatvResult.Status.EXPIRED) {
                return new Verdict.Reject(name(), "BATV_EXPIRED", Reply.of(550, "5.7.1",
                        "<" + c.recipient() + ">: bounce address tag expired; we sent no such mail recently"));
            }
            if (r.isInvalid()) {
                return new Verdict.Reject(name(), "BATV_INVALID", Reply.of(550, "5.7.1",
                        "<" + c.recipient() + ">: invalid bounce address tag; we did not send this mail"));
            }
            if (r.isValid()) return new Verdict.Continue(name(), "BATV_VALID");
        }
        return new Verdict.Continue(name(), "");
    }
}
