package io.scatterguard.app.cli;

import io.scatterguard.mail.MessageAnalyzer;
import io.scatterguard.mail.batv.BatvKeyring;
import io.scatterguard.mail.batv.BatvVerifier;
import io.scatterguard.mail.verdict.OutboundLedger;
import io.scatterguard.mail.verdict.OurSide;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Options that describe "us" — what the backscatter judge needs to tell a report about mail we
 * sent from one about mail a spammer sent in our name.
 */
public final class OurSideOptions {
    @Option(names = "--our-domain", paramLabel = "DOMAIN", description = "A domain we send mail from (repeatable).")
    List<String> domains = new ArrayList<>();

    @Option(names = "--relay", paramLabel = "GLOB",
            description = "Host-name glob of our outbound relays, e.g. *.mx.example.com (repeatable). Weak evidence: forgeable.")
    List<String> relays = new ArrayList<>();

    @Mixin
    BatvOptions batv;

    @Option(names = "--ledger", paramLabel = "FILE",
            description = "File of Message-IDs we sent, one per line (blank lines and # comments ignored).")
    Path ledger;

    @Option(names = "--trust-relay-evidence",
            description = "Count our relay quoted in a report as proof it is ours (forgeable; off by default).")
    boolean trustRelays;

    /** The analyzer for these options; throws {@link IllegalArgumentException} with a user-facing message. */
    MessageAnalyzer analyzer() {
        OurSide.Builder us = OurSide.builder().domains(domains).relayGlobs(relays).weakRelayIsOurs(trustRelays);
        if (batv.configured()) {
            BatvKeyring keys = batv.keyring("scan");
            if (keys == null) throw new IllegalArgumentException("invalid --batv-key");
            us.batv(new BatvVerifier(keys, batv.lifetimeDays, Clock.systemUTC()));
        }
        if (ledger != null) us.ledger(loadLedger(ledger));
        return new MessageAnalyzer(us.build());
    }

    private static OutboundLedger loadLedger(Path file) {
        try (var lines = Files.lines(file)) {
            return OutboundLedger.of(lines.map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList());
        } catch (IOException | java.io.UncheckedIOException e) {
            IOException io = e instanceof IOException x ? x : ((java.io.UncheckedIOException) e).getCause();
            throw new IllegalArgumentException("--ledger " + file + ": " + ScanCommand.describe(io));
        }
    }
}
