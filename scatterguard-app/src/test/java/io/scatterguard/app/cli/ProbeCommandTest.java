package io.scatterguard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scatterguard.app.Main;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code scatterguard probe} in-process against a tiny server on loopback: options, formats, exit status. */
@Timeout(30)
class ProbeCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;
    private ServerSocket server;
    private final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void capture() {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() throws Exception {
        System.setOut(savedOut);
        System.setErr(savedErr);
        if (server != null) server.close();
    }

    /** A server that answers RCPT for unknown recipients with {@code rcptReply} and everything else with 250. */
    private int serve(String rcptReply) throws Exception {
        server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            try (Socket s = server.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream o = s.getOutputStream();
                o.write("220 mx.example.com ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
                String line;
                while ((line = in.readLine()) != null) {
                    received.add(line);
                    String reply = line.startsWith("RCPT TO:<sg-probe-") ? rcptReply : line.equals("QUIT") ? "221 Bye" : "250 Ok";
                    o.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    if (line.equals("QUIT")) break;
                }
            } catch (Exception e) {
                // the test sees what the client made of it
            }
        });
        t.setDaemon(true);
        t.start();
        return server.getLocalPort();
    }

    private int run(String... args) {
        return Main.commandLine().execute(args);
    }

    @Test
    void rejectsUnknownIsExitZeroWithTheTranscript() throws Exception {
        int port = serve("550 5.1.1 <x>: Recipient address rejected: User unknown");
        assertThat(run("probe", "--domain", "example.com", "--from", "probe@probe.example", "127.0.0.1:" + port)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Verdict: rejects unknown recipients at RCPT (good)")
                .contains("C: MAIL FROM:<probe@probe.example>").contains("S: 550 5.1.1").contains("DATA:        never sent");
        assertThat(received).noneMatch(l -> l.startsWith("DATA"));
    }

    @Test
    void acceptsUnknownIsExitOneAndJsonSaysSo() throws Exception {
        int port = serve("250 2.1.5 Ok");
        assertThat(run("probe", "--format", "json", "--null-sender", "--valid", "postmaster@example.com", "127.0.0.1:" + port))
                .isEqualTo(1);
        JsonNode j = new ObjectMapper().readTree(out.toByteArray());
        assertThat(j.get("verdict").asText()).isEqualTo("accepts-unknown");
        assertThat(j.get("exitCode").asInt()).isEqualTo(1);
        assertThat(j.get("domain").asText()).isEqualTo("example.com");
        assertThat(j.get("domainFromGreeting").asBoolean()).isTrue();
        assertThat(j.get("sender").asText()).isEmpty();
        assertThat(j.at("/probeReply/code").asInt()).isEqualTo(250);
        assertThat(j.at("/validReply/code").asInt()).isEqualTo(250);
        assertThat(j.at("/tls/certificateVerified").asBoolean()).isFalse();
        assertThat(j.get("dataSent").asBoolean()).isFalse();
        assertThat(j.get("transcript").size()).isGreaterThan(8);
        assertThat(received).contains("MAIL FROM:<>", "RCPT TO:<postmaster@example.com>");
    }

    @Test
    void temporaryFailureIsExitTwo() throws Exception {
        int port = serve("450 4.2.0 Greylisted");
        assertThat(run("probe", "--no-tls", "--domain", "example.com", "127.0.0.1:" + port)).isEqualTo(2);
    }

    @Test
    void usageErrorsAreExitThreeWithAMessage() {
        assertThat(run("probe", "mx.example.com:smtp")).isEqualTo(3);
        assertThat(run("probe", "--from", "<probe@example.net>", "mx.example.com")).isEqualTo(3);
        assertThat(run("probe", "--from", "a@b.example", "--null-sender", "mx.example.com")).isEqualTo(3);
        assertThat(run("probe", "--domain", "exa mple.com", "mx.example.com")).isEqualTo(3);
        assertThat(run("probe", "--timeout", "0", "mx.example.com")).isEqualTo(3);
        assertThat(run("probe")).isEqualTo(3);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("'smtp' is not a port number").contains("no angle brackets")
                .contains("mutually exclusive").contains("is not a domain name").contains("timeouts must be positive");
    }

    @Test
    void nobodyListeningIsExitThree() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertThat(run("probe", "--domain", "example.com", "--connect-timeout", "2", "127.0.0.1:" + port)).isEqualTo(3);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("connection or protocol error").contains("cannot connect");
    }
}
