package io.scatterguard.app.cli;

import io.scatterguard.mail.batv.BatvResult;
import io.scatterguard.mail.batv.BatvSigner;
import io.scatterguard.mail.batv.BatvVerifier;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code scatterguard batv sign|verify}: tag envelope senders and check tags on bounce recipients. */
@Command(name = "batv", mixinStandardHelpOptions = true,
        description = "Sign or verify BATV (prvs=) envelope addresses.",
        subcommands = {BatvCommand.Sign.class, BatvCommand.Verify.class})
public final class BatvCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    /** Runs one action per address; exit 0 when all succeed, 1 when one did not, 2 without usable keys. */
    abstract static class PerAddress implements Callable<Integer> {
        @Mixin
        BatvOptions batv;

        @Parameters(arity = "1..*", paramLabel = "ADDRESS")
        List<String> addresses;

        /** Prepares the signer/verifier; false (after saying why) when the keys are unusable. */
        abstract boolean prepare();

        /** Handles one address; false when it failed. */
        abstract boolean handle(String address);

        @Override
        public Integer call() {
            if (!prepare()) return 2;
            int rc = 0;
            for (String a : addresses) {
                if (!handle(a)) rc = 1;
            }
            return rc;
        }
    }

    @Command(name = "sign", mixinStandardHelpOptions = true, description = "Print the BATV-signed form of each address.")
    static final class Sign extends PerAddress {
        private BatvSigner signer;

        @Override
        boolean prepare() {
            signer = batv.signer();
            return signer != null;
        }

        @Override
        boolean handle(String a) {
            if (!signer.canSign(a)) {
                System.err.println("scatterguard batv sign: " + a + ": not signable (null sender, already tagged, SRS, or not an address)");
                return false;
            }
            System.out.println(signer.sign(a));
            return true;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check the BATV tag of each address; exit 0 only if all are valid.")
    static final class Verify extends PerAddress {
        private BatvVerifier verifier;

        @Override
        boolean prepare() {
            verifier = batv.verifier();
            return verifier != null;
        }

        @Override
        boolean handle(String a) {
            BatvResult r = verifier.verify(a);
            System.out.println(a + "\t" + r.status().name().toLowerCase(java.util.Locale.ROOT) + "\t" + r.original()
                    + (r.detail().isEmpty() ? "" : "\t" + r.detail()));
            return r.isValid();
        }
    }
}
