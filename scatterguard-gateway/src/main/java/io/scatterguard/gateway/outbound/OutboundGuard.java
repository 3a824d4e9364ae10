package io.scatterguard.gateway.outbound;

import io.scatterguard.gateway.check.Verdict;
import io.scatterguard.mail.Analysis;
import io.scatterguard.mail.classify.Category;
import io.scatterguard.mail.model.Addresses;
import io.scatterguard.mail.model.Headers;
import io.scatterguard.mail.model.Reply;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps our own users' servers from sending backscatter and outscatter (primer §5, RFC 3834):
 * <ul>
 *   <li>at RCPT, rate limits per authenticated user, client address and envelope-sender
 *       domain, and the alarm for one user or address using many envelope senders (a hijacked
 *       account, an infected client); a limit reached answers 451 4.7.1, never a silent drop;
 *   <li>at end of data, automatic mail (bounces, autoreplies, virus notices, challenges,
 *       subscription confirmations) is held or refused when its recipient is a sender we cannot
 *       trust: the original came from outside and its sender was not proven by SPF, or it was itself
 *       automatic, list or bulk mail, or from {@code <>}; autoreplies go to one address at most once
 *       per period.
 * </ul>
 * What it must know about arriving mail it learns through {@link #inbound}. Its counters live in a
 * {@link GuardState}: this node's memory or a Redis that all nodes share. When that state cannot
 * be reached the answer is 451: nothing leaves unjudged.
 */
public final class OutboundGuard {
    public static final String CHECK = "outbound-guard";

    /** Local parts RFC 3834 §2 and common practice say are never answered automatically. */
    private static final Set<String> NEVER_ANSWERED = Set.of("mailer-daemon", "noreply", "no-reply", "donotreply",
            "do-not-reply", "do_not_reply", "bounce", "bounces", "listserv", "majordomo");
    private static final Pattern MESSAGE_ID = Pattern.compile("<([^<>\\s]+)>");

    /** Who is sending: the client's address and, when it authenticated, its user name ("" if not). */
    public record Origin(String ip, String user) {
        public Origin {
            ip = ip == null ? "" : ip;
            user = user == null ? "" : user.strip();
        }
    }

    private final GuardSettings settings;
    private final GuardState state;
    private final GuardAlerts alerts;
    private final Clock clock;

    public OutboundGuard(GuardSettings settings, GuardState state, GuardAlerts alerts, Clock clock) {
        this.settings = settings;
        this.state = state;
        this.alerts = alerts;
        this.clock = clock;
    }

    public GuardSettings settings() {
        return settings;
    }

    // ---- RCPT: limits ----

    /**
     * At RCPT: one recipient more for this user, address and sender domain; with the transaction's
     * first recipient also one message more and the many-senders alarm — all in one step on the
     * state (one round trip to Redis per single-recipient message). A message limit reached is thus
     * answered at the first RCPT, 451 4.7.1 like every limit.
     *
     * @param first whether this is the first recipient of the transaction that the guard let pass
     *              (the caller counts: a recipient the guard refused does not count)
     */
    public Verdict rcpt(Origin o, String sender, String recipient, boolean first) {
        try {
            List<GuardState.Charge> charges = new ArrayList<>();
            List<String> subjects = new ArrayList<>();
            List<Rate> rates = new ArrayList<>();
            if (first) charges(o, sender, "msg", settings.userMessages(), settings.ipMessages(), settings.domainMessages(),
                    charges, subjects, rates);
            charges(o, sender, "rcpt", settings.userRecipients(), settings.ipRecipients(), settings.domainRecipients(),
                    charges, subjects, rates);
            Rate senders = settings.distinctSenders();
            String who = o.user().isEmpty() ? "ip:" + o.ip() : "user:" + o.user().toLowerCase(Locale.ROOT);
            GuardState.Members members = !first || senders == null || sender.isEmpty() ? null
                    : new GuardState.Members("senders:" + who, key(sender),
                            senders.period(), settings.refuseManySenders() ? senders.count() : Long.MAX_VALUE);
            if (members == null && charges.isEmpty()) return Verdict.noOpinion(CHECK);
            GuardState.Admission a = state.admit(members, charges);
            Verdict alarm = Verdict.noOpinion(CHECK);
            if (members != null && a.members() > senders.count()) alarm = manySenders(who, a.members(), senders);
            if (alarm instanceof Verdict.TempFail || a.unpaid().isEmpty()) return alarm;
            int i = charges.indexOf(a.unpaid().get());
            return limitReached(subjects.get(i), rates.get(i), a.unpaid().get().key().contains(":rcpt:"));
        } catch (GuardState.UnavailableException e) {
            return unavailable(o, e);
        }
    }

    private Verdict manySenders(String subject, long seen, Rate limit) {
        String detail = subject + " used " + seen + " different envelope senders within " + period(limit)
                + " (limit " + limit.count() + "): a hijacked account or an infected client sends like this";
        if (!settings.refuseManySenders()) {
            raise("many-senders", subject, "OUT_MANY_SENDERS", "alert", detail);
            return new Verdict.Continue(CHECK, "OUT_MANY_SENDERS");
        }
        raise("many-senders", subject, "OUT_MANY_SENDERS", "tempfail", detail);
        return new Verdict.TempFail(CHECK, "OUT_MANY_SENDERS", Reply.of(451, "4.7.1",
                "Too many different senders from " + subject + "; try again later or ask the postmaster"));
    }

    private static void charges(Origin o, String sender, String what, List<Rate> user, List<Rate> ip, List<Rate> domain,
            List<GuardState.Charge> charges, List<String> subjects, List<Rate> rates) {
        if (!o.user().isEmpty()) add(charges, subjects, rates, "user:" + o.user().toLowerCase(Locale.ROOT), what, 1, user);
        if (!o.ip().isEmpty()) add(charges, subjects, rates, "ip:" + o.ip(), what, 1, ip);
        String d = sender.isEmpty() ? "" : Addresses.domain(sender).toLowerCase(Locale.ROOT);
        if (!d.isEmpty()) add(charges, subjects, rates, "domain:" + d, what, 1, domain);
    }

    private Verdict limitReached(String subject, Rate rate, boolean recipients) {
        String noun = recipients ? "recipients" : "messages";
        String symbol = "OUT_RATE_" + subject.substring(0, subject.indexOf(':')).toUpperCase(Locale.ROOT)
                + (recipients ? "_RCPT" : "");
        raise("rate-limit", subject, symbol, "tempfail", subject + " reached its limit of " + rate.count() + " " + noun
                + " per " + period(rate));
        return new Verdict.TempFail(CHECK, symbol, Reply.of(451, "4.7.1", "Rate limit reached for " + subject + " ("
                + rate.count() + " " + noun + " per " + period(rate) + "); try again later"));
    }

    private static void add(List<GuardState.Charge> charges, List<String> subjects, List<Rate> rates, String subject,
            String what, long cost, List<Rate> limits) {
        for (Rate r : limits) {
            charges.add(new GuardState.Charge("rate:" + subject + ":" + what + ":" + r, r.count(), r.period(), cost));
            subjects.add(subject);
            rates.add(r);
        }
    }

    private static String period(Rate r) {
        String s = r.toString();
        return s.substring(s.indexOf('/') + 1);
    }

    private Verdict unavailable(Origin o, GuardState.UnavailableException e) {
        raise("state-unavailable", o.user().isEmpty() ? "ip:" + o.ip() : "user:" + o.user(), "OUT_GUARD_UNAVAILABLE",
                "tempfail", "the outbound guard's shared state cannot be reached: " + e.getMessage());
        return new Verdict.TempFail(CHECK, "OUT_GUARD_UNAVAILABLE",
                Reply.of(451, "4.3.0", "Temporary problem checking outbound limits; try again later"));
    }

    // ---- end of data: automatic mail ----

    /**
     * Judges an outgoing message at end of data. Ordinary mail passes; automatic mail to any
     * recipient we cannot trust is held or refused (the whole message: after DATA the answer is one
     * for all recipients).
     */
    public Verdict message(Origin o, String sender, List<String> recipients, Analysis a) {
        if (!settings.autoGuard()) return Verdict.noOpinion(CHECK);
        Category category = a.category();
        if (!category.isAutoGenerated() || category == Category.FEEDBACK_REPORT) return Verdict.noOpinion(CHECK);
        try {
            List<String> originalIds = originalIds(a);
            for (String r : recipients) {
                Verdict v = judge(category, originalIds, r);
                if (!(v instanceof Verdict.Continue)) return v;
            }
            if (category == Category.AUTOREPLY) {
                String responder = responder(a, sender);
                for (String r : recipients) {
                    if (isOurs(r)) continue;
                    if (!state.firstWithin("autoreply:" + responder + ">" + key(r), settings.autoreplyInterval())) {
                        return refuse(settings.action(), "OUT_AUTOREPLY_REPEAT", r, "an autoreply from " + responder
                                + " to <" + r + "> was already sent within " + settings.autoreplyInterval().toHours() + "h");
                    }
                }
            }
            return new Verdict.Continue(CHECK, "OUT_AUTO_ALLOWED");
        } catch (GuardState.UnavailableException e) {
            return unavailable(o, e);
        }
    }

    private Verdict judge(Category category, List<String> originalIds, String recipient) {
        if (isOurs(recipient)) return Verdict.noOpinion(CHECK);
        String local = Addresses.localPart(Addresses.normalise(recipient)).toLowerCase(Locale.ROOT);
        if (NEVER_ANSWERED.contains(local) || local.startsWith("owner-") || local.endsWith("-request")) {
            return refuse(settings.action(), "OUT_AUTO_TO_ROLE", recipient, "<" + recipient
                    + "> is an automatic address that never wants answers (RFC 3834)");
        }
        List<String> keys = new ArrayList<>();
        for (String id : originalIds) keys.add("in:mid:" + id);
        keys.add("in:from:" + key(recipient));
        Optional<InboundFacts> facts = state.recall(keys).flatMap(InboundFacts::decode);
        String what = category.id();
        if (facts.isEmpty()) {
            if (settings.unknownOriginal() == GuardSettings.Action.ACCEPT) return Verdict.noOpinion(CHECK);
            return refuse(settings.unknownOriginal(), "OUT_AUTO_UNKNOWN_ORIGINAL", recipient, "a " + what + " to <"
                    + recipient + ">, who never sent us mail we remember: its sender may be forged");
        }
        InboundFacts f = facts.get();
        if (f.nullSender()) {
            return refuse(settings.action(), "OUT_AUTO_TO_NULL_SENDER", recipient, "a " + what
                    + " answering mail from <>, which is never answered (RFC 3834, RFC 5321 §4.5.5)");
        }
        if (f.autoGenerated()) {
            return refuse(settings.action(), "OUT_AUTO_TO_AUTO", recipient, "a " + what + " to <" + recipient
                    + "> answering automatic mail: a mail loop (RFC 3834)");
        }
        if (f.listOrBulk() && category != Category.DSN) {
            return refuse(settings.action(), "OUT_AUTO_TO_LIST", recipient, "a " + what + " to <" + recipient
                    + "> answering list or bulk mail (RFC 3834)");
        }
        if (f.fromOutside() && category == Category.VIRUS_NOTICE) {
            return refuse(settings.action(), "OUT_VIRUS_NOTICE", recipient, "a virus notice to <" + recipient
                    + ">: viruses forge their senders, so notices go to innocent people");
        }
        if (f.fromOutside() && !f.senderVerified()) {
            return refuse(settings.action(), "OUT_AUTO_UNVERIFIED_SENDER", recipient, "a " + what + " to <" + recipient
                    + ">, whose mail came from outside with SPF " + (f.spf().isEmpty() ? "not checked" : f.spf())
                    + ": the sender may be forged");
        }
        return Verdict.noOpinion(CHECK);
    }

    private Verdict refuse(GuardSettings.Action action, String symbol, String recipient, String reason) {
        boolean hold = action == GuardSettings.Action.QUARANTINE;
        raise("auto-mail", recipient, symbol, hold ? "quarantine" : "reject", reason);
        if (hold) return new Verdict.Quarantine(CHECK, symbol, reason);
        return new Verdict.Reject(CHECK, symbol, Reply.of(550, "5.7.1", "Not sent: " + reason));
    }

    private boolean isOurs(String address) {
        String d = Addresses.domain(Addresses.normalise(address)).toLowerCase(Locale.ROOT);
        return !d.isEmpty() && settings.ourDomains().contains(d);
    }

    /** Who is answering: the From address of the reply (its envelope sender is usually {@code <>}). */
    private static String responder(Analysis a, String sender) {
        String from = key(Addresses.extract(a.message().headers().get("From")));
        return from.isEmpty() ? key(sender) : from;
    }

    /**
     * The Message-IDs of the mail this message answers: In-Reply-To and References, and for a bounce
     * the quoted original's.
     */
    static List<String> originalIds(Analysis a) {
        Set<String> ids = new LinkedHashSet<>();
        Headers h = a.message().headers();
        ids.addAll(messageIds(h.get("In-Reply-To")));
        ids.addAll(messageIds(h.get("References")));
        a.bounce().ifPresent(b -> ids.addAll(messageIds(b.original().messageId())));
        a.message().original().ifPresent(e -> ids.addAll(messageIds(e.headers().get("Message-ID"))));
        return List.copyOf(ids);
    }

    /**
     * An address as a key of the state: without brackets, all in lower case. Local parts are
     * case-sensitive in principle, but an answer to Friend@ and the mail from friend@ are the same
     * person in practice, and a missed match would hold a legitimate answer.
     */
    private static String key(String address) {
        return Addresses.normalise(address).toLowerCase(Locale.ROOT);
    }

    /** Message-IDs without their angle brackets, in the order written. */
    public static List<String> messageIds(String text) {
        if (text == null || text.isEmpty()) return List.of();
        List<String> out = new ArrayList<>();
        Matcher m = MESSAGE_ID.matcher(text);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    // ---- what arrives ----

    /**
     * Remembers an arriving message that was accepted for delivery, under its Message-ID and its
     * envelope sender, for {@link GuardSettings#history()}. A failure to remember is logged, not
     * felt by the sender: the guard then treats a later answer as one whose original it never saw.
     */
    public void inbound(String sender, String messageId, InboundFacts facts) {
        List<String> keys = new ArrayList<>(2);
        for (String id : messageIds(messageId)) keys.add("in:mid:" + id);
        if (!sender.isEmpty()) keys.add("in:from:" + key(sender));
        if (keys.isEmpty()) return;
        try {
            state.remember(keys, facts.encode(), settings.history());
        } catch (GuardState.UnavailableException e) {
            System.getLogger("io.scatterguard.gateway.outbound").log(System.Logger.Level.WARNING,
                    "cannot remember arriving mail for the outbound guard: " + e.getMessage());
        }
    }

    private void raise(String kind, String subject, String symbol, String action, String detail) {
        alerts.raise(new GuardEvent(clock.instant(), kind, subject, symbol, action, detail));
    }
}
