package io.scatterguard.app.cli;

import io.scatterguard.mail.batv.BatvAddress;
import io.scatterguard.mail.batv.BatvKeyring;
import io.scatterguard.mail.batv.BatvSigner;
import io.scatterguard.mail.batv.BatvVerifier;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** BATV keys and settings given on the command line, shared by {@code batv} and the judge options. */
public final class BatvOptions {
    @Option(names = "--batv-key", paramLabel = "N:SECRET",
            description = "A BATV key with its number 0-9, e.g. 1:s3cr3t (repeatable; the highest number signs unless --batv-current is given).")
    List<String> keys = new ArrayList<>();

    @Option(names = "--batv-current", paramLabel = "N", description = "Key number used for signing.")
    Integer current;

    @Option(names = "--batv-lifetime-days", paramLabel = "DAYS", defaultValue = "7",
            description = "Tag lifetime in days (default: ${DEFAULT-VALUE}).")
    int lifetimeDays;

    @Option(names = "--batv-subaddress", description = "Sign in the sub-address form local+prvs=TAG@domain.")
    boolean subaddress;

    /** The keyring, or null after printing why it cannot be built. */
    BatvKeyring keyring(String command) {
        if (keys.isEmpty()) return null;
        BatvKeyring.Builder b = BatvKeyring.builder();
        int highest = -1;
        for (String k : keys) {
            int colon = k.indexOf(':');
            if (colon != 1 || !Character.isDigit(k.charAt(0)) || k.length() < 3) {
                System.err.println("scatterguard " + command + ": --batv-key must look like N:SECRET with N a digit 0-9, got '"
                        + (colon > 0 ? k.substring(0, colon) + ":…" : "…") + "'");
                return null;
            }
            int n = k.charAt(0) - '0';
            b.key(n, k.substring(2));
            highest = Math.max(highest, n);
        }
        b.current(current != null ? current : highest);
        try {
            return b.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("scatterguard " + command + ": " + e.getMessage());
            return null;
        }
    }

    boolean configured() {
        return !keys.isEmpty();
    }

    BatvSigner signer() {
        BatvKeyring k = requireKeyring("batv sign");
        if (k == null) return null;
        return new BatvSigner(k, lifetimeDays, subaddress ? BatvAddress.Form.SUBADDRESS : BatvAddress.Form.PREFIX, Clock.systemUTC());
    }

    BatvVerifier verifier() {
        BatvKeyring k = requireKeyring("batv verify");
        return k == null ? null : new BatvVerifier(k, lifetimeDays, Clock.systemUTC());
    }

    private BatvKeyring requireKeyring(String command) {
        if (keys.isEmpty()) {
            System.err.println("scatterguard " + command + ": give at least one --batv-key N:SECRET");
            return null;
        }
        return keyring(command);
    }
}
