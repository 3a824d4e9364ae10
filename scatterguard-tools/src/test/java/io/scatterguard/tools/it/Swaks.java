package io.scatterguard.tools.it;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Sends test mail with swaks, the way an operator would by hand. */
final class Swaks {
    private Swaks() {}

    static Path path() {
        return RealServers.require("swaks", "swaks");
    }

    /** Runs swaks with these arguments; returns its transcript, failing the test when it does not finish. */
    static String send(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(path().toString(), "--timeout", "30"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("swaks did not finish: " + out);
        }
        return out;
    }
}
