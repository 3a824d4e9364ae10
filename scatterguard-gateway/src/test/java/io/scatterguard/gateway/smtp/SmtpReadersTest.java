package io.scatterguard.gateway.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SmtpReadersTest {
    private static SmtpLineReader reader(String wire) {
        return new SmtpLineReader(new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1)), 512);
    }

    @Test
    void commandLinesEndOnlyAtCrlf() throws IOException {
        SmtpLineReader r = reader("EHLO a\r\nMAIL FROM:<x@y>\nRCPT TO:<z@w>\rDATA\r\nNOOP\r\n");
        assertThat(r.readLine()).isEqualTo(new SmtpLineReader.Line("EHLO a", SmtpLineReader.Line.Problem.NONE));
        assertThat(r.readLine().problem()).isEqualTo(SmtpLineReader.Line.Problem.BARE_LF);
        SmtpLineReader.Line withCr = r.readLine();
        assertThat(withCr.problem()).isEqualTo(SmtpLineReader.Line.Problem.BARE_CR);
        assertThat(withCr.text()).isEqualTo("RCPT TO:<z@w>DATA"); // never split into two commands
        assertThat(r.readLine().text()).isEqualTo("NOOP");
        assertThat(r.readLine()).isNull();
    }

    @Test
    void overlongLinesAreConsumedAndFlagged() throws IOException {
        SmtpLineReader r = reader("X".repeat(2000) + "\r\nQUIT\r\n");
        assertThat(r.readLine().problem()).isEqualTo(SmtpLineReader.Line.Problem.TOO_LONG);
        assertThat(r.readLine().text()).isEqualTo("QUIT");
    }

    @Test
    void discardsPipelinedPlaintextAfterStarttls() throws IOException {
        SmtpLineReader r = reader("STARTTLS\r\nRSET\r\nMAIL FROM:<evil@example>\r\n");
        assertThat(r.readLine().text()).isEqualTo("STARTTLS");
        assertThat(r.hasBufferedInput()).isTrue();
        assertThat(r.discardBuffered()).isPositive();
        assertThat(r.readLine()).isNull();
    }

    private static String data(String wire, long max, SmtpDataReader.Result[] result) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SmtpLineReader r = reader(wire);
        result[0] = SmtpDataReader.read(r, out, max);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void undoesDotStuffingAndEndsAtCrlfDotCrlf() throws IOException {
        SmtpDataReader.Result[] res = new SmtpDataReader.Result[1];
        String body = data("Subject: x\r\n\r\n..leading dot\r\n.\r\nQUIT\r\n", 1000, res);
        assertThat(body).isEqualTo("Subject: x\r\n\r\n.leading dot\r\n");
        assertThat(res[0]).isEqualTo(new SmtpDataReader.Result(body.length(), false, false, true));
    }

    /**
     * The smuggling class: none of these may end the message; all of them taint it, and nothing from
     * the tainted line on reaches the sink (in proxy mode, a backend that might read them as ends).
     */
    @ParameterizedTest
    @CsvSource({"\\n.\\n", "\\r.\\r", "\\r\\n.\\n", "\\n.\\r\\n", "\\r.\\r\\n", "\\r\\n.\\r"})
    void smugglingSequencesNeverEndTheMessage(String marker) throws IOException {
        String m = marker.replace("\\r", "\r").replace("\\n", "\n");
        String wire = "Subject: one\r\n\r\nhello" + m + "MAIL FROM:<evil@example>\r\nRCPT TO:<victim@example>\r\nDATA\r\n"
                + "Subject: smuggled\r\n\r\nbody\r\n.\r\n";
        SmtpDataReader.Result[] res = new SmtpDataReader.Result[1];
        String body = data(wire, 10_000, res);
        assertThat(res[0].complete()).isTrue();
        assertThat(res[0].bareCrOrLf()).isTrue();
        // one message, which the session refuses; only clean lines before the taint were passed on
        assertThat(body).isIn("Subject: one\r\n\r\n", "Subject: one\r\n\r\nhello\r\n");
        assertThat(res[0].bytes()).isGreaterThan(body.length()); // the rest was read to the real end
    }

    @Test
    void oversizeIsMeasuredButNotStored() throws IOException {
        SmtpDataReader.Result[] res = new SmtpDataReader.Result[1];
        String body = data("a".repeat(100) + "\r\n" + "b".repeat(100) + "\r\n.\r\n", 150, res);
        assertThat(res[0].tooBig()).isTrue();
        assertThat(res[0].complete()).isTrue();
        assertThat(body).hasSizeLessThanOrEqualTo(150);
    }

    @Test
    void connectionLossBeforeTheEndIsIncomplete() throws IOException {
        SmtpDataReader.Result[] res = new SmtpDataReader.Result[1];
        data("Subject: cut\r\n\r\npartial", 1000, res);
        assertThat(res[0].complete()).isFalse();
    }
}
