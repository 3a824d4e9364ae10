package io.scatterguard.mail.verdict;

import io.scatterguard.mail.batv.BatvAddress;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.classify.Category;
import io.scatterguard.mail.model.Addresses;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether an auto-generated message answers mail WE sent, or is backscatter: a bounce,
 * autoreply, virus notice or challenge sent to an address spam forged (primer §3).
 *
 * <p>All evidence is gathered and reported; the verdict follows the first rule that applies:
 * <ol>
 *   <li>ordinary mail, ARF feedback reports and read receipts are never backscatter;</li>
 *   <li>a null-sender message with several RCPTs (SMTP only) is backscatter;</li>
 *   <li>a BATV tag decides when present: valid → ours; forged, malformed, unknown key or expired →
 *       backscatter;</li>
 *   <li>the original's (or the answered) Message-ID in our outbound ledger → ours;</li>
 *   <li>a role recipient that never sends mail (no-reply, dmarc-reports...) → backscatter;</li>
 *   <li>our relay on the original's quoted Received lines → ours only when
 *       {@link OurSide#weakRelayIsOurs()}, since a forger can copy host names; by default the
 *       message stays backscatter and the evidence names the relay as weak;</li>
 *   <li>otherwise backscatter: nothing shows the message answers our mail.</li>
 * </ol>
 * Immutable and thread-safe; never throws on odd input.
 */
public final class BackscatterJudge {
    private final OurSide us;
    private final RelayMatcher relays;

    public BackscatterJudge(OurSide us) {
        this.us = Objects.requireNonNull(us, "us");
        this.relays = new RelayMatcher(us.relayGlobs());
    }

    public OurSide ourSide() {
        return us;
    }

    /**
     * Judges one message.
     *
     * @param category what the classifier filed the message under
     * @param message  the message
     * @param report   the parsed bounce or feedback report, when the message is one
     * @param envelope the SMTP envelope, or {@link Envelope#fromHeaders} in file scans
     */
    public BackscatterVerdict judge(Category category, ParsedMessage message, Optional<BounceReport> report,
            Envelope envelope) {
        Optional<BackscatterVerdict> exempt = exempt(category);
        if (exempt.isPresent()) return exempt.get();
        QuotedOriginal original = QuotedOriginal.of(message, report);
        List<JudgeEvidence> found = new ArrayList<>();
        nullSenderMultiRcpt(envelope).ifPresent(found::add);
        BatvCheck.evidence(BatvCheck.candidates(envelope, original), us).ifPresent(found::add);
        ledger(original).ifPresent(found::add);
        roleRecipient(envelope).ifPresent(found::add);
        relay(original, message).ifPresent(found::add);
        originalFrom(original).ifPresent(found::add);
        if (!original.isPresent()) found.add(JudgeEvidence.of(JudgeSymbol.NO_ORIGINAL, "the message quotes nothing of the original"));
        return decide(found);
    }

    /** Judges a stored message, taking the envelope from its headers. */
    public BackscatterVerdict judge(Category category, ParsedMessage message, Optional<BounceReport> report) {
        return judge(category, message, report, Envelope.fromHeaders(message));
    }

    private static Optional<BackscatterVerdict> exempt(Category category) {
        JudgeEvidence e = switch (category) {
            case ORDINARY -> JudgeEvidence.of(JudgeSymbol.NOT_AUTO_GENERATED, "ordinary mail is never backscatter");
            case FEEDBACK_REPORT -> JudgeEvidence.of(JudgeSymbol.FEEDBACK_REPORT,
                    "ARF feedback report: sent to the abuse address we registered, not to a forged sender; route to abuse handling");
            case READ_RECEIPT -> JudgeEvidence.of(JudgeSymbol.READ_RECEIPT,
                    "read receipt (MDN): no delivery failure, and only sent when the original asked for one");
            default -> null;
        };
        return e == null ? Optional.empty() : Optional.of(new BackscatterVerdict(false, List.of(e)));
    }

    private static Optional<JudgeEvidence> nullSenderMultiRcpt(Envelope envelope) {
        if (envelope.source() != Envelope.Source.SMTP || !envelope.nullSender() || envelope.recipients().size() < 2) {
            return Optional.empty();
        }
        return Optional.of(JudgeEvidence.of(JudgeSymbol.NULL_SENDER_MULTI_RCPT,
                "null sender with " + envelope.recipients().size() + " recipients; a notification has exactly one"));
    }

    private Optional<JudgeEvidence> ledger(QuotedOriginal original) {
        if (us.ledger().isEmpty()) return Optional.empty();
        OutboundLedger ledger = us.ledger().get();
        List<String> ids = new ArrayList<>(original.messageIds());
        ids.addAll(original.answeredIds());
        for (String id : ids) {
            if (ledger.contains(id)) {
                String when = ledger.sentAt(id).map(t -> ", sent " + t).orElse("");
                return Optional.of(JudgeEvidence.of(JudgeSymbol.LEDGER_HIT, "<" + id + "> is in our outbound ledger" + when));
            }
        }
        if (ids.isEmpty()) return Optional.empty();
        return Optional.of(JudgeEvidence.of(JudgeSymbol.LEDGER_MISS, "<" + ids.get(0) + "> was not sent by us recently"));
    }

    private Optional<JudgeEvidence> roleRecipient(Envelope envelope) {
        String rcpt = envelope.firstRecipient();
        if (rcpt.isEmpty()) return Optional.empty();
        String untagged = BatvAddress.parse(rcpt).original();
        String local = Addresses.localPart(untagged).toLowerCase(Locale.ROOT);
        int plus = local.indexOf('+');
        if (plus > 0) local = local.substring(0, plus);
        if (!us.roleLocalParts().contains(local)) return Optional.empty();
        return Optional.of(JudgeEvidence.of(JudgeSymbol.ROLE_RECIPIENT, untagged + " never sends mail, so gets no genuine answers"));
    }

    private Optional<JudgeEvidence> relay(QuotedOriginal original, ParsedMessage message) {
        if (relays.isEmpty()) return Optional.empty();
        Optional<String> hit = relays.matchValues(original.received());
        if (hit.isEmpty()) hit = relays.matchText(message.body());
        return hit.map(h -> JudgeEvidence.of(JudgeSymbol.RELAY_QUOTED,
                "our relay " + h + " quoted in the original's Received lines (weak: host names can be copied)"));
    }

    private Optional<JudgeEvidence> originalFrom(QuotedOriginal original) {
        if (us.domains().isEmpty()) return Optional.empty();
        String from = Addresses.extract(original.from());
        if (from.isEmpty()) return Optional.empty();
        if (us.isOurDomain(Addresses.domain(from))) {
            return Optional.of(JudgeEvidence.of(JudgeSymbol.ORIGINAL_FROM_OUR_DOMAIN, "original From " + from + " (forgeable)"));
        }
        return Optional.of(JudgeEvidence.of(JudgeSymbol.ORIGINAL_FROM_OTHER_DOMAIN, "original From " + from + " is not ours"));
    }

    /** Applies the rules in the class comment; the deciding evidence goes first. */
    private BackscatterVerdict decide(List<JudgeEvidence> found) {
        for (JudgeSymbol rule : List.of(JudgeSymbol.NULL_SENDER_MULTI_RCPT, JudgeSymbol.BATV_VALID, JudgeSymbol.BATV_INVALID,
                JudgeSymbol.BATV_EXPIRED, JudgeSymbol.LEDGER_HIT, JudgeSymbol.ROLE_RECIPIENT)) {
            Optional<JudgeEvidence> e = find(found, rule);
            if (e.isPresent()) return verdict(rule.leaning() == JudgeSymbol.Leaning.BACKSCATTER, e.get(), found);
        }
        Optional<JudgeEvidence> relay = find(found, JudgeSymbol.RELAY_QUOTED);
        if (relay.isPresent() && us.weakRelayIsOurs()) return verdict(false, relay.get(), found);
        found.add(0, JudgeEvidence.of(JudgeSymbol.NO_EVIDENCE, relay.isPresent()
                ? "only weak evidence (our relay quoted) that this answers mail we sent"
                : "nothing shows this answers mail we sent"));
        return new BackscatterVerdict(true, found);
    }

    private static BackscatterVerdict verdict(boolean backscatter, JudgeEvidence decisive, List<JudgeEvidence> found) {
        List<JudgeEvidence> ordered = new ArrayList<>(found.size());
        ordered.add(decisive);
        for (JudgeEvidence e : found) {
            if (e != decisive) ordered.add(e);
        }
        return new BackscatterVerdict(backscatter, ordered);
    }

    private static Optional<JudgeEvidence> find(List<JudgeEvidence> found, JudgeSymbol symbol) {
        for (JudgeEvidence e : found) {
            if (e.symbol() == symbol) return Optional.of(e);
        }
        return Optional.empty();
    }
}
