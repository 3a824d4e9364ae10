package io.scatterguard.gateway.outbound;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * How the outbound guard judges our own users' mail (see {@code ratelimit.*} and {@code outbound.*}
 * in the configuration reference). Empty rate lists mean no limit of that kind.
 *
 * @param userMessages      messages per authenticated user
 * @param userRecipients    recipients per authenticated user
 * @param ipMessages        messages per client address
 * @param ipRecipients      recipients per client address
 * @param domainMessages    messages per envelope-sender domain
 * @param domainRecipients  recipients per envelope-sender domain
 * @param distinctSenders   more distinct envelope senders than this from one user (or one address
 *                          when unauthenticated) within its period raise the outscatter alarm; null: off
 * @param refuseManySenders whether the alarm also answers 451 (else it is only raised)
 * @param autoGuard         whether automatic mail (bounces, autoreplies, …) is judged by RFC 3834 rules
 * @param action            what happens to automatic mail to a sender we cannot trust
 * @param unknownOriginal   what happens to automatic mail whose original we never saw
 * @param autoreplyInterval autoreplies from one of ours to one address at most once per this period
 * @param history           how long what we learn about arriving mail is kept for these judgements
 * @param ourDomains        recipients in these domains are our own: notifying them is never backscatter
 */
public record GuardSettings(List<Rate> userMessages, List<Rate> userRecipients, List<Rate> ipMessages,
        List<Rate> ipRecipients, List<Rate> domainMessages, List<Rate> domainRecipients, Rate distinctSenders,
        boolean refuseManySenders, boolean autoGuard, Action action, Action unknownOriginal, Duration autoreplyInterval,
        Duration history, Set<String> ourDomains) {

    /** What to do with a message the guard will not let out as it is. */
    public enum Action {
        /** Keep it in the quarantine (an operator may release it); the client hears 250. */
        QUARANTINE,
        /** Refuse it with 550 5.7.1; the client's server keeps the problem. */
        REJECT,
        /** Let it go (only for {@code unknownOriginal}). */
        ACCEPT
    }

    public GuardSettings {
        userMessages = List.copyOf(userMessages);
        userRecipients = List.copyOf(userRecipients);
        ipMessages = List.copyOf(ipMessages);
        ipRecipients = List.copyOf(ipRecipients);
        domainMessages = List.copyOf(domainMessages);
        domainRecipients = List.copyOf(domainRecipients);
        ourDomains = Set.copyOf(ourDomains);
        if (action == Action.ACCEPT) throw new IllegalArgumentException("the guard's action must quarantine or reject");
    }

    /** No rate limits, no alarm: only the RFC 3834 rules with the defaults. */
    public static GuardSettings rulesOnly(Set<String> ourDomains) {
        return new GuardSettings(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), null, false, true,
                Action.QUARANTINE, Action.QUARANTINE, Duration.ofDays(7), Duration.ofDays(7), ourDomains);
    }
}
