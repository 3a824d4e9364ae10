package io.scatterguard.console.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Starts the Debian packages' headless Chromium under its chromedriver for browser tests. A missing
 * browser fails the test in CI (where .ci/run installs it) and skips it loudly on a developer's
 * machine. The flags keep Chromium off the network (the test machines have none): without them it
 * waits on update, sync and QUIC attempts.
 */
final class Browsers {
    private Browsers() {}

    static Path require(String program, String debianPackage) {
        for (String dir : new String[] {"/usr/bin", "/usr/local/bin", "/usr/lib/chromium"}) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) return p;
        }
        String msg = program + " is not installed (Debian: apt-get install -y " + debianPackage + ")";
        if ("true".equals(System.getenv("CI"))) Assertions.fail(msg + "; .ci/run should have installed it");
        System.err.println("\n*** SKIPPED: " + msg + " ***\n");
        Assumptions.abort(msg);
        return null;
    }

    /** A fresh headless Chromium with its own profile directory, a 1440×1000 window and its console log kept. */
    static ChromeDriver chromium(Path profile) throws IOException {
        Path browser = require("chromium", "chromium");
        Path driver = require("chromedriver", "chromium-driver");
        Files.createDirectories(profile);
        ChromeOptions o = new ChromeOptions();
        o.setBinary(browser.toFile());
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1440,1000", "--user-data-dir=" + profile.toAbsolutePath());
        o.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                .usingAnyFreePort().withTimeout(Duration.ofSeconds(60)).build();
        return new ChromeDriver(service, o);
    }
}
