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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the command line in-process on the example inbox shipped with the repository. */
class ScanCommandTest {
    private static final Path EXAMPLES = Path.of("../examples");
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;
    private InputStream savedIn;

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

    private List<JsonNode> records() throws Exception {
        ObjectMapper m = new ObjectMapper();
        List<JsonNode> list = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) list.add(m.readTree(line));
        }
        return list;
    }

    @Test
    void scansTheExampleInboxAndFindsTheBackscatter() throws Exception {
        int rc = run("scan", "--format", "jsonl", "--no-progress", "--our-domain", "example.com",
                "--relay", "out.mx.example.com", "--ledger", EXAMPLES.resolve("sent-message-ids.txt").toString(),
                EXAMPLES.resolve("mail").toString());
        assertThat(rc).isZero();
        List<JsonNode> recs = records();
        assertThat(recs).hasSize(9);
        assertThat(recs).allSatisfy(r -> assertThat(r.has("path") && r.has("category") && r.has("backscatter")
                && r.has("evidence") && r.has("recipients") && r.has("reportingMta") && r.has("original")
                && r.has("errors")).isTrue());
        assertThat(recs).extracting(r -> r.get("path").asText().replaceAll(".*/", "") + "=" + r.get("category").asText()
                        + "/" + r.get("backscatter").asBoolean())
                .containsExactly(
                        "01-forged-bounce-postfix.eml=dsn/true",
                        "02-genuine-bounce-exim.eml=dsn/false",
                        "03-forged-autoreply.eml=autoreply/true",
                        "04-forged-challenge.eml=challenge-response/true",
                        "05-forged-virus-notice.eml=virus-notice/true",
                        "06-forged-bounce-copies-our-relay.eml=dsn/true",
                        "07-forged-subscription-confirm.eml=subscription-confirm/true",
                        "08-newsletter.eml=ordinary/false",
                        "09-feedback-report.eml=feedback-report/false");
        JsonNode genuine = recs.get(1);
        assertThat(genuine.get("recipients").get(0).get("recipient").asText()).isEqualTo("bobb@partner.example.org");
        assertThat(genuine.get("recipients").get(0).get("status").asText()).isEqualTo("5.1.1");
        assertThat(genuine.get("original").get("messageId").asText()).isEqualTo("<20261120093011.4F2A1@out.mx.example.com>");
    }

    @Test
    void summaryCountsBackscatter() {
        int rc = run("scan", "--format", "summary", EXAMPLES.resolve("mail").toString());
        assertThat(rc).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("9 message(s) scanned").contains("dsn").contains("Top forged senders");
    }

    @Test
    void missingPathIsAClearErrorWithNonZeroExit() {
        int rc = run("scan", "--format", "jsonl", "/no/such/dir");
        assertThat(rc).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("/no/such/dir: no such file or directory");
    }

    @Test
    void readsStdinAndMboxFiles(@TempDir Path dir) throws Exception {
        Path mbox = dir.resolve("trap.mbox");
        String one = Files.readString(EXAMPLES.resolve("mail/03-forged-autoreply.eml"));
        String two = Files.readString(EXAMPLES.resolve("mail/08-newsletter.eml"));
        Files.writeString(mbox, "From MAILER-DAEMON Sat Nov 21 07:02:10 2026\n" + one + "\n"
                + "From news@news.example.org Sat Nov 21 08:00:00 2026\n" + two.replace("\nThis month", "\n>From the editor:\nThis month"));
        System.setIn(new ByteArrayInputStream(Files.readAllBytes(EXAMPLES.resolve("mail/05-forged-virus-notice.eml"))));
        int rc = run("scan", "--format", "jsonl", "-", mbox.toString());
        assertThat(rc).isZero();
        assertThat(records()).extracting(r -> r.get("path").asText().replaceAll(".*/", "") + "=" + r.get("category").asText())
                .containsExactly("-=virus-notice", "trap.mbox#1=autoreply", "trap.mbox#2=ordinary");
    }

    @Test
    void maildirTmpIsSkippedAndUnreadableMessagesStillGetARecord(@TempDir Path dir) throws Exception {
        Path md = dir.resolve("Maildir");
        for (String sub : List.of("cur", "new", "tmp")) Files.createDirectories(md.resolve(sub));
        Files.copy(EXAMPLES.resolve("mail/01-forged-bounce-postfix.eml"), md.resolve("new/1.host"));
        Files.copy(EXAMPLES.resolve("mail/08-newsletter.eml"), md.resolve("cur/2.host:2,S"));
        Files.writeString(md.resolve("tmp/3.host"), "being delivered");
        int rc = run("scan", "--format", "jsonl", md.toString());
        assertThat(rc).isZero();
        assertThat(records()).extracting(r -> r.get("path").asText().replaceAll(".*Maildir/", ""))
                .containsExactly("cur/2.host:2,S", "new/1.host");
    }

    @Test
    void explainSaysWhatTheMessageIs() {
        int rc = run("explain", "--ledger", EXAMPLES.resolve("sent-message-ids.txt").toString(),
                EXAMPLES.resolve("mail/02-genuine-bounce-exim.eml").toString());
        assertThat(rc).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("a delivery status notification")
                .contains("bobb@partner.example.org")
                .contains("Backscatter? No")
                .contains("LEDGER_HIT");
    }

    @Test
    void batvSignsAndVerifiesThePrimerVector() {
        assertThat(run("batv", "verify", "--batv-key", "1:batv-test-key", "prvs=1123acc2b2=alice@example.com")).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("expired"); // day 123 is long past: signature good, date not
        out.reset();
        assertThat(run("batv", "sign", "--batv-key", "1:k", "bob@example.org")).isZero();
        String signed = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(signed).matches("prvs=1\\d{3}[0-9a-f]{6}=bob@example.org");
        out.reset();
        assertThat(run("batv", "verify", "--batv-key", "1:k", signed)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("valid");
        assertThat(run("batv", "verify", "--batv-key", "1:other", signed)).isEqualTo(1);
    }
}
