package io.scatterguard.gateway.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Helpers for integration tests that start real servers. A missing server fails the test in CI
 * (where .ci/run installs it) and skips it loudly on a developer's machine.
 */
public final class RealServers {
    private RealServers() {}

    public static Path require(String program, String debianPackage) {
        for (String dir : new String[] {"/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"}) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) return p;
        }
        String msg = program + " is not installed (Debian: apt-get install -y " + debianPackage + ")";
        if ("true".equals(System.getenv("CI"))) Assertions.fail(msg + "; .ci/run should have installed it");
        System.err.println("\n*** SKIPPED: " + msg + " ***\n");
        Assumptions.abort(msg);
        return null;
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
