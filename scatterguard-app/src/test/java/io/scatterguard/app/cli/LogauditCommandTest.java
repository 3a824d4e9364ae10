package io.scatterguard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scatterguard.app.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scatterguard logaudit} in-process: formats, exit status, and what it says about bad input. */
class LogauditCommandTest {
    /** One accept-then-bounce as Postfix logs it: outside client, unknown local user, the bounce goes out. */
    private static final String LOG = String.join("\n",
            "2026-11-20T10:00:01+01:00 mx postfix/smtpd[1]: 3F2A11A0: client=mail.spammer.example[198.51.100.7]",
            "2026-11-20T10:00:01+01:00 mx postfix/qmgr[2]: 3F2A11A0: from=<victim@forged.example>, size=2210, nrcpt=1 (queue active)",
            "2026-11-20T10:00:01+01:00 mx postfix/local[3]: 3F2A11A0: to=<nosuch@example.com>, relay=local, delay=0.5, delays=0.4/0/0/0.1, dsn=5.1.1, status=bounced (unknown user: \"nosuch\")",
            "2026-11-20T10:00:01+01:00 mx postfix/bounce[4]: 3F2A11A0: sender non-delivery notification: 3F4B22B1",
            "2026-11-20T10:00:01+01:00 mx postfix/qmgr[2]: 3F4B22B1: from=<>, size=4100, nrcpt=1 (queue active)",
            "2026-11-20T10:00:01+01:00 mx postfix/qmgr[2]: 3F2A11A0: removed",
            "2026-11-20T10:00:02+01:00 mx postfix/smtp[5]: 3F4B22B1: to=<victim@forged.example>, relay=mx.forged.example[203.0.113.25]:25, delay=0.4, delays=0/0/0.2/0.2, dsn=2.0.0, status=sent (250 2.0.0 Ok)",
            "2026-11-20T10:00:02+01:00 mx postfix/qmgr[2]: 3F4B22B1: removed", "");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;
    private InputStream savedIn;

    @TempDir
    Path dir;

    @BeforeEach
    void capture() {
        savedOut = System.out;
        savedErr = System.err;
        savedIn = System.in;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
        System.setIn(savedIn);
    }

    private int run(String... args) {
        return Main.commandLine().execute(args);
    }

    @Test
    void jsonForScriptsAndExitOneForBackscatter() throws Exception {
        Path log = Files.writeString(dir.resolve("mail.log"), LOG);
        int rc = run("logaudit", "--format", "json", "--timezone", "Europe/Berlin", log.toString());
        assertThat(rc).isEqualTo(1);
        JsonNode j = new ObjectMapper().readTree(out.toByteArray());
        assertThat(j.get("verdict").asText()).isEqualTo("backscatter");
        assertThat(j.at("/notifications/acceptThenBounce").asInt()).isEqualTo(1);
        assertThat(j.at("/period/zone").asText()).isEqualTo("Europe/Berlin");
        assertThat(j.at("/advice/1/id").asText()).isEqualTo("postfix-local-recipient-maps");
    }

    @Test
    void textFromStdin() {
        System.setIn(new ByteArrayInputStream(LOG.getBytes(StandardCharsets.UTF_8)));
        int rc = run("logaudit", "-");
        assertThat(rc).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Verdict: this server sends backscatter")
                .contains("forged.example").contains("local_recipient_maps");
    }

    @Test
    void internalNetworksTurnTheSameLogClean() throws Exception {
        Path log = Files.writeString(dir.resolve("mail.log"), LOG);
        assertThat(run("logaudit", "--internal-net", "198.51.100.0/24", log.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Verdict: no backscatter");
    }

    @Test
    void noMailLogIsInconclusive() throws Exception {
        Path log = Files.writeString(dir.resolve("other.log"), "just some text\n");
        assertThat(run("logaudit", log.toString())).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("no Postfix, Exim or Sendmail log lines found");
    }

    @Test
    void badInputIsAClearErrorWithExitThree() {
        assertThat(run("logaudit", dir.resolve("missing.log").toString())).isEqualTo(3);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("missing.log: no such file");
        assertThat(run("logaudit", "--internal-net", "10.0.0.0/99", "-")).isEqualTo(3);
        assertThat(run("logaudit", "--format", "xml", "-")).isEqualTo(3);
        assertThat(run("logaudit", "--timezone", "Mars/Olympus", "-")).isEqualTo(3);
        assertThat(run("logaudit")).isEqualTo(3); // no FILE: picocli's usage error
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("prefix length out of range").contains("text or json")
                .contains("unknown zone").contains("Missing required parameter");
    }
}
