package io.scatterguard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.app.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's main command: the whole scenario over real SMTP on loopback. */
class DemoCommandTest {
    @Test
    @Timeout(60)
    void demoRefusesTheBackscatterAndDeliversTheRest() {
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int rc;
        try {
            rc = Main.commandLine().execute("demo");
        } finally {
            System.setOut(saved);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(rc).isZero();
        assertThat(text)
                .contains("550 5.1.1 <nobdy@example.com>: Recipient address rejected: User unknown")
                .contains("550 5.7.1 This dsn does not answer mail we sent")
                .contains("550 5.7.1 This autoreply does not answer mail we sent")
                .contains("Bounces have one recipient")
                .contains("550 5.6.0 Error: bare CR or LF in message data")
                .contains("Delivered: 2 message(s). Refusals given during the SMTP transaction: 6. Bounces sent by us: 0.");
    }
}
