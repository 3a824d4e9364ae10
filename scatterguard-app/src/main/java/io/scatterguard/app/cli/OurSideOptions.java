package io.scatterguard.app.cli;

import io.scatterguard.mail.MessageAnalyzer;
import java.nio.file.Path;
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

    @Option(names = "--relay", paramLabel = "GLOB", description = "Host-name glob of our outbound relays, e.g. *.mx.example.com (repeatable). Weak evidence: forgeable.")
    List<String> relays = new ArrayList<>();

    @Mixin
    BatvOptions batv;

    @Option(names = "--ledger", paramLabel = "FILE", description = "File of Message-IDs we sent, one per line.")
    Path ledger;

    @Option(names = "--trust-relay-evidence", description = "Count our relay quoted in a report as proof it is ours (forgeable; off by default).")
    boolean trustRelays;

    MessageAnalyzer analyzer() {
        return new MessageAnalyzer();
    }
}
