package io.scatterguard.mail.verdict;

import io.scatterguard.mail.batv.BatvVerifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the backscatter judge knows about us: which domains are ours, which hosts relay our
 * outbound mail, how to check BATV tags and which Message-IDs we sent.
 *
 * @param domains          our mail domains, lower-case; sub-domains count as ours
 * @param relayGlobs       host-name globs of our outbound relays ({@code *.mx.example.com},
 *                         {@code out?.example.com}, {@code 192.0.2.*}), matched case-insensitively
 * @param batv             the verifier for our BATV tags, when we sign outbound mail
 * @param ledger           our recent outbound Message-IDs, when kept
 * @param weakRelayIsOurs  whether our relay quoted in the original (forgeable) is enough to call a
 *                         message ours; default false
 * @param roleLocalParts   local parts (lower-case) of addresses that never send mail, so never get
 *                         genuine bounces; default {@link #DEFAULT_ROLE_LOCAL_PARTS}
 */
public record OurSide(
        Set<String> domains,
        List<String> relayGlobs,
        Optional<BatvVerifier> batv,
        Optional<OutboundLedger> ledger,
        boolean weakRelayIsOurs,
        Set<String> roleLocalParts) {

    /** Addresses that only receive (reports) or refuse answers: a bounce to them cannot be genuine. */
    public static final Set<String> DEFAULT_ROLE_LOCAL_PARTS = Set.of(
            "no-reply", "noreply", "no_reply", "do-not-reply", "donotreply", "do_not_reply", "do.not.reply",
            "dmarc-reports", "dmarc_reports", "dmarcreports", "dmarc-rua", "dmarc-ruf", "dmarc",
            "tls-reports", "tlsrpt");

    public OurSide {
        domains = lowerSet(domains);
        relayGlobs = List.copyOf(relayGlobs);
        Objects.requireNonNull(batv, "batv");
        Objects.requireNonNull(ledger, "ledger");
        roleLocalParts = lowerSet(roleLocalParts);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether {@code domain} is one of ours or a sub-domain of one. */
    public boolean isOurDomain(String domain) {
        if (domain == null || domain.isEmpty()) return false;
        String d = domain.toLowerCase(Locale.ROOT);
        if (d.endsWith(".")) d = d.substring(0, d.length() - 1);
        for (String ours : domains) {
            if (d.equals(ours) || (d.endsWith(ours) && d.charAt(d.length() - ours.length() - 1) == '.')) return true;
        }
        return false;
    }

    private static Set<String> lowerSet(Collection<String> in) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : in) {
            String t = s.strip().toLowerCase(Locale.ROOT);
            if (!t.isEmpty()) out.add(t);
        }
        return Set.copyOf(out);
    }

    /** Settings-friendly construction; everything is optional. */
    public static final class Builder {
        private final Set<String> domains = new LinkedHashSet<>();
        private final List<String> relayGlobs = new ArrayList<>();
        private BatvVerifier batv;
        private OutboundLedger ledger;
        private boolean weakRelayIsOurs;
        private Set<String> roleLocalParts = DEFAULT_ROLE_LOCAL_PARTS;

        public Builder domains(Collection<String> d) { domains.addAll(d); return this; }
        public Builder domain(String d) { domains.add(d); return this; }
        public Builder relayGlobs(Collection<String> g) { relayGlobs.addAll(g); return this; }
        public Builder relayGlob(String g) { relayGlobs.add(g); return this; }
        public Builder batv(BatvVerifier v) { batv = v; return this; }
        public Builder ledger(OutboundLedger l) { ledger = l; return this; }
        public Builder weakRelayIsOurs(boolean b) { weakRelayIsOurs = b; return this; }
        public Builder roleLocalParts(Collection<String> r) { roleLocalParts = Set.copyOf(r); return this; }

        public OurSide build() {
            return new OurSide(domains, relayGlobs, Optional.ofNullable(batv), Optional.ofNullable(ledger),
                    weakRelayIsOurs, roleLocalParts);
        }
    }
}
