package io.scatterguard.app.cli;

import io.scatterguard.mail.batv.BatvResult;
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

    @Command(name = "sign", mixinStandardHelpOptions = true, description = "Print the BATV-signed form of each address.")
    static final class Sign implements Callable<Integer> {
        @Mixin
        BatvOptions batv;

        @Parameters(arity = "1..*", paramLabel = "ADDRESS")
        List<String> addresses;

        @Override
        public Integer call() {
            var signer = batv.signer();
            if (signer == null) return 2;
            int rc = 0;
            for (String a : addresses) {
                if (!signer.canSign(a)) {
                    System.err.println("scatterguard batv sign: " + a + ": not signable (null sender, already tagged, SRS, or not an address)");
                    rc = 1;
                    continue;
                }
                System.out.println(signer.sign(a));
            }
            return rc;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check the BATV tag of each address; exit 0 only if all are valid.")
    static final class Verify implements Callable<Integer> {
        @Mixin
        BatvOptions batv;

        @Parameters(arity = "1..*", paramLabel = "ADDRESS")
        List<String> addresses;

        @Override
        public Integer call() {
            var verifier = batv.verifier();
            if (verifier == null) return 2;
            int rc = 0;
            for (String a : addresses) {
                BatvResult r = verifier.verify(a);
                System.out.println(a + "\t" + r.status().name().toLowerCase(java.util.Locale.ROOT) + "\t" + r.original()
                        + (r.detail().isEmpty() ? "" : "\t" + r.detail()));
                if (!r.isValid()) rc = 1;
            }
            return rc;
        }
    }
}
