package io.scatterguard.mail.verdict;

import io.scatterguard.mail.batv.BatvAddress;
import io.scatterguard.mail.batv.BatvResult;
import io.scatterguard.mail.batv.BatvVerifier;
import io.scatterguard.mail.model.Addresses;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Looks for a BATV tag where a bounce of our mail would carry one and turns the check into
 * evidence: on the envelope recipient (SMTP), or, in file scans, on the recipient headers and on the
 * quoted original's Return-Path (which is the envelope sender we signed). The first tagged candidate
 * is the one judged.
 */
final class BatvCheck {
    private BatvCheck() {}

    /** The addresses to look at, most trusted first. */
    static List<String> candidates(Envelope envelope, QuotedOriginal original) {
        List<String> out = new ArrayList<>(envelope.recipients());
        if (envelope.source() == Envelope.Source.HEADERS) {
            String rp = Addresses.extract(original.returnPath());
            if (!rp.isEmpty()) out.add(rp);
        }
        return out;
    }

    /** Evidence about the tag, or empty when there is nothing to say. */
    static Optional<JudgeEvidence> evidence(List<String> candidates, OurSide us) {
        Optional<BatvAddress> tagged = firstTagged(candidates);
        if (tagged.isEmpty()) return missing(candidates, us);
        BatvAddress a = tagged.get();
        if (us.batv().isEmpty()) {
            return Optional.of(JudgeEvidence.of(JudgeSymbol.BATV_FOREIGN, a.address() + ": " + a.scheme()
                    + " tag, not checked (no BATV keys configured)"));
        }
        BatvResult r = us.batv().get().verify(a.address());
        return Optional.of(switch (r.status()) {
            case VALID -> JudgeEvidence.of(JudgeSymbol.BATV_VALID, a.address() + ": " + r.detail());
            case EXPIRED -> JudgeEvidence.of(JudgeSymbol.BATV_EXPIRED, a.address() + ": " + r.detail());
            case BAD_SIGNATURE, UNKNOWN_KEY, MALFORMED ->
                    JudgeEvidence.of(JudgeSymbol.BATV_INVALID, a.address() + ": " + r.detail());
            case FOREIGN_TAG, NOT_TAGGED -> JudgeEvidence.of(JudgeSymbol.BATV_FOREIGN, a.address() + ": " + r.detail());
        });
    }

    private static Optional<BatvAddress> firstTagged(List<String> candidates) {
        for (String c : candidates) {
            BatvAddress a = BatvAddress.parse(c);
            if (a.isTagged()) return Optional.of(a);
        }
        return Optional.empty();
    }

    /** We sign, so a recipient at our domain without a tag did not come from our signer. */
    private static Optional<JudgeEvidence> missing(List<String> candidates, OurSide us) {
        if (us.batv().isEmpty() || candidates.isEmpty()) return Optional.empty();
        String rcpt = candidates.get(0);
        if (!us.domains().isEmpty() && !us.isOurDomain(Addresses.domain(rcpt))) return Optional.empty();
        return Optional.of(JudgeEvidence.of(JudgeSymbol.BATV_MISSING, rcpt + " carries no BATV tag although we sign"));
    }
}
